package org.metermesh.rpl.of;

import java.util.List;

/**
 * Objective Function Zero (RFC 6552): minimise the Rank, with a rank increase per hop of
 * <pre>
 *   R(N) = R(P) + rank_increase,   rank_increase = (Rf * Sp + Sr) * MinHopRankIncrease      (RFC 6552 4.1)
 * </pre>
 * where Rf is the rank_factor, Sp the step_of_rank of the link ({@link StepOfRank}) and Sr the stretch_of_rank.
 * With the defaults (Rf 1, Sp 3, Sr 0, MinHopRankIncrease 256) every hop adds DEFAULT_RANK_INCREASE = 768.
 *
 * <p>The preferred parent is the acceptable neighbour giving the least resulting rank (RFC 6552 4.2.1), the
 * current one on a tie for stability; OF0 switches on any strict improvement, with no hysteresis beyond that, as
 * Contiki-NG's OF0 ("path costs coarse-grained, we operate without hysteresis"). The parent set holds the
 * preferred parent and one backup feasible successor (RFC 6552 4.2.2), which must have a lesser DAGRank than this
 * node. Preferences between DODAGs (grounded, DODAGPreference, administrative) are the DODAG selection's, not
 * this class's: all candidates given to it belong to one DODAG Version.
 */
public final class Of0 implements ObjectiveFunction {

    /** DEFAULT_STEP_OF_RANK (RFC 6552 6). */
    public static final int DEFAULT_STEP_OF_RANK = 3;
    /** MINIMUM_STEP_OF_RANK (RFC 6552 6). */
    public static final int MINIMUM_STEP_OF_RANK = 1;
    /** MAXIMUM_STEP_OF_RANK (RFC 6552 6). */
    public static final int MAXIMUM_STEP_OF_RANK = 9;
    /** DEFAULT_RANK_STRETCH (RFC 6552 6). */
    public static final int DEFAULT_RANK_STRETCH = 0;
    /** MAXIMUM_RANK_STRETCH (RFC 6552 6). */
    public static final int MAXIMUM_RANK_STRETCH = 5;
    /** DEFAULT_RANK_FACTOR (RFC 6552 6). */
    public static final int DEFAULT_RANK_FACTOR = 1;
    /** MINIMUM_RANK_FACTOR (RFC 6552 6). */
    public static final int MINIMUM_RANK_FACTOR = 1;
    /** MAXIMUM_RANK_FACTOR (RFC 6552 6). */
    public static final int MAXIMUM_RANK_FACTOR = 4;
    /**
     * DEFAULT_RANK_INCREASE = (DEFAULT_RANK_FACTOR * DEFAULT_STEP_OF_RANK + DEFAULT_RANK_STRETCH) *
     * DEFAULT_MIN_HOP_RANK_INCREASE = (1 * 3 + 0) * 256 (RFC 6552 6).
     */
    public static final int DEFAULT_RANK_INCREASE = (DEFAULT_RANK_FACTOR * DEFAULT_STEP_OF_RANK + DEFAULT_RANK_STRETCH)
            * 256;
    /** The parent set: the preferred parent and a backup feasible successor (RFC 6552 4.2.2). */
    public static final int PARENT_SET_SIZE = 2;

    private final int minHopRankIncrease;
    private final int maxRankIncrease;
    private final int rankFactor;
    private final int rankStretch;
    private final StepOfRank stepOfRank;

