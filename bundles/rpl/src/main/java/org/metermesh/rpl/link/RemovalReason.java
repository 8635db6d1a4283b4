package org.metermesh.rpl.link;

/** Why an entry left a {@link NeighbourTable}. */
public enum RemovalReason {
    /** Not heard from for {@link NeighbourTableConfig#staleAfter()}. */
    EXPIRED,
    /** Made room in a full table for a newly heard neighbour offering a better path (the worst non-parent goes). */
    EVICTED,
    /** Removed by {@link NeighbourTable#remove(Object)}. */
    REMOVED,
    /** Removed by {@link NeighbourTable#flush()}, like {@code ip -6 neigh flush all}. */
    FLUSHED
}
