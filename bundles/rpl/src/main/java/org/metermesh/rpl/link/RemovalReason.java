package org.metermesh.rpl.link;

/** Why an entry left a {@link NeighbourTable}. */
public enum RemovalReason {
    /** Not heard from for {@link NeighbourTableConfig#staleAfter()}. */
    EXPIRED,
    /** Made room for a newly heard neighbour in a full table (the stalest non-parent goes). */
    EVICTED,
    /** Removed by {@link NeighbourTable#remove(Object)}. */
    REMOVED,
    /** Removed by {@link NeighbourTable#flush()}, like {@code ip -6 neigh flush all}. */
    FLUSHED
}
