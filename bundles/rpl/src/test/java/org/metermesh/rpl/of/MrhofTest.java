package org.metermesh.rpl.of;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * MRHOF with ETX (RFC 6719), MinHopRankIncrease 128 so that Rank = ETX path cost in 1/128 units and ROOT_RANK =
 * 128. Each expected value is derived in the comment above it.
 */
class MrhofTest {

    private static final int MHRI = 128;
    private static final int ROOT = 128;

    private final Mrhof mrhof = new Mrhof(MHRI, 1024);

    private static ParentCandidate<String> c(String id, int rank, int etx) {
        return ParentCandidate.of(id, rank, etx);
    }

    @Test
    void constantsAreRfc6719s() {
        // RFC 6719 5: MAX_LINK_METRIC 512 (ETX 4), MAX_PATH_COST 32768 (ETX 256), PARENT_SWITCH_THRESHOLD 192
        // (ETX 1.5), PARENT_SET_SIZE 3.
        assertThat(Mrhof.MAX_LINK_METRIC).isEqualTo(Etx.fromDouble(4));
        assertThat(Mrhof.MAX_PATH_COST).isEqualTo(Etx.fromDouble(256));
        assertThat(Mrhof.PARENT_SWITCH_THRESHOLD).isEqualTo(Etx.fromDouble(1.5));
        assertThat(Mrhof.PARENT_SET_SIZE).isEqualTo(3);
        assertThat(mrhof.ocp()).isEqualTo(1);
    }

    @Test
    void pathCostIsAdvertisedCostPlusLinkEtxAndRankFollowsIt() {
        // Root advertises rank 128. A link of ETX 1.5 (192): cost = 128 + 192 = 320.
        // Rank = max(cost 320, next integral rank above the parent's 128 * (1 + 1) = 256) = 320.
        ParentCandidate<String> viaRoot = c("root", ROOT, 192);
        assertThat(mrhof.pathCost(viaRoot)).isEqualTo(320);
        assertThat(mrhof.rankVia(viaRoot)).isEqualTo(320);
        // A perfect link (ETX 1, 128) to a parent of rank 300: cost 428, next integral rank 128 * (1 + 2) = 384,
        // rank max(428, 384) = 428.
        assertThat(mrhof.rankVia(c("p", 300, 128))).isEqualTo(428);
        // A metric container overrides the rank as the advertised path cost: 200 + 128 = 328, but the rank must
        // still clear the parent's rank 300: max(328, 384) = 384.
        ParentCandidate<String> withMc = new ParentCandidate<>("q", 300, 128, 200);
        assertThat(mrhof.pathCost(withMc)).isEqualTo(328);
        assertThat(mrhof.rankVia(withMc)).isEqualTo(384);
    }

