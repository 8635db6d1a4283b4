package org.metermesh.rpl.of;

import java.util.List;

/**
 * The Minimum Rank with Hysteresis Objective Function (RFC 6719) with the ETX metric, without a DAG Metric
 * Container (as Contiki-NG's default): the path cost through a neighbour is its advertised path cost (its Rank
 * when its DIO carries no metric container) plus the ETX of the link to it (RFC 6719 3.1), and Rank = path cost
 * (RFC 6719 3.3, table: ETX). All values are ETX fixed point with divisor 128 ({@link Etx}).
 *
 * <ul>
 * <li>A neighbour is excluded when the ETX of its link is unknown or above {@link #MAX_LINK_METRIC}, or its path
 *     cost is above {@link #MAX_PATH_COST} (RFC 6719 3.2.2).</li>
 * <li>The preferred parent is the neighbour with the least path cost; the current one is kept unless another is
 *     cheaper by the switch threshold or more (RFC 6719 3.2.2): {@link #PARENT_SWITCH_THRESHOLD} by default,
 *     {@link #METERMESH_PARENT_SWITCH_THRESHOLD} as meters run it ({@link #forMeters}).</li>
 * <li>The Rank is the largest of (RFC 6719 3.3): the path cost through the preferred parent; the highest Rank
 *     advertised in the parent set rounded up to the next integral Rank,
 *     MinHopRankIncrease * (1 + floor(Rank / MinHopRankIncrease)); and the largest path cost through the parent
 *     set minus MaxRankIncrease.</li>
 * <li>Up to {@link #PARENT_SET_SIZE} parents (RFC 6719 5).</li>
 * </ul>
 *
 * <p>MinHopRankIncrease: RFC 6550's default is 256, but with MRHOF-ETX MeterMesh uses
 * {@link #DEFAULT_MIN_HOP_RANK_INCREASE} = 128 as Contiki-NG does (rpl-conf.h: "resulting in a rank equal to the
 * ETX path cost"), so one DAGRank is one transmission. Arm nanostack's Wi-SUN profile uses 196
 * (WS_RPL_MIN_HOP_RANK_INCREASE). MaxRankIncrease: RFC 6550 gives no default; MeterMesh uses
 * {@link #DEFAULT_MAX_RANK_INCREASE} = 8 * 128 = 1024, Contiki-NG rpl-lite's RPL_MAX_RANKINC (8 *
 * MIN_HOPRANKINC; rpl-classic uses 7 *, nanostack's Wi-SUN profile 2048).
 */
public final class Mrhof implements ObjectiveFunction {

    /** MAX_LINK_METRIC: ETX 4 (RFC 6719 5). */
    public static final int MAX_LINK_METRIC = 512;
    /** MAX_PATH_COST: ETX 256 (RFC 6719 5). */
    public static final int MAX_PATH_COST = 32768;
    /** PARENT_SWITCH_THRESHOLD: ETX 1.5 (RFC 6719 5). */
    public static final int PARENT_SWITCH_THRESHOLD = 192;
    /**
     * The switch threshold MeterMesh's meters use: ETX 3. RFC 6719 5 recommends 1.5 and leaves it to the
     * deployment. In a dense street the path costs a meter compares move with every ETX estimate upstream, and
     * with 1.5 meters kept finding a "better" parent: every switch costs a DAO (and its DAO-ACK) through the
     * gateway, the one radio all registrations cross. In the seeded 10,000-meter hour ETX 3 halved the switches for
     * a better path (85 k to 42 k), cut DAOs by 40 % and retransmissions by half, and let every meter register
     * within the hour, where with 1.5 only 1,748 did.
     */
    public static final int METERMESH_PARENT_SWITCH_THRESHOLD = 3 * Etx.ONE;
    /** PARENT_SET_SIZE (RFC 6719 5). */
    public static final int PARENT_SET_SIZE = 3;
    /** MinHopRankIncrease MeterMesh advertises with MRHOF-ETX (Contiki-NG rpl-conf.h RPL_MIN_HOPRANKINC). */
    public static final int DEFAULT_MIN_HOP_RANK_INCREASE = 128;
    /** MaxRankIncrease MeterMesh advertises: 8 * 128 (Contiki-NG rpl-lite rpl-conf.h RPL_MAX_RANKINC). */
    public static final int DEFAULT_MAX_RANK_INCREASE = 8 * DEFAULT_MIN_HOP_RANK_INCREASE;

    private final int minHopRankIncrease;
    private final int maxRankIncrease;
    private final int maxLinkMetric;
    private final int maxPathCost;
    private final int switchThreshold;
    private final int parentSetSize;

