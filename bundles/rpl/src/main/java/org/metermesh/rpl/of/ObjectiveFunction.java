package org.metermesh.rpl.of;

import java.util.Collection;
import java.util.List;

/**
 * An RPL objective function (RFC 6550 14): how a node turns its candidate neighbours into a parent set and a
 * Rank. Implementations are immutable and stateless; the state they compare against (the current preferred
 * parent, the lowest rank advertised in this DODAG Version) is passed in.
 *
 * <p>{@link #selectParents} applies the rules common to every OF (RFC 6550 8.2.2.4 loop avoidance, via
 * {@link ParentSelection}); the OF supplies the metric: which links are usable, the cost it minimises, the rank a
 * path yields, and its hysteresis.
 */
public interface ObjectiveFunction {

    /** OCP of OF0 (RFC 6552; IANA RPL Objective Code Point registry). */
    int OCP_OF0 = 0;
    /** OCP of MRHOF (RFC 6719; IANA RPL Objective Code Point registry). */
    int OCP_MRHOF = 1;

    /** The Objective Code Point advertised in the DODAG Configuration option. */
    int ocp();

    /** MinHopRankIncrease of the DODAG (RFC 6550 6.7.6). */
    int minHopRankIncrease();

    /** DAGMaxRankIncrease of the DODAG (RFC 6550 6.7.6): 0 allows no rank increase within a DODAG Version. */
    int maxRankIncrease();

    /** Whether the OF would use this neighbour at all (its link and path are within the OF's bounds). */
    boolean acceptable(ParentCandidate<?> candidate);

    /** The cost of the path to the root through {@code candidate}, which the OF minimises. */
    int pathCost(ParentCandidate<?> candidate);

    /** The Rank this node would advertise with {@code candidate} as its only parent. */
    int rankVia(ParentCandidate<?> candidate);

    /**
     * The Rank this node advertises with {@code preferred} and further {@code others} in its parent set; never
     * less than {@link #rankVia(ParentCandidate)} of the preferred parent.
     */
    int rank(ParentCandidate<?> preferred, List<? extends ParentCandidate<?>> others);

    /**
     * Hysteresis in path cost units: the current preferred parent is kept unless another acceptable candidate is
     * cheaper by at least this much (0: switch on any strict improvement).
     */
    int switchThreshold();

    /** The most parents, the preferred one included, the OF keeps. */
    int parentSetSize();

    /**
     * Selects the parent set among {@code candidates}, all of the DODAG Version this node belongs to.
     *
     * @param candidates           neighbours that advertised this DODAG Version, in a stable order (ties fall to
     *                             the earlier one, so that a seeded simulation repeats)
     * @param currentPreferred     the preferred parent now, or null
     * @param lowestAdvertisedRank L of RFC 6550 8.2.2.4, the lowest Rank this node has advertised in this DODAG
     *                             Version, or {@link Rank#INFINITE_RANK} before it has advertised any
     */
    default <K> ParentSet<K> selectParents(Collection<ParentCandidate<K>> candidates, K currentPreferred,
            int lowestAdvertisedRank) {
        return ParentSelection.select(this, candidates, currentPreferred, lowestAdvertisedRank);
    }
}
