package org.metermesh.radio.mac;

import org.metermesh.radio.phy.ChannelPlan;

/**
 * MAC timing constants of a PHY (IEEE 802.15.4-2015 8.4.2, Table 8-93 and 11.3, Table 11-1).
 *
 * @param turnaroundNanos  aTurnaroundTime: receive-to-transmit switch, also the wait before an immediate ACK
 * @param unitBackoffNanos aUnitBackoffPeriod = aTurnaroundTime + aCcaTime
 */
public record MacTiming(long turnaroundNanos, long unitBackoffNanos) {

    /** CCA lasts 8 symbols (aCcaTime). */
    private static final int CCA_SYMBOLS = 8;

    /**
     * O-QPSK: 16 us symbols, aTurnaroundTime 12 symbols. SUN FSK: aTurnaroundTime 1 ms (11.3), one symbol per bit
     * for 2-FSK.
     */
    public static MacTiming of(ChannelPlan plan) {
        if (plan == ChannelPlan.OQPSK_2450) {
            long symbol = 16_000;
            return new MacTiming(12 * symbol, (12 + CCA_SYMBOLS) * symbol);
        }
        long symbol = 1_000_000_000L / plan.dataRateBps();
        long turnaround = 1_000_000;
        return new MacTiming(turnaround, turnaround + CCA_SYMBOLS * symbol);
    }

    /**
     * macAckWaitDuration: how long to wait for an ACK after a frame ends. The ACK follows one turnaround later and
     * takes its airtime; one unit backoff period more covers the receiver's timing slack (8.4.3.1).
     */
    public long ackWaitNanos(ChannelPlan plan, int ackPsduLength) {
        return unitBackoffNanos + turnaroundNanos + plan.airtimeNanos(ackPsduLength);
    }
}
