package org.metermesh.rpl.of;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

/** OF0 (RFC 6552) with numbers worked out from its formulas. */
class Of0Test {

    private static final int ROOT = 256; // ROOT_RANK with DEFAULT_MIN_HOP_RANK_INCREASE 256

    private static ParentCandidate<String> c(String id, int rank, double etx) {
        return ParentCandidate.of(id, rank, Etx.fromDouble(etx));
    }

    @Test
    void defaultRankIncreaseIs768() {
        // RFC 6552 6: DEFAULT_RANK_INCREASE = (DEFAULT_RANK_FACTOR * DEFAULT_STEP_OF_RANK + DEFAULT_RANK_STRETCH)
        //   * DEFAULT_MIN_HOP_RANK_INCREASE = (1 * 3 + 0) * 256 = 768.
        assertThat(Of0.DEFAULT_RANK_INCREASE).isEqualTo(768);
        Of0 of0 = new Of0(256, 0, 1, 0, StepOfRank.FIXED_DEFAULT);
        assertThat(of0.rankIncrease(3)).isEqualTo(768);
        // R(N) = R(P) + rank_increase: root 256 -> 1024 (DAGRank 4) -> 1792 (DAGRank 7).
        assertThat(of0.rankVia(c("root", ROOT, 1.0))).isEqualTo(1024);
        assertThat(of0.rankVia(c("hop1", 1024, 2.0))).isEqualTo(1792);
    }

    @Test
    void rankFactorStretchAndStepCombine() {
        // (Rf * Sp + Sr) * MinHopRankIncrease: Rf 2, Sp 3, Sr 5 -> (6 + 5) * 256 = 2816.
        Of0 of0 = new Of0(256, 0, 2, 5, StepOfRank.FIXED_DEFAULT);
        assertThat(of0.rankIncrease(3)).isEqualTo(2816);
        assertThat(of0.rankVia(c("root", ROOT, 1.0))).isEqualTo(256 + 2816);
        // The most RFC 6552 6 allows: (MAXIMUM_RANK_FACTOR 4 * MAXIMUM_STEP_OF_RANK 9 + MAXIMUM_RANK_STRETCH 5)
        // * 256 = 41 * 256 = 10496.
        assertThat(new Of0(256, 0, 4, 5, StepOfRank.FIXED_DEFAULT).rankIncrease(9)).isEqualTo(10496);
        assertThatIllegalArgumentException().isThrownBy(() -> new Of0(256, 0, 5, 0, StepOfRank.FIXED_DEFAULT));
        assertThatIllegalArgumentException().isThrownBy(() -> new Of0(256, 0, 1, 6, StepOfRank.FIXED_DEFAULT));
    }

    @Test
    void stepOfRankFromEtxFollowsContikiNg() {
        // Sp = floor(3 * ETX) - 2: ETX 1 -> 1, 2 -> 4, 3 -> 7, 3.5 -> 8 (floor 10.5 = 10), 11/3 -> 9, 4 -> 10.
        assertThat(StepOfRank.FROM_ETX.step(Etx.fromDouble(1.0))).isEqualTo(1);
        assertThat(StepOfRank.FROM_ETX.step(Etx.fromDouble(2.0))).isEqualTo(4);
        assertThat(StepOfRank.FROM_ETX.step(Etx.fromDouble(3.0))).isEqualTo(7);
        assertThat(StepOfRank.FROM_ETX.step(Etx.fromDouble(3.5))).isEqualTo(8);
        assertThat(StepOfRank.FROM_ETX.step(470)).isEqualTo(9);      // 3 * 470 / 128 = 11.01 -> 11 - 2
        assertThat(StepOfRank.FROM_ETX.step(Etx.fromDouble(4.0))).isEqualTo(10);
        assertThat(StepOfRank.FROM_ETX.step(ParentCandidate.UNKNOWN)).isEqualTo(Of0.DEFAULT_STEP_OF_RANK);

        Of0 of0 = Of0.withDefaults(256, 0);
        // ETX 1: Sp 1, increase 256, rank 512. ETX 2: Sp 4, increase 1024, rank 1280.
        assertThat(of0.rankVia(c("a", ROOT, 1.0))).isEqualTo(512);
        assertThat(of0.rankVia(c("b", ROOT, 2.0))).isEqualTo(1280);
        // ETX 4: Sp 10 is above MAXIMUM_STEP_OF_RANK 9: not acceptable.
        assertThat(of0.acceptable(c("c", ROOT, 4.0))).isFalse();
        assertThat(of0.rankVia(c("c", ROOT, 4.0))).isEqualTo(Rank.INFINITE_RANK);
    }

    @Test
    void prefersTheLeastResultingRankAndKeepsABackupFeasibleSuccessor() {
        Of0 of0 = Of0.withDefaults(256, 1024);
        // via root (rank 256) over ETX 3: Sp 7 -> 256 + 1792 = 2048
        // via A (rank 512) over ETX 1:  Sp 1 -> 512 + 256 = 768
        // via B (rank 768) over ETX 1:  Sp 1 -> 768 + 256 = 1024
        List<ParentCandidate<String>> cs = List.of(c("root", 256, 3.0), c("A", 512, 1.0), c("B", 768, 1.0));
        ParentSet<String> set = of0.selectParents(cs, null, Rank.INFINITE_RANK);
        assertThat(set.preferred()).contains("A");
        assertThat(set.rank()).isEqualTo(768);
        // Backup (RFC 6552 4.2.2): next cheapest with DAGRank below ours (768 / 256 = 3): root (DAGRank 1).
        // B has DAGRank 3, not below 3: excluded. Root's path is worse but feasible.
        assertThat(set.parents()).containsExactly("A", "root");
        assertThat(set.pathCost()).isEqualTo(768);
    }

    @Test
    void aTieKeepsTheCurrentPreferredParent() {
        Of0 of0 = Of0.withDefaults(256, 1024);
        List<ParentCandidate<String>> cs = List.of(c("A", 512, 1.0), c("B", 512, 1.0));
        assertThat(of0.selectParents(cs, "B", 768).preferred()).contains("B");
        assertThat(of0.selectParents(cs, null, 768).preferred()).contains("A"); // no current: the earlier one
        // A strictly better candidate wins at once: OF0 has no hysteresis.
        List<ParentCandidate<String>> better = List.of(c("A", 256, 1.0), c("B", 512, 1.0));
        assertThat(of0.selectParents(better, "B", 768).preferred()).contains("A");
    }
}
