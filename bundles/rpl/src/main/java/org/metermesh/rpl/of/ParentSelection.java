package org.metermesh.rpl.of;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Parent selection common to the objective functions: candidate filtering by the RFC 6550 rank rules, choice of
 * the preferred parent by least path cost with the OF's hysteresis, then further parents that do not raise the
 * node's Rank.
 *
 * <p>A candidate is feasible as a parent when all of these hold:
 * <ul>
 * <li>its Rank is not INFINITE_RANK (a poisoning or detached node, RFC 6550 8.2.2.5) and not below ROOT_RANK;</li>
 * <li>the OF accepts its link and path ({@link ObjectiveFunction#acceptable});</li>
 * <li>loop avoidance: its DAGRank is strictly less than the DAGRank this node would advertise through it
 *     (RFC 6550 8.2.2.4 rule 1: a node MUST NOT advertise a Rank less than or equal to any member of its parent
 *     set; RFC 6550 3.5.1 compares ranks by DAGRank), so no parent can have a rank &ge; our own after the switch;</li>
 * <li>the rank through it stays within L + DAGMaxRankIncrease, compared by DAGRank (RFC 6550 8.2.2.4 rule 3: a
 *     node MUST NOT advertise an effective Rank higher than L + DAGMaxRankIncrease in a DODAG Version), where L is
 *     the lowest Rank the node advertised in this Version. Before the node has advertised any rank there is no L.</li>
 * </ul>
 * The preferred parent is the feasible candidate with the least path cost; ties go to the lesser resulting rank,
 * then to the current preferred parent, then to the better link, then to the earlier candidate. If the current
 * preferred parent is feasible and the best is cheaper by less than {@link ObjectiveFunction#switchThreshold()},
 * the current one is kept (RFC 6719 3.2.2 hysteresis). Further parents are added by increasing path cost, up to
 * {@link ObjectiveFunction#parentSetSize()}, when their DAGRank is below the node's and adding them leaves the
 * node's Rank unchanged.
 */
final class ParentSelection {

    private ParentSelection() {
    }

    static <K> ParentSet<K> select(ObjectiveFunction of, Collection<ParentCandidate<K>> candidates, K current,
            int lowestAdvertisedRank) {
        Objects.requireNonNull(candidates, "candidates");
        int minHop = of.minHopRankIncrease();
        int limitDagRank = lowestAdvertisedRank >= Rank.INFINITE_RANK ? Integer.MAX_VALUE
                : Rank.dagRank((int) Math.min(Rank.INFINITE_RANK - 1L,
                        (long) lowestAdvertisedRank + of.maxRankIncrease()), minHop);

        List<Evaluated<K>> feasible = new ArrayList<>();
        int index = 0;
        for (ParentCandidate<K> c : candidates) {
            int order = index++;
            if (c.rank() >= Rank.INFINITE_RANK || c.rank() < minHop || !of.acceptable(c)) {
                continue;
            }
            int own = of.rankVia(c);
            if (own >= Rank.INFINITE_RANK
                    || Rank.dagRank(c.rank(), minHop) >= Rank.dagRank(own, minHop)
                    || Rank.dagRank(own, minHop) > limitDagRank) {
                continue;
            }
            feasible.add(new Evaluated<>(c, of.pathCost(c), own, order, c.neighbour().equals(current)));
        }
        if (feasible.isEmpty()) {
            return ParentSet.none();
        }

        feasible.sort(ParentSelection::preference);
        Evaluated<K> best = feasible.get(0);
        for (Evaluated<K> e : feasible) {
            if (e.current && e != best && (long) e.cost - best.cost < of.switchThreshold()) {
                best = e; // hysteresis: the gain does not justify a switch
                break;
            }
        }

        List<ParentCandidate<K>> others = new ArrayList<>();
        List<K> parents = new ArrayList<>();
        parents.add(best.candidate.neighbour());
        int rank = of.rank(best.candidate, others);
        for (Evaluated<K> e : feasible) {
            if (parents.size() >= of.parentSetSize()) {
                break;
            }
            if (e == best || Rank.dagRank(e.candidate.rank(), minHop) >= Rank.dagRank(rank, minHop)) {
                continue;
            }
            others.add(e.candidate);
            if (of.rank(best.candidate, others) != rank) {
                others.remove(others.size() - 1); // it would raise our rank: leave it out
                continue;
            }
            parents.add(e.candidate.neighbour());
        }
        return new ParentSet<>(parents, rank, best.cost);
    }

    /**
     * Least path cost first, then the lesser resulting rank, the current preferred parent, the better link, the
     * earlier candidate. Written out rather than chained from key extractors: selection runs on most DIOs a meter
     * hears, and a chained comparator boxes its keys.
     */
    private static int preference(Evaluated<?> a, Evaluated<?> b) {
        int c = Integer.compare(a.cost, b.cost);
        if (c == 0) {
            c = Integer.compare(a.rankVia, b.rankVia);
        }
        if (c == 0) {
            c = Boolean.compare(!a.current, !b.current);
        }
        if (c == 0) {
            c = Integer.compare(linkOrLast(a), linkOrLast(b));
        }
        return c != 0 ? c : Integer.compare(a.order, b.order);
    }

    private static int linkOrLast(Evaluated<?> e) {
        return e.candidate.linkMetric() < 0 ? Integer.MAX_VALUE : e.candidate.linkMetric();
    }

    private record Evaluated<K>(ParentCandidate<K> candidate, int cost, int rankVia, int order, boolean current) {
    }
}
