package org.metermesh.rpl.of;

/**
 * Rank arithmetic of RFC 6550. A Rank is a 16-bit value; only its integer part, DAGRank(rank) =
 * floor(rank / MinHopRankIncrease) (RFC 6550 3.5.1), matters when ranks are compared for loop avoidance.
 */
public final class Rank {

    /** INFINITE_RANK (RFC 6550 17): the rank of a node that has no path to a root, and of poisoning DIOs (8.2.2.5). */
    public static final int INFINITE_RANK = 0xffff;

    /** BASE_RANK (RFC 6550 17): the rank of a virtual root coordinating several roots. */
    public static final int BASE_RANK = 0;

    private Rank() {
    }

    /** ROOT_RANK (RFC 6550 17): MinHopRankIncrease, the rank a DODAG root advertises. */
    public static int rootRank(int minHopRankIncrease) {
        checkMinHop(minHopRankIncrease);
        return minHopRankIncrease;
    }

    /** DAGRank(rank) = floor(rank / MinHopRankIncrease) (RFC 6550 3.5.1). */
    public static int dagRank(int rank, int minHopRankIncrease) {
        checkMinHop(minHopRankIncrease);
        return rank / minHopRankIncrease;
    }

    /** Whether {@code a} is lesser than {@code b} in DAGRank terms: closer to the root (RFC 6550 3.5.1). */
    public static boolean lesser(int a, int b, int minHopRankIncrease) {
        return dagRank(a, minHopRankIncrease) < dagRank(b, minHopRankIncrease);
    }

    /**
     * The rank rounded up to the next integral rank, MinHopRankIncrease * (1 + floor(rank / MinHopRankIncrease))
     * (RFC 6719 3.3, second value), capped at {@link #INFINITE_RANK}: the least rank a child of a node with this
     * rank can have.
     */
    public static int nextIntegralRank(int rank, int minHopRankIncrease) {
        long next = (long) minHopRankIncrease * (1 + dagRank(rank, minHopRankIncrease));
        return (int) Math.min(INFINITE_RANK, next);
    }

    static void checkMinHop(int minHopRankIncrease) {
        if (minHopRankIncrease < 1 || minHopRankIncrease > 0xffff) {
            throw new IllegalArgumentException("MinHopRankIncrease " + minHopRankIncrease + " is outside 1..65535");
        }
    }
}
