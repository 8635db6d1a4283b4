package org.metermesh.radio.phy;

import org.metermesh.api.radio.LinkState;

/**
 * What the MAC needs from a radio backend: put a PSDU on the air, hear PSDUs, tune, and sense the channel.
 *
 * <p>Backends are the simulated medium, a serial radio co-processor and ZEP over UDP. A backend that has its own
 * I/O threads hands every event to the stack's event loop (the {@code Scheduler} it was built with) before calling
 * the listener, so the MAC above it runs single-threaded.
 */
public interface RadioPhy extends AutoCloseable {

    /** Starts delivering events to {@code listener}. Called once. */
    void start(PhyListener listener);

    /**
     * Puts one PSDU (a MAC frame including its FCS) on the air on the current channel. The outcome is reported
     * once through {@link PhyListener#transmitDone(TxOutcome)}; one transmission at a time.
     */
    void transmit(byte[] psdu);

    /**
     * Tunes to a channel of the configured channel plan. On a radio following a hopping schedule this pins the
     * channel (to send, or to wait for an acknowledgement) until {@link #resumeHopping()}.
     */
    void setChannel(int channel);

    /**
     * Listens on {@code hopping}'s schedule for {@code eui64} from now on, whenever no channel is pinned by
     * {@link #setChannel(int)}. A radio that cannot follow a schedule refuses.
     *
     * @throws UnsupportedOperationException if this backend cannot hop
     */
    default void hop(ChannelHopping hopping, long eui64) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot follow a hopping schedule");
    }

    /** Releases the channel pinned by {@link #setChannel(int)}: back to the hopping schedule of {@link #hop}. */
    default void resumeHopping() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot follow a hopping schedule");
    }

    /** Transmit power for following transmissions. */
    void setTxPower(int dBm);

    /** Clear channel assessment: true if no energy above the CCA threshold is on the channel now. */
    boolean channelClear();

    /**
     * True while the radio is taking in a frame on the channel it listens on: a hopping MAC that retuned to send
     * would lose that frame, so it backs off as a transceiver busy receiving refuses to transmit. Radios that do
     * not tell (false) are retuned regardless.
     */
    default boolean receiving() {
        return false;
    }

    /**
     * True if the radio assesses the channel itself right before every transmission and reports a busy channel
     * as {@link TxOutcome#CHANNEL_BUSY}. The MAC then skips its own assessment, which for a co-processor would
     * cost a round trip on the event loop.
     */
    default boolean assessesChannelOnTransmit() {
        return false;
    }

    LinkState linkState();

    /** Stops the backend and releases its port or socket; no events follow. */
    @Override
    void close();
}
