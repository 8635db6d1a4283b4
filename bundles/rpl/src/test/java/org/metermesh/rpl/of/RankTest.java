package org.metermesh.rpl.of;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class RankTest {

    @Test
    void dagRankIsTheIntegerPart() {
        // RFC 6550 3.5.1: DAGRank(rank) = floor(rank / MinHopRankIncrease).
        assertThat(Rank.dagRank(256, 256)).isEqualTo(1);
        assertThat(Rank.dagRank(511, 256)).isEqualTo(1);
        assertThat(Rank.dagRank(512, 256)).isEqualTo(2);
        assertThat(Rank.dagRank(0xffff, 128)).isEqualTo(511);
        assertThat(Rank.lesser(300, 511, 256)).isFalse(); // same DAGRank 1: not lesser
        assertThat(Rank.lesser(300, 512, 256)).isTrue();
    }

    @Test
    void rootRankIsMinHopRankIncrease() {
        // RFC 6550 17: ROOT_RANK = MinHopRankIncrease.
        assertThat(Rank.rootRank(256)).isEqualTo(256);
        assertThat(Rank.rootRank(128)).isEqualTo(128);
    }

    @Test
    void nextIntegralRankRoundsUpToTheNextMultiple() {
        // RFC 6719 3.3: MinHopRankIncrease * (1 + floor(Rank / MinHopRankIncrease)).
        assertThat(Rank.nextIntegralRank(128, 128)).isEqualTo(256);  // 128 * (1 + 1)
        assertThat(Rank.nextIntegralRank(300, 128)).isEqualTo(384);  // 128 * (1 + 2)
        assertThat(Rank.nextIntegralRank(383, 128)).isEqualTo(384);
        assertThat(Rank.nextIntegralRank(0xff00, 256)).isEqualTo(0xffff); // capped at INFINITE_RANK
    }

    @Test
    void minHopRankIncreaseMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> Rank.dagRank(1, 0));
    }

    @Test
    void etxIsFixedPointWithDivisor128() {
        // RFC 6551 4.3.2: ETX * 128.
        assertThat(Etx.fromDouble(1.0)).isEqualTo(128);
        assertThat(Etx.fromDouble(1.5)).isEqualTo(192);
        assertThat(Etx.fromDouble(4.0)).isEqualTo(512);
        assertThat(Etx.fromDouble(1e9)).isEqualTo(0xffff);
        assertThat(Etx.toDouble(320)).isEqualTo(2.5);
    }
}
