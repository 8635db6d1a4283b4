package org.metermesh.rpl.of;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of parent selection: the parents in order of preference (the preferred parent first), the Rank
 * this node advertises with them and its path cost through the preferred parent. Empty, with
 * {@link Rank#INFINITE_RANK}, when no candidate is acceptable: the node has no path to the root.
 *
 * @param parents  the DODAG parent set, preferred parent first; immutable
 * @param rank     the Rank to advertise, {@link Rank#INFINITE_RANK} if none
 * @param pathCost the path cost through the preferred parent (OF0: the rank), 0xFFFF if none
 * @param <K>      the neighbour identifier
 */
public record ParentSet<K>(List<K> parents, int rank, int pathCost) {

    public ParentSet {
        parents = List.copyOf(parents);
    }

    /** No parent: rank INFINITE_RANK. */
    public static <K> ParentSet<K> none() {
        return new ParentSet<>(List.of(), Rank.INFINITE_RANK, 0xffff);
    }

    public Optional<K> preferred() {
        return parents.isEmpty() ? Optional.empty() : Optional.of(parents.get(0));
    }

    public boolean isEmpty() {
        return parents.isEmpty();
    }
}