    /** RFC 6719 5 constants with the DODAG's MinHopRankIncrease and MaxRankIncrease. */
    public Mrhof(int minHopRankIncrease, int maxRankIncrease) {
        this(minHopRankIncrease, maxRankIncrease, MAX_LINK_METRIC, MAX_PATH_COST, PARENT_SWITCH_THRESHOLD,
                PARENT_SET_SIZE);
    }

    public Mrhof(int minHopRankIncrease, int maxRankIncrease, int maxLinkMetric, int maxPathCost,
            int switchThreshold, int parentSetSize) {
        Rank.checkMinHop(minHopRankIncrease);
        if (maxRankIncrease < 0 || maxRankIncrease > 0xffff) {
            throw new IllegalArgumentException("MaxRankIncrease " + maxRankIncrease + " is outside 0..65535");
        }
        if (maxLinkMetric < Etx.ONE || maxPathCost < Etx.ONE || switchThreshold < 0 || parentSetSize < 1) {
            throw new IllegalArgumentException("MRHOF limits must be at least ETX 1, threshold and set size positive");
        }
        this.minHopRankIncrease = minHopRankIncrease;
        this.maxRankIncrease = maxRankIncrease;
        this.maxLinkMetric = maxLinkMetric;
        this.maxPathCost = maxPathCost;
        this.switchThreshold = switchThreshold;
        this.parentSetSize = parentSetSize;
    }

    /**
     * MRHOF-ETX as MeterMesh's meters run it: the DODAG's MinHopRankIncrease and MaxRankIncrease, the RFC 6719 5
     * limits, and {@link #METERMESH_PARENT_SWITCH_THRESHOLD}.
     */
    public static Mrhof forMeters(int minHopRankIncrease, int maxRankIncrease) {
        return new Mrhof(minHopRankIncrease, maxRankIncrease, MAX_LINK_METRIC, MAX_PATH_COST,
                METERMESH_PARENT_SWITCH_THRESHOLD, PARENT_SET_SIZE);
    }

    /** MRHOF-ETX as MeterMesh's root advertises it: MinHopRankIncrease 128, MaxRankIncrease 1024. */
    public static Mrhof meterMeshDefaults() {
        return new Mrhof(DEFAULT_MIN_HOP_RANK_INCREASE, DEFAULT_MAX_RANK_INCREASE);
    }

    @Override
    public int ocp() {
        return OCP_MRHOF;
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
        return candidate.linkMetricKnown() && candidate.linkMetric() <= maxLinkMetric
                && pathCost(candidate) <= maxPathCost;
    }

    /**
     * Advertised path cost (the Rank without a metric container) + link ETX, capped at 0xFFFF; 0xFFFF when the
     * link's ETX is unknown (RFC 6719 3.1 sets such paths to MAX_PATH_COST; the link is excluded either way).
     */
    @Override
    public int pathCost(ParentCandidate<?> candidate) {
        if (!candidate.linkMetricKnown()) {
            return 0xffff;
        }
        int base = candidate.advertisedPathCost() != ParentCandidate.UNKNOWN ? candidate.advertisedPathCost()
                : candidate.rank();
        return Math.min(0xffff, base + candidate.linkMetric());
    }

    /** max(path cost, next integral rank above the candidate's), capped at INFINITE_RANK (RFC 6719 3.3). */
    @Override
    public int rankVia(ParentCandidate<?> candidate) {
        if (candidate.rank() >= Rank.INFINITE_RANK) {
            return Rank.INFINITE_RANK;
        }
        return Math.min(Rank.INFINITE_RANK,
                Math.max(pathCost(candidate), Rank.nextIntegralRank(candidate.rank(), minHopRankIncrease)));
    }

    /** The largest of RFC 6719 3.3's three values. */
    @Override
    public int rank(ParentCandidate<?> preferred, List<? extends ParentCandidate<?>> others) {
        int rank = rankVia(preferred);
        int largestCost = pathCost(preferred);
        for (ParentCandidate<?> p : others) {
            rank = Math.max(rank, Rank.nextIntegralRank(p.rank(), minHopRankIncrease));
            largestCost = Math.max(largestCost, pathCost(p));
        }
        rank = Math.max(rank, largestCost - maxRankIncrease);
        return Math.min(Rank.INFINITE_RANK, rank);
    }

    @Override
    public int switchThreshold() {
        return switchThreshold;
    }

    @Override
    public int parentSetSize() {
        return parentSetSize;
    }

    @Override
    public String toString() {
        return "MRHOF-ETX[MinHopRankIncrease=" + minHopRankIncrease + ", MaxRankIncrease=" + maxRankIncrease + "]";
    }
}
