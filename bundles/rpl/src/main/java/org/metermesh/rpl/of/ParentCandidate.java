package org.metermesh.rpl.of;

import java.util.Objects;

/**
 * A neighbour that sent a DIO of the DODAG Version this node belongs to, as the objective functions see it.
 * Candidates of other DODAGs, versions or instances are the DODAG selection's business, not the OF's.
 *
 * @param neighbour          who: a link-local address, a MAC address, a simulator node id
 * @param rank               the Rank in its latest DIO
 * @param linkMetric         ETX of the link to it, fixed point ({@link Etx}), or {@link #UNKNOWN}
 * @param advertisedPathCost the path cost in its DIO's DAG Metric Container (RFC 6551 ETX object), or
 *                           {@link #UNKNOWN} when its DIO carries none, in which case MRHOF uses its Rank
 *                           (RFC 6719 3.3: with ETX, Rank = path cost)
 * @param <K>                the neighbour's identifier
 */
public record ParentCandidate<K>(K neighbour, int rank, int linkMetric, int advertisedPathCost) {

    /** No value for a metric. */
    public static final int UNKNOWN = -1;

    public ParentCandidate {
        Objects.requireNonNull(neighbour, "neighbour");
        if (rank < 0 || rank > Rank.INFINITE_RANK) {
            throw new IllegalArgumentException("rank " + rank + " is outside 0..65535");
        }
        if (linkMetric < UNKNOWN || linkMetric > Etx.MAX) {
            throw new IllegalArgumentException("link metric " + linkMetric + " is outside -1..65535");
        }
        if (advertisedPathCost < UNKNOWN || advertisedPathCost > 0xffff) {
            throw new IllegalArgumentException("path cost " + advertisedPathCost + " is outside -1..65535");
        }
    }

    /** A candidate whose DIO carries no metric container. */
    public static <K> ParentCandidate<K> of(K neighbour, int rank, int linkEtx) {
        return new ParentCandidate<>(neighbour, rank, linkEtx, UNKNOWN);
    }

    public boolean linkMetricKnown() {
        return linkMetric != UNKNOWN;
    }
}
