package org.metermesh.rpl.dodag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.rpl.of.Etx;
import org.metermesh.rpl.of.ObjectiveFunction;
import org.metermesh.rpl.of.ParentCandidate;
import org.metermesh.rpl.of.ParentSet;
import org.metermesh.rpl.of.Rank;

/**
 * A meter's candidate neighbours in its current DODAG Version (those whose DIO it heard, with the Rank and DTSN
 * of their latest DIO) and the parent set chosen among them.
 *
 * <p>Selection is the objective function's ({@link ObjectiveFunction#selectParents}, which applies the rank rules of
 * RFC 6550 8.2.2.4), with one more rule while the meter is attached: a neighbour other than the current preferred
 * parent is a candidate only if its DAGRank is less than DAGRank(L), L being the lowest Rank the meter has had in
 * this DODAG Version. Every descendant of the meter took its Rank from an ancestor chain that includes the meter at
 * some Rank of at least L, so its DAGRank is greater than DAGRank(L): such a neighbour may be the meter's own
 * descendant, and taking it after losing the parent would close a loop (the "count to infinity" RFC 6550 8.2.2.4
 * warns about). Siblings at DAGRank(L) are refused too: two siblings that lose a common parent at the same moment
 * would otherwise take each other, each on the strength of a Rank that was only valid through the lost parent. With
 * the rule, of two neighbours at most one can take the other. Without a candidate the meter detaches and poisons
 * first (local repair), after which every neighbour that still has a finite Rank has a path that does not run
 * through it. Candidates keep their first-heard order, so ties fall the same way in every seeded run.
 */
final class ParentManager {

    /**
     * A neighbour that advertised the current DODAG Version.
     *
     * @param address the IPv6 source of its DIO (its link-local address)
     * @param rank    the Rank in its latest DIO
     * @param dtsn    the DTSN in its latest DIO
     */
    record Candidate(MacAddress mac, Ipv6Address address, int rank, int dtsn) {
    }

    /** A candidate and the ETX of the link to it, a copy of the neighbour table's kept current by the node. */
    private static final class Entry {
        Candidate candidate;
        int etx;

        Entry(Candidate candidate, int etx) {
            this.candidate = candidate;
            this.etx = etx;
        }
    }

    private final Map<MacAddress, Entry> candidates = new LinkedHashMap<>();
    private ParentSet<MacAddress> parents = ParentSet.none();

    /**
     * Records a DIO; returns the previous record of this neighbour, or null.
     *
     * @param etx the ETX of the link to it now (fixed point)
     */
    Candidate heard(MacAddress mac, Ipv6Address address, int rank, int dtsn, int etx) {
        Candidate c = new Candidate(mac, address, rank, dtsn);
        Entry e = candidates.get(mac);
        if (e == null) {
            candidates.put(mac, new Entry(c, etx));
            return null;
        }
        Candidate prior = e.candidate;
        e.candidate = c;
        e.etx = etx;
        return prior;
    }

    /** The link to a candidate has a new ETX estimate; returns whether it is a candidate. */
    boolean etxChanged(MacAddress mac, int etx) {
        Entry e = candidates.get(mac);
        if (e == null) {
            return false;
        }
        e.etx = etx;
        return true;
    }

    Candidate get(MacAddress mac) {
        Entry e = candidates.get(mac);
        return e == null ? null : e.candidate;
    }

    /** Forgets a neighbour; returns whether it was in the parent set. */
    boolean remove(MacAddress mac) {
        candidates.remove(mac);
        return parents.parents().contains(mac);
    }

    /** Forgets every candidate (a new DODAG Version, a new DODAG, a flush); the parent set is kept until replaced. */
    void clearCandidates() {
        candidates.clear();
    }

    int candidateCount() {
        return candidates.size();
    }

    /**
     * The parent set the objective function picks now.
     *
     * @param ownRank    the meter's Rank now, INFINITE_RANK when detached
     * @param lowestRank L (RFC 6550 8.2.2.4)
     */
    ParentSet<MacAddress> select(ObjectiveFunction of, int ownRank, int lowestRank) {
        MacAddress current = preferred().orElse(null);
        int minHop = of.minHopRankIncrease();
        int limit = ownRank >= Rank.INFINITE_RANK || lowestRank >= Rank.INFINITE_RANK ? Integer.MAX_VALUE
                : Rank.dagRank(lowestRank, minHop);
        List<ParentCandidate<MacAddress>> list = new ArrayList<>(candidates.size());
        for (Entry e : candidates.values()) {
            Candidate c = e.candidate;
            int metric = e.etx;
            if (metric < 0) {
                continue; // no link estimate
            }
            if (!c.mac.equals(current) && Rank.dagRank(c.rank, minHop) >= limit) {
                continue; // possibly our own descendant, or a sibling that lost the same parent
            }
            list.add(ParentCandidate.of(c.mac, c.rank, metric));
        }
        return of.selectParents(list, current, lowestRank);
    }

    /**
     * The candidate of least Rank that the objective function refuses only for its link (its ETX is too high) and
     * would accept over a perfect link, or empty. An ETX estimate changes only with unicast traffic, so a detached
     * meter probes such a neighbour to find out whether the link has recovered.
     */
    Optional<MacAddress> bestBlockedByLink(ObjectiveFunction of) {
        Candidate best = null;
        for (Entry e : candidates.values()) {
            Candidate c = e.candidate;
            int metric = e.etx;
            if (metric < 0 || c.rank >= Rank.INFINITE_RANK || c.rank < of.minHopRankIncrease()
                    || of.acceptable(ParentCandidate.of(c.mac, c.rank, metric))
                    || !of.acceptable(ParentCandidate.of(c.mac, c.rank, Etx.ONE))) {
                continue;
            }
            if (best == null || c.rank < best.rank) {
                best = c;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.mac);
    }

    ParentSet<MacAddress> parents() {
        return parents;
    }

    void setParents(ParentSet<MacAddress> set) {
        parents = set;
    }

    Optional<MacAddress> preferred() {
        return parents.preferred();
    }
}
