package org.metermesh.rpl.link;

import org.metermesh.rpl.of.Etx;

/**
 * Parameters of {@link EtxEstimator}; see there for where each default comes from.
 *
 * @param sensitivityDbm      receiver sensitivity: RSSI with no margin (default -100 dBm, SUN FSK)
 * @param lqiSpanDb           dB of margin that LQI 255 stands for (default 40, the radio bundle's mapping)
 * @param fullQualityMarginDb margin at which the first guess is ETX 1 (default 20 dB)
 * @param maxInitialEtx       cap of the first guess, fixed point (default 3 * 128, Contiki-NG ETX_INIT_MAX)
 * @param sampleWeight        EWMA weight of a new sample (default 0.1, Contiki-NG EWMA_ALPHA)
 * @param bootstrapWeight     EWMA weight while bootstrapping (default 0.25, EWMA_BOOTSTRAP_ALPHA)
 * @param bootstrapSamples    samples that use the bootstrap weight (default 4, FRESHNESS_TARGET)
 * @param noAckPenalty        attempts added for an unacknowledged request (default 12, ETX_NOACK_PENALTY)
 * @param noAckTransmissions  transmissions behind a MAC NO_ACK verdict (default 4: IEEE 802.15.4-2015 Table 8-94
 *                            macMaxFrameRetries 3, plus the first attempt), for the ETX sample and the bootstrap
 *                            count; with the penalty a NO_ACK weighs 4 + 12 = 16 transmissions, Contiki-NG
 *                            link-stats.c's flat ETX_NOACK_PENALTY 16
 */
public record EtxConfig(double sensitivityDbm, double lqiSpanDb, double fullQualityMarginDb, int maxInitialEtx,
        double sampleWeight, double bootstrapWeight, int bootstrapSamples, int noAckPenalty, int noAckTransmissions) {

    /** IEEE 802.15.4 macMaxFrameRetries default (3) plus the first attempt. */
    public static final int DEFAULT_NO_ACK_TRANSMISSIONS = 4;

    public EtxConfig {
        if (!Double.isFinite(sensitivityDbm)) {
            throw new IllegalArgumentException("sensitivity " + sensitivityDbm + " is not finite");
        }
        if (!(lqiSpanDb > 0) || !(fullQualityMarginDb > 0)) {
            throw new IllegalArgumentException("LQI span and full-quality margin must be positive");
        }
        if (maxInitialEtx < Etx.ONE || maxInitialEtx > Etx.MAX) {
            throw new IllegalArgumentException("max initial ETX " + maxInitialEtx + " is outside 128..65535");
        }
        if (!(sampleWeight > 0 && sampleWeight <= 1) || !(bootstrapWeight > 0 && bootstrapWeight <= 1)) {
            throw new IllegalArgumentException("EWMA weights must be in (0, 1]");
        }
        if (bootstrapSamples < 0 || noAckPenalty < 0) {
            throw new IllegalArgumentException("bootstrap samples and no-ACK penalty must not be negative");
        }
        if (noAckTransmissions < 1) {
            throw new IllegalArgumentException("no-ACK transmissions " + noAckTransmissions + " is below 1");
        }
    }

    /** With {@link #DEFAULT_NO_ACK_TRANSMISSIONS}. */
    public EtxConfig(double sensitivityDbm, double lqiSpanDb, double fullQualityMarginDb, int maxInitialEtx,
            double sampleWeight, double bootstrapWeight, int bootstrapSamples, int noAckPenalty) {
        this(sensitivityDbm, lqiSpanDb, fullQualityMarginDb, maxInitialEtx, sampleWeight, bootstrapWeight,
                bootstrapSamples, noAckPenalty, DEFAULT_NO_ACK_TRANSMISSIONS);
    }

    /** The defaults documented in {@link EtxEstimator}. */
    public static EtxConfig defaults() {
        return new EtxConfig(-100.0, 40.0, 20.0, 3 * Etx.DIVISOR, 0.1, 0.25, 4, 12, DEFAULT_NO_ACK_TRANSMISSIONS);
    }

    public EtxConfig withSensitivityDbm(double dbm) {
        return new EtxConfig(dbm, lqiSpanDb, fullQualityMarginDb, maxInitialEtx, sampleWeight, bootstrapWeight,
                bootstrapSamples, noAckPenalty, noAckTransmissions);
    }
}