    @Test
    void linksAndPathsBeyondTheLimitsAreExcluded() {
        // RFC 6719 3.2.2: link metric above MAX_LINK_METRIC (512) or path cost above MAX_PATH_COST excluded.
        assertThat(mrhof.acceptable(c("a", ROOT, 512))).isTrue();
        assertThat(mrhof.acceptable(c("b", ROOT, 513))).isFalse();
        assertThat(mrhof.acceptable(c("c", 32768 - 128, 128))).isTrue();   // cost exactly 32768
        assertThat(mrhof.acceptable(c("d", 32768 - 127, 128))).isFalse();  // 32769
        assertThat(mrhof.acceptable(c("e", ROOT, ParentCandidate.UNKNOWN))).isFalse();
        ParentSet<String> set = mrhof.selectParents(List.of(c("b", ROOT, 513)), null, Rank.INFINITE_RANK);
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.rank()).isEqualTo(Rank.INFINITE_RANK);
    }

    @Test
    void prefersTheLeastPathCost() {
        // root over ETX 3.5 (448): cost 576. A (rank 256) over ETX 1 (128): cost 384. B (rank 384) over 1: 512.
        List<ParentCandidate<String>> cs = List.of(c("root", ROOT, 448), c("A", 256, 128), c("B", 384, 128));
        ParentSet<String> set = mrhof.selectParents(cs, null, Rank.INFINITE_RANK);
        assertThat(set.preferred()).contains("A");
        assertThat(set.pathCost()).isEqualTo(384);
        // Rank 384 (DAGRank 3). Further parents need DAGRank < 3 and must not raise the rank: root (DAGRank 1) is
        // cheapest next (576) but rule 3 gives 576 - MaxRankIncrease 1024 < 384, and its next integral rank is
        // 256: the rank stays 384, root joins. B has DAGRank 3: excluded.
        assertThat(set.rank()).isEqualTo(384);
        assertThat(set.parents()).containsExactly("A", "root");
    }

    @Test
    void hysteresisKeepsTheCurrentParentUnlessTheGainReachesTheThreshold() {
        // Current parent P: rank 384, link 216 -> cost 600.
        // Q: rank 256, link 194 -> cost 450: better by 150 < 192, keep P (RFC 6719 3.2.2).
        List<ParentCandidate<String>> small = List.of(c("P", 384, 216), c("Q", 256, 194));
        assertThat(mrhof.selectParents(small, "P", 600).preferred()).contains("P");
        // R: rank 256, link 152 -> cost 408: better by 192 = threshold: switch.
        List<ParentCandidate<String>> large = List.of(c("P", 384, 216), c("R", 256, 152));
        assertThat(mrhof.selectParents(large, "P", 600).preferred()).contains("R");
        // Without a current parent the cheapest is taken at once.
        assertThat(mrhof.selectParents(small, null, Rank.INFINITE_RANK).preferred()).contains("Q");
        // A threshold of 0 (a custom MRHOF) switches on any gain.
        Mrhof eager = new Mrhof(MHRI, 1024, Mrhof.MAX_LINK_METRIC, Mrhof.MAX_PATH_COST, 0, 3);
        assertThat(eager.selectParents(small, "P", 600).preferred()).contains("Q");
    }

    @Test
    void rankIsTheLargestOfTheThreeRfc6719Values() {
        // Preferred A: rank 256, link 128 -> cost 384, rank via A = max(384, 384) = 384.
        // Other parent X: rank 300 (DAGRank 2 < 3), link 100 -> cost 400.
        //   value 1: 384; value 2: next integral rank above 300 = 384; value 3: 400 - MaxRankIncrease.
        ParentCandidate<String> a = c("A", 256, 128);
        ParentCandidate<String> x = c("X", 300, 100);
        assertThat(mrhof.rank(a, List.of(x))).isEqualTo(384);                     // 400 - 1024 < 0
        assertThat(new Mrhof(MHRI, 0).rank(a, List.of(x))).isEqualTo(400);        // 400 - 0 = 400 wins
        assertThat(new Mrhof(MHRI, 10).rank(a, List.of(x))).isEqualTo(390);      // 400 - 10 = 390
        // With MaxRankIncrease 0, X would raise the rank from 384 to 400: it is left out of the parent set.
        ParentSet<String> set = new Mrhof(MHRI, 0).selectParents(List.of(a, x), null, Rank.INFINITE_RANK);
        assertThat(set.parents()).containsExactly("A");
        assertThat(set.rank()).isEqualTo(384);
    }

    @Test
    void theParentSetHoldsAtMostThree() {
        List<ParentCandidate<String>> cs = List.of(c("r1", ROOT, 128), c("r2", ROOT, 140), c("r3", ROOT, 150),
                c("r4", ROOT, 160));
        ParentSet<String> set = mrhof.selectParents(cs, null, Rank.INFINITE_RANK);
        // Costs 256, 268, 278, 288; rank via r1 = max(256, 256) = 256 (DAGRank 2); all have DAGRank 1.
        assertThat(set.parents()).containsExactly("r1", "r2", "r3");
        assertThat(set.rank()).isEqualTo(256);
    }

    @Test
    void neverChoosesAParentWhoseRankIsNotBelowItsOwnAfterTheSwitch() {
        // RFC 6550 8.2.2.4. The node advertised L = 384 (DAGRank 3). MaxRankIncrease 0: it may not go above
        // DAGRank 3 in this DODAG Version.
        Mrhof strict = new Mrhof(MHRI, 0);
        // N1 (rank 384, DAGRank 3) would give rank 512 (DAGRank 4 > 3): refused, even though it is the only one.
        assertThat(strict.selectParents(List.of(c("N1", 384, 128)), null, 384).isEmpty()).isTrue();
        // With MaxRankIncrease 256 the limit is DAGRank((384 + 256) / 128) = 5: N1 is allowed (local repair).
        assertThat(new Mrhof(MHRI, 256).selectParents(List.of(c("N1", 384, 128)), null, 384).preferred())
                .contains("N1");
        // S sits at the node's own rank 384 (DAGRank 3). Through P the node keeps rank 384, so S cannot join the
        // parent set: its DAGRank is not below the node's (RFC 6550 8.2.2.4 rule 1), however good its link.
        ParentSet<String> set = mrhof.selectParents(List.of(c("P", 256, 128), c("S", 384, 10)), "P", 384);
        assertThat(set.parents()).containsExactly("P");
        // Poisoned (INFINITE_RANK) and impossible (below ROOT_RANK) candidates are ignored.
        assertThat(mrhof.selectParents(List.of(c("poisoned", Rank.INFINITE_RANK, 128), c("bogus", 127, 128)), null,
                Rank.INFINITE_RANK).isEmpty()).isTrue();
    }

    @Test
    void whenThePreferredParentDisappearsTheNextBestTakesOver() {
        // Self-healing: P is gone from the candidates; Q (cost 256 + 200 = 456) is chosen at once, within
        // L + MaxRankIncrease = 384 + 1024.
        List<ParentCandidate<String>> after = List.of(c("Q", 256, 200), c("R", 384, 128));
        ParentSet<String> set = mrhof.selectParents(after, "P", 384);
        assertThat(set.preferred()).contains("Q");
        assertThat(set.rank()).isEqualTo(456);
    }

    @Test
    void selectionIsDeterministicForEqualCandidates() {
        List<ParentCandidate<String>> cs = List.of(c("x", ROOT, 128), c("y", ROOT, 128));
        assertThat(mrhof.selectParents(cs, null, Rank.INFINITE_RANK).parents()).containsExactly("x", "y");
        assertThat(mrhof.selectParents(cs, "y", Rank.INFINITE_RANK).parents()).containsExactly("y", "x");
    }
}
