package org.metermesh.rpl.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The mapping and EWMA of {@link EtxEstimator}, with the arithmetic spelled out. Sensitivity -100 dBm. */
class EtxEstimatorTest {

    private final EtxEstimator estimator = new EtxEstimator(EtxConfig.defaults());

    @Test
    void firstGuessFromSignalMargin() {
        // margin = min(RSSI + 100, LQI * 40 / 255); ETX = 128 * 20 / margin, 128 at 20 dB and up, at most 384.
        assertThat(estimator.initialEtx(-70, 255)).isEqualTo(128);   // margin min(30, 40) = 30 >= 20
        assertThat(estimator.initialEtx(-80, 255)).isEqualTo(128);   // margin 20
        assertThat(estimator.initialEtx(-90, 255)).isEqualTo(256);   // margin 10: PRR 0.5, ETX 2
        assertThat(estimator.initialEtx(-85, 255)).isEqualTo(171);   // margin 15: 128 * 20 / 15 = 170.67
        assertThat(estimator.initialEtx(-93, 255)).isEqualTo(366);   // margin 7: 128 * 20 / 7 = 365.7
        assertThat(estimator.initialEtx(-95, 255)).isEqualTo(384);   // margin 5: 512, capped at ETX_INIT_MAX 3
        assertThat(estimator.initialEtx(-100, 255)).isEqualTo(384);  // margin 0
        assertThat(estimator.initialEtx(-120, 255)).isEqualTo(384);  // below sensitivity
    }

    @Test
    void aPoorLqiOutweighsAStrongRssi() {
        // RSSI -60 (margin 40) but LQI 64: 64 * 40 / 255 = 10.04 dB -> 128 * 20 / 10.04 = 255.
        assertThat(estimator.initialEtx(-60, 64)).isEqualTo(255);
        // LQI 128 -> 20.08 dB: perfect.
        assertThat(estimator.initialEtx(-60, 128)).isEqualTo(128);
        // No LQI from the radio (-1): RSSI alone.
        assertThat(estimator.initialEtx(-90, -1)).isEqualTo(256);
    }

    @Test
    void samplesCountAttemptsAndPenaliseLosses() {
        // Acked at the first attempt: 1 * 128. Acked after 3: 384. Not acked after 4: (4 + 12) * 128 = 2048.
        assertThat(estimator.sample(true, 1)).isEqualTo(128);
        assertThat(estimator.sample(true, 3)).isEqualTo(384);
        assertThat(estimator.sample(false, 4)).isEqualTo(2048);
        assertThat(estimator.sample(false, 1)).isEqualTo(1664);
        assertThatIllegalArgumentException().isThrownBy(() -> estimator.sample(true, 0));
    }

    @Test
    void ewmaBootstrapsThenSettles() {
        // Start 256 (a 10 dB first guess). Four bootstrap samples with weight 0.25, then 0.1 (history 0.9).
        double etx = 256;
        etx = estimator.update(etx, 128, 0);  // 0.75 * 256 + 0.25 * 128 = 224
        assertThat(etx).isEqualTo(224.0);
        etx = estimator.update(etx, 128, 1);  // 0.75 * 224 + 32 = 200
        assertThat(etx).isEqualTo(200.0);
        etx = estimator.update(etx, 128, 2);  // 150 + 32 = 182
        assertThat(etx).isEqualTo(182.0);
        etx = estimator.update(etx, 128, 3);  // 136.5 + 32 = 168.5, carried as RPL's 169
        assertThat(etx).isEqualTo(168.5);
        assertThat(EtxEstimator.toFixedPoint(etx)).isEqualTo(169);
        etx = estimator.update(etx, 1664, 4); // a loss: 0.9 * 168.5 + 0.1 * 1664 = 151.65 + 166.4 = 318.05
        assertThat(etx).isCloseTo(318.05, within(1e-9));
        etx = estimator.update(etx, 128, 5);  // 286.245 + 12.8 = 299.045
        assertThat(etx).isCloseTo(299.045, within(1e-9));
        assertThat(EtxEstimator.toFixedPoint(etx)).isEqualTo(299);
    }

    @Test
    void aSteadyLinkConvergesToItsTrueEtx() {
        // Every frame needs two attempts: the estimate converges to 256 (ETX 2) from anywhere; after n samples at
        // weight 0.1 the error is 0.9^n of the start: 128 * 0.9^96 (after 4 bootstrap samples) is far below 0.5.
        double etx = 384;
        for (int i = 0; i < 100; i++) {
            etx = estimator.update(etx, estimator.sample(true, 2), i);
        }
        assertThat(EtxEstimator.toFixedPoint(etx)).isEqualTo(256);
    }

    @Test
    void configRejectsNonsense() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EtxConfig(-100, 40, 20, 100, 0.1, 0.25, 4, 12));
        assertThatIllegalArgumentException().isThrownBy(() -> new EtxConfig(-100, 40, 20, 384, 0, 0.25, 4, 12));
        assertThatIllegalArgumentException().isThrownBy(() -> new EtxConfig(Double.NaN, 40, 20, 384, 0.1, 0.25, 4, 12));
        assertThat(EtxConfig.defaults().withSensitivityDbm(-110).sensitivityDbm()).isEqualTo(-110);
    }
}
