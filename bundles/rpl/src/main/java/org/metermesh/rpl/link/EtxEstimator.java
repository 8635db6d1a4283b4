package org.metermesh.rpl.link;

import org.metermesh.rpl.of.Etx;

/**
 * Estimates the ETX of a link (fixed point, divisor 128, {@link Etx}): a first guess from the signal on first
 * contact, then an exponentially weighted moving average of what unicast transmissions to the neighbour cost.
 * Stateless and immutable: the per-neighbour state lives in {@link NeighbourTable}.
 *
 * <h2>First contact: ETX from RSSI and LQI</h2>
 * The shape is Contiki-NG's {@code guess_etx_from_rssi} (os/net/link-stats.c): the packet reception ratio is taken
 * to rise linearly with the signal, ETX = 1 / PRR, capped at ETX_INIT_MAX = 3 so that an unknown weak link is
 * neither trusted nor ruled out before it has carried traffic. Contiki's window, PRR 0 at -90 dBm to PRR 1 at
 * -60 dBm, is an absolute 2.4 GHz (CC2420) figure; MeterMesh measures the signal as its margin above the receiver
 * sensitivity instead, so that the same rule serves the sub-GHz SUN FSK radios (sensitivity about -100 dBm, the
 * default of the radio bundle's LQI/RSSI mapping and simulated medium):
 * <pre>
 *   margin = min(RSSI - sensitivity, LQI * lqiSpanDb / 255)
 *   PRR    = margin / fullQualityMarginDb, clamped to [0, 1]
 *   ETX    = min(maxInitialEtx, 1 / PRR)                      (ETX 1 at 20 dB or more, 2 at 10 dB, 3 at 6.7 dB)
 * </pre>
 * LQI counts too because on real transceivers it reflects chip or symbol errors that RSSI alone misses (an
 * interferer raises the RSSI and lowers the LQI), so the link is judged by the worse of the two. The LQI span is
 * the radio bundle's: LQI 0 at sensitivity to 255 at 40 dB above it (IEEE 802.15.4-2015 10.2.6 leaves the
 * mapping to the transceiver). In the simulated medium both agree, and a 20 dB margin leaves a 127-octet frame
 * essentially free of errors. While no transmission has been acknowledged or lost, the table re-derives this
 * guess from the smoothed RSSI and LQI as more frames are heard.
 *
 * <h2>After traffic: ETX from acknowledgements</h2>
 * Each unicast data request yields one sample: the number of attempts it took when acknowledged, or attempts
 * plus a no-ACK penalty when it was not (so a lost frame weighs like many retries). The estimate moves towards the
 * sample by an EWMA, etx = (1 - w) * etx + w * sample, with w = {@link EtxConfig#sampleWeight()} = 0.1
 * (Contiki-NG link-stats.c EWMA_ALPHA 10 of EWMA_SCALE 100: the history keeps weight 0.9) and a faster
 * {@link EtxConfig#bootstrapWeight()} = 0.25 (EWMA_BOOTSTRAP_ALPHA) until {@link EtxConfig#bootstrapSamples()} = 4
 * transmissions were counted, this sample's included (Contiki-NG adds the request's transmissions to its
 * freshness counter first and bootstraps while it is below FRESHNESS_TARGET = 4). The penalty is 12 attempts
 * (ETX_NOACK_PENALTY of one version of link-stats.c, which adds it to the attempts; the current one uses a flat
 * 16). The radio API reports no retry count, so an acknowledged request counts as one transmission, and a NO_ACK
 * as {@link EtxConfig#noAckTransmissions()} = 4: the MAC's own retries (macMaxFrameRetries 3) were all spent. A
 * NO_ACK therefore samples 4 + 12 = 16, the current Contiki-NG value, and counts 4 towards the bootstrap, so a
 * single NO_ACK on a fresh link moves the estimate by 0.1 of the way to 16 (ETX 1 becomes 2.5, still usable under
 * MRHOF's MAX_LINK_METRIC 4), not by 0.25 (ETX 1 would become 4.75: one congested moment would rule the link out).
 * Three NO_ACKs in a row, twelve failed attempts, put a perfect link past MAX_LINK_METRIC.
 */
public final class EtxEstimator {

    private final EtxConfig config;

    public EtxEstimator(EtxConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    public EtxConfig config() {
        return config;
    }

    /**
     * The first-contact ETX for a link heard at {@code rssiDbm} with link quality {@code lqi} (0-255, or a
     * negative value when the radio gives none).
     */
    public int initialEtx(double rssiDbm, double lqi) {
        double margin = rssiDbm - config.sensitivityDbm();
        if (lqi >= 0) {
            margin = Math.min(margin, Math.min(lqi, 255) * config.lqiSpanDb() / 255);
        }
        if (Double.isNaN(margin) || margin <= 0) {
            return config.maxInitialEtx();
        }
        if (margin >= config.fullQualityMarginDb()) {
            return Etx.ONE;
        }
        double etx = Etx.DIVISOR * config.fullQualityMarginDb() / margin;
        return (int) Math.min(config.maxInitialEtx(), Math.round(etx));
    }

    /** The ETX sample of one data request: attempts, plus the penalty if it was never acknowledged. */
    public int sample(boolean acked, int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts " + attempts + " is below 1");
        }
        long transmissions = acked ? attempts : (long) attempts + config.noAckPenalty();
        return (int) Math.min(Etx.MAX, transmissions * Etx.DIVISOR);
    }

    /**
     * The estimate after one more sample, in fixed-point units but not rounded: an integer EWMA with weight 0.1
     * would stall up to 5 units (0.5 / 0.1) short of the true value. Round with {@link #toFixedPoint(double)}.
     *
     * @param current       the estimate so far
     * @param sample        from {@link #sample(boolean, int)}
     * @param transmissions transmissions counted on this link, this sample's included: below
     *                      {@link EtxConfig#bootstrapSamples()} the bootstrap weight applies
     */
    public double update(double current, int sample, long transmissions) {
        double w = transmissions < config.bootstrapSamples() ? config.bootstrapWeight() : config.sampleWeight();
        double next = (1 - w) * current + w * sample;
        return Math.max(Etx.ONE, Math.min(Etx.MAX, next));
    }

    /** An estimate rounded to the 16-bit fixed-point ETX RPL carries. */
    public static int toFixedPoint(double estimate) {
        return (int) Math.max(0, Math.min(Etx.MAX, Math.round(estimate)));
    }
}