    /**
     * @param minHopRankIncrease MinHopRankIncrease of the DODAG, 1-65535
     * @param maxRankIncrease    DAGMaxRankIncrease of the DODAG, 0-65535
     * @param rankFactor         Rf, {@link #MINIMUM_RANK_FACTOR} to {@link #MAXIMUM_RANK_FACTOR}
     * @param rankStretch        Sr, 0 to {@link #MAXIMUM_RANK_STRETCH}
     * @param stepOfRank         Sp per link
     */
    public Of0(int minHopRankIncrease, int maxRankIncrease, int rankFactor, int rankStretch, StepOfRank stepOfRank) {
        Rank.checkMinHop(minHopRankIncrease);
        if (maxRankIncrease < 0 || maxRankIncrease > 0xffff) {
            throw new IllegalArgumentException("MaxRankIncrease " + maxRankIncrease + " is outside 0..65535");
        }
        if (rankFactor < MINIMUM_RANK_FACTOR || rankFactor > MAXIMUM_RANK_FACTOR) {
            throw new IllegalArgumentException("rank factor " + rankFactor + " is outside 1..4 (RFC 6552 6)");
        }
        if (rankStretch < 0 || rankStretch > MAXIMUM_RANK_STRETCH) {
            throw new IllegalArgumentException("rank stretch " + rankStretch + " is outside 0..5 (RFC 6552 6)");
        }
        this.minHopRankIncrease = minHopRankIncrease;
        this.maxRankIncrease = maxRankIncrease;
        this.rankFactor = rankFactor;
        this.rankStretch = rankStretch;
        this.stepOfRank = java.util.Objects.requireNonNull(stepOfRank, "stepOfRank");
    }

    /** Rf 1, Sr 0 and Sp from ETX ({@link StepOfRank#FROM_ETX}). */
    public static Of0 withDefaults(int minHopRankIncrease, int maxRankIncrease) {
        return new Of0(minHopRankIncrease, maxRankIncrease, DEFAULT_RANK_FACTOR, DEFAULT_RANK_STRETCH,
                StepOfRank.FROM_ETX);
    }

    /** rank_increase = (Rf * Sp + Sr) * MinHopRankIncrease for a link of step {@code sp} (RFC 6552 4.1). */
    public int rankIncrease(int sp) {
        return (rankFactor * sp + rankStretch) * minHopRankIncrease;
    }

    /** Sp for the link to {@code candidate}. */
    public int stepOfRank(ParentCandidate<?> candidate) {
        return stepOfRank.step(candidate.linkMetric());
    }

    @Override
    public int ocp() {
        return OCP_OF0;
    }

    @Override
    public int minHopRankIncrease() {
        return minHopRankIncrease;
    }

    @Override
    public int maxRankIncrease() {
        return maxRankIncrease;
    }

    @Override
    public boolean acceptable(ParentCandidate<?> candidate) {
        int sp = stepOfRank(candidate);
        return sp >= MINIMUM_STEP_OF_RANK && sp <= MAXIMUM_STEP_OF_RANK;
    }

    /** OF0 minimises the resulting rank, so its path cost is {@link #rankVia}. */
    @Override
    public int pathCost(ParentCandidate<?> candidate) {
        return rankVia(candidate);
    }

    /** R(N) = R(P) + rank_increase, capped at INFINITE_RANK (RFC 6552 4.1). */
    @Override
    public int rankVia(ParentCandidate<?> candidate) {
        if (candidate.rank() >= Rank.INFINITE_RANK || !acceptable(candidate)) {
            return Rank.INFINITE_RANK;
        }
        long r = (long) candidate.rank() + rankIncrease(stepOfRank(candidate));
        return (int) Math.min(Rank.INFINITE_RANK, r);
    }

    /** OF0's rank follows the preferred parent only (RFC 6552 4.1); the backup does not change it. */
    @Override
    public int rank(ParentCandidate<?> preferred, List<? extends ParentCandidate<?>> others) {
        return rankVia(preferred);
    }

    @Override
    public int switchThreshold() {
        return 0;
    }

    @Override
    public int parentSetSize() {
        return PARENT_SET_SIZE;
    }

    @Override
    public String toString() {
        return "OF0[MinHopRankIncrease=" + minHopRankIncrease + ", MaxRankIncrease=" + maxRankIncrease + ", Rf="
                + rankFactor + ", Sr=" + rankStretch + "]";
    }
}
