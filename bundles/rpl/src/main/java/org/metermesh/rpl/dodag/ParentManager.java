package org.metermesh.rpl.dodag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

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
 * RFC 6550 8.2.2.4 and MRHOF's hysteresis), with these rules of the meter's own on top:
 * <ul>
 * <li><b>No descendants.</b> A neighbour other than the current preferred parent is a candidate only if its
 *     DAGRank is at most DAGRank(L), L being the lowest Rank the meter has advertised in this DODAG Version (RFC
 *     6550 8.2.2.4). Every descendant took its Rank from an ancestor chain that includes the meter at an advertised
 *     Rank of at least L, and every hop adds at least one DAGRank (RFC 6550 8.2.1: a node's Rank is greater than
 *     its parents'), so a descendant's DAGRank is greater than DAGRank(L): taking it would close a loop (the "count
 *     to infinity" RFC 6550 8.2.2.4 warns about). Unlike the stricter rule this replaces (DAGRank below DAGRank(L),
 *     which also refused every sibling), it leaves a meter that lost its parent the neighbours at its own level
 *     and above: with MRHOF's MinHopRankIncrease of one ETX, the strict rule let a meter whose best path ever was
 *     one hop take nothing but the root, so ETX noise made meters run out of parents and repair locally.</li>
 * <li><b>Siblings after a poisoning.</b> The one moment siblings are likely to take each other is when their
 *     common parent poisons (RFC 6550 8.2.2.5): every child hears the same multicast at once, and each sibling's
 *     last DIO still offers the Rank it had through the poisoned parent. So when the preferred parent advertises
 *     INFINITE_RANK, every candidate deeper than that parent was (it may be in the poisoned sub-DODAG) is held as
 *     suspect until its next DIO shows where it stands now ({@link #suspectDeeperThan}). Refusing suspects
 *     outright made one poisoning cascade through a whole street, taking them unasked made loops; they are asked
 *     before the node detaches (below). A parent that merely stops acknowledging is noticed by each child at its
 *     own time, by its own probes; a child that moves deeper advertises at once (the node sends a DIO outside
 *     Trickle), so its siblings see its new Rank.</li>
 * <li><b>Asking before detaching.</b> When no candidate is left, a local repair would poison the meter's whole
 *     sub-DODAG, and in a forming street one repair made the children of each poisoned meter repair in turn, a
 *     cascade. Before it detaches, the meter asks the two best candidates it holds in doubt where they stand now, with
 *     a unicast DIS each ({@link Selection#ask()}), whose unicast DIO answer (acknowledged and retried by the MAC)
 *     replaces what was known of them: suspects, and neighbours whose last DIO put them deeper than L. The rule on L
 *     still holds for the answer; but a Rank heard minutes ago is often stale, because improvements ride on the
 *     next Trickle DIO while the meter's own L went down when it advertised. Asking them as well cut the
 *     10,000-meter hour's local repairs from 2,636 to 1,656 and its frames by a quarter. While it waits, the meter
 *     says nothing of its own Rank, which may no longer be true (see {@code RplNode}): siblings asking each other
 *     at once took each other on their old Ranks, a loop.</li>
 * <li><b>A parent risen to our level.</b> The current preferred parent is kept only while its DAGRank is below
 *     the one we advertised (RFC 6550 8.2.2.4 rule 1): one that rose to it either fell back for real or closed a
 *     loop on stale Ranks (a part of the mesh cut off from the root counts to infinity so). Any other candidate
 *     is preferred; without one it is followed only while the Rank through it stays within {@link #RISE_BUDGET}
 *     of L, so that a loop counts to infinity for a few rounds of DIOs at most.</li>
 * <li><b>Verified links before a voluntary switch.</b> While the current preferred parent is still feasible, the
 *     meter moves to a better one only if the link to it has been measured by acknowledgements recently
 *     (Contiki-NG rpl-lite rpl_neighbor_select_best: the best parent is taken only if its link statistics are
 *     fresh; otherwise it is probed, and the best fresh one is used meanwhile). A neighbour's ETX is only an
 *     RSSI/LQI guess until unicast traffic measures it, while the parent's is measured all the time, congestion
 *     included: comparing the two made meters swap parents whenever the parent lost a frame. The unverified
 *     candidate is returned as {@link Selection#probe()} so the node can probe it. When the current parent is no
 *     longer feasible, the best candidate is taken whether verified or not (self-healing comes first).</li>
 * </ul>
 * Candidates keep their first-heard order, so ties fall the same way in every seeded run.
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

    /**
     * What selection found: the parent set, a better candidate whose link should be measured before the meter
     * switches to it (or null), and, when the set is empty, the candidates to ask where they stand before the meter
     * repairs locally (see "Asking before detaching").
     */
    record Selection(ParentSet<MacAddress> set, MacAddress probe, List<MacAddress> ask) {

        Selection(ParentSet<MacAddress> set, MacAddress probe) {
            this(set, probe, List.of());
        }
    }

    /**
     * How far above L, in MinHopRankIncrease units, a node follows a preferred parent that rose to its advertised
     * level when no other candidate is left (three transmissions with MRHOF).
     */
    static final int RISE_BUDGET = 3;

    /** Candidates asked for a fresh DIO, at most, before the node gives up and repairs locally. */
    static final int ASKED_BEFORE_DETACHING = 2;

    /*
     * The candidates in order of first contact, the order selection sees them in, one array per field: the latest
     * DIO's record; its address, the address's hash and its Rank again; the ETX of the link (a copy of the neighbour
     * table's, kept current by the node) and the suspect flag. The copies are for the passes: selection reads the
     * Rank, ETX and suspect flag of every candidate and the address only of those it weighs, and a lookup scans the
     * hashes, then compares one address. That is a few cache lines for a full table, where visiting an object per
     * candidate (or a hash map's bucket, node and key) would cost a cache miss each.
     */
    private Candidate[] records = new Candidate[8];
    private MacAddress[] macs = new MacAddress[8];
    private int[] hashes = new int[8];
    private int[] ranks = new int[8];
    private int[] etxs = new int[8];
    /** Possibly in a poisoned sub-DODAG: not a candidate until its next DIO. */
    private boolean[] suspects = new boolean[8];
    private int count;
    private ParentSet<MacAddress> parents = ParentSet.none();
    /** The last selection fell back to a parent the objective function alone would refuse (see {@link #select}). */
    private boolean fallback;
    /**
     * The last selection's outcome while it still holds, or null: selection runs for most DIOs a meter hears, and
     * in a dense street most of them come from neighbours whose path costs more than every parent's.
     */
    private Settled settled;

    /**
     * A selection that kept the preferred parent and left nothing open (no candidate to probe, no suspect to ask,
     * no fallback), with what it was given. Selection takes the preferred parent by path cost and further parents
     * in order of path cost while the set has room, each only if its DAGRank is below the node's (see
     * {@link ObjectiveFunction#selectParents}). So a neighbour whose path costs more than every parent's changes
     * nothing if the set is full or its DAGRank is not below ours: until a parent's entry changes, such a path
     * appears, or the arguments change, selection would pick the same set. After a switch the rules apply
     * differently (the current preferred parent is exempt from some), hence only a selection that kept it.
     */
    private record Settled(ParentSet<MacAddress> set, ObjectiveFunction of, int lowestRank, int advertisedRank) {

        boolean holdsFor(ObjectiveFunction of, int lowestRank, int advertisedRank) {
            return this.of == of && this.lowestRank == lowestRank && this.advertisedRank == advertisedRank;
        }
    }

    /**
     * Records a DIO; returns the previous record of this neighbour, or null.
     *
     * @param etx the ETX of the link to it now (fixed point)
     */
    Candidate heard(MacAddress mac, Ipv6Address address, int rank, int dtsn, int etx) {
        Candidate c = new Candidate(mac, address, rank, dtsn);
        int i = indexOf(mac);
        if (i < 0) {
            keepSettledOnlyIfOutranked(mac, rank, etx);
            append(c, etx);
            return null;
        }
        if (ranks[i] != rank || etxs[i] != etx || suspects[i]) {
            keepSettledOnlyIfOutranked(mac, rank, etx); // a parent repeating its DIO changes nothing selection sees
        }
        Candidate prior = records[i];
        records[i] = c;
        ranks[i] = rank;
        etxs[i] = etx;
        suspects[i] = false;
        return prior;
    }

    private void append(Candidate c, int etx) {
        if (count == records.length) {
            int grown = 2 * count;
            records = Arrays.copyOf(records, grown);
            macs = Arrays.copyOf(macs, grown);
            hashes = Arrays.copyOf(hashes, grown);
            ranks = Arrays.copyOf(ranks, grown);
            etxs = Arrays.copyOf(etxs, grown);
            suspects = Arrays.copyOf(suspects, grown);
        }
        records[count] = c;
        macs[count] = c.mac;
        hashes[count] = c.mac.hashCode();
        ranks[count] = c.rank;
        etxs[count] = etx;
        suspects[count] = false;
        count++;
    }

    /** Whether {@code mac} is a candidate held as suspect. */
    boolean suspect(MacAddress mac) {
        int i = indexOf(mac);
        return i >= 0 && suspects[i];
    }

    /**
     * The preferred parent poisoned: every other candidate whose DAGRank is above {@code parentRank}'s may have
     * been its descendant and is held as suspect until its next DIO.
     */
    void suspectDeeperThan(int parentRank, int minHopRankIncrease, MacAddress parent) {
        int limit = Rank.dagRank(parentRank, minHopRankIncrease);
        for (int k = 0; k < count; k++) {
            if (Rank.dagRank(ranks[k], minHopRankIncrease) > limit && !macs[k].equals(parent)) {
                suspects[k] = true;
            }
        }
        settled = null;
    }

    /** The link to a candidate has a new ETX estimate; returns whether it is a candidate. */
    boolean etxChanged(MacAddress mac, int etx) {
        int i = indexOf(mac);
        if (i < 0) {
            return false;
        }
        if (etxs[i] != etx) {
            keepSettledOnlyIfOutranked(mac, ranks[i], etx);
            etxs[i] = etx;
        }
        return true;
    }

    Candidate get(MacAddress mac) {
        int i = indexOf(mac);
        return i < 0 ? null : records[i];
    }

    /** Forgets a neighbour; returns whether it was in the parent set. */
    boolean remove(MacAddress mac) {
        int index = indexOf(mac);
        if (index >= 0) {
            int after = count - index - 1;
            System.arraycopy(records, index + 1, records, index, after);
            System.arraycopy(macs, index + 1, macs, index, after);
            System.arraycopy(hashes, index + 1, hashes, index, after);
            System.arraycopy(ranks, index + 1, ranks, index, after);
            System.arraycopy(etxs, index + 1, etxs, index, after);
            System.arraycopy(suspects, index + 1, suspects, index, after);
            count--;
            records[count] = null;
            macs[count] = null;
        }
        if (index >= 0 && settled != null && settled.set.parents().contains(mac)) {
            // A neighbour outside the set leaving changes nothing: every other candidate keeps its place in
            // selection's order, and the best left costs no less than it did (the hysteresis holds).
            settled = null;
        }
        return parents.parents().contains(mac);
    }

    /** Forgets every candidate (a new DODAG Version, a new DODAG, a flush); the parent set is kept until replaced. */
    void clearCandidates() {
        Arrays.fill(records, 0, count, null);
        Arrays.fill(macs, 0, count, null);
        count = 0;
        settled = null;
    }

    int candidateCount() {
        return count;
    }

    /**
     * The parent set the objective function picks now.
     *
     * @param lowestRank     L (RFC 6550 8.2.2.4): the lowest Rank advertised in this DODAG Version, INFINITE_RANK
     *                       if none
     * @param advertisedRank the Rank advertised last, INFINITE_RANK if none
     * @param verified       whether the link to a neighbour was measured by acknowledgements recently
     */
    Selection select(ObjectiveFunction of, int lowestRank, int advertisedRank, Predicate<MacAddress> verified) {
        if (settled != null && settled.set == parents && settled.holdsFor(of, lowestRank, advertisedRank)) {
            return new Selection(settled.set, null);
        }
        MacAddress current = preferred().orElse(null);
        Selection selection = selectNow(of, lowestRank, advertisedRank, verified, current);
        boolean open = selection.probe() != null || !selection.ask().isEmpty() || fallback
                || !selection.set().preferred().equals(Optional.ofNullable(current));
        settled = open ? null : new Settled(selection.set(), of, lowestRank, advertisedRank);
        return selection;
    }

    /**
     * Forgets the settled selection unless {@code mac}, about to be recorded at {@code rank} over a link of
     * {@code etx}, is no parent, its path costs more than every parent's, and the set is full or its DAGRank is
     * not below ours: selection would never take it.
     */
    private void keepSettledOnlyIfOutranked(MacAddress mac, int rank, int etx) {
        if (settled == null) {
            return;
        }
        List<MacAddress> members = settled.set.parents();
        if (members.contains(mac) || etx < 0) {
            settled = null;
            return;
        }
        ObjectiveFunction of = settled.of;
        int minHop = of.minHopRankIncrease();
        if (members.size() < of.parentSetSize()
                && Rank.dagRank(rank, minHop) < Rank.dagRank(settled.set.rank(), minHop)) {
            settled = null; // it could join a set with room (see ParentSelection)
            return;
        }
        int cost = of.pathCost(ParentCandidate.of(mac, rank, etx));
        for (MacAddress member : members) {
            int i = indexOf(member);
            if (i < 0 || cost <= of.pathCost(ParentCandidate.of(member, ranks[i], etxs[i]))) {
                settled = null;
                return;
            }
        }
    }

    private Selection selectNow(ObjectiveFunction of, int lowestRank, int advertisedRank,
            Predicate<MacAddress> verified, MacAddress current) {
        int minHop = of.minHopRankIncrease();
        int limit = lowestRank >= Rank.INFINITE_RANK ? Integer.MAX_VALUE : Rank.dagRank(lowestRank, minHop);
        int advertisedLimit = advertisedRank >= Rank.INFINITE_RANK ? Integer.MAX_VALUE
                : Rank.dagRank(advertisedRank, minHop);
        List<ParentCandidate<MacAddress>> list = new ArrayList<>(count);
        ParentCandidate<MacAddress> risenCurrent = null;
        int currentHash = current == null ? 0 : current.hashCode();
        for (int k = 0; k < count; k++) {
            int etx = etxs[k];
            if (etx < 0) {
                continue; // no link estimate
            }
            int rank = ranks[k];
            int dagRank = Rank.dagRank(rank, minHop);
            if (current != null && hashes[k] == currentHash && macs[k].equals(current)) {
                if (dagRank >= advertisedLimit) {
                    // It rose to our advertised level (RFC 6550 8.2.2.4 rule 1 no longer holds): either it really
                    // fell back (its own parent is failing), or it is in our sub-DODAG now, a loop closed on stale
                    // Ranks, as in a part of the mesh cut off from the root. Prefer any other candidate; keep it
                    // only while the Rank through it stays within RISE_BUDGET of L: counting to infinity with it up
                    // to L + MaxRankIncrease would keep a loop for many rounds of DIOs.
                    if (lowestRank < Rank.INFINITE_RANK
                            && of.rankVia(ParentCandidate.of(macs[k], rank, etx))
                                    <= (long) lowestRank + RISE_BUDGET * minHop) {
                        risenCurrent = ParentCandidate.of(macs[k], rank, etx);
                    }
                    continue;
                }
            } else if (dagRank > limit || suspects[k]) {
                continue; // doubtful: asked only if nothing else is left (see toAsk)
            }
            list.add(ParentCandidate.of(macs[k], rank, etx));
        }
        ParentSet<MacAddress> set = of.selectParents(list, current, lowestRank);
        fallback = set.isEmpty();
        if (set.isEmpty() && risenCurrent != null) {
            list.add(risenCurrent);
            set = of.selectParents(list, current, lowestRank);
        }
        if (set.isEmpty() && current != null) {
            // The parent's link is past the objective function's limit and nothing else is left. In a congested
            // street every link looks worse for a while (a NO_ACK weighs 16 transmissions), and detaching would
            // poison the whole sub-DODAG. Follow the parent until its link is twice as bad: a dead parent gets there
            // within a few more unanswered probes, a busy one recovers.
            set = new SoleParentTolerance(of, current).selectParents(list, current, lowestRank);
        }
        if (set.isEmpty()) {
            // At most doubtful candidates are left. Detaching now would poison our own sub-DODAG in turn, and in a
            // dense street one poisoning cascades through every level below. The node asks the best of them where
            // they stand now (a unicast DIS, answered by a unicast DIO: RFC 6550 8.3) before it gives up; with none
            // to ask, the list is empty.
            return new Selection(set, null, toAsk(of, limit, minHop, current));
        }
        MacAddress best = set.preferred().orElse(null);
        if (best == null || current == null || best.equals(current) || verified.test(best)) {
            return new Selection(set, null);
        }
        List<ParentCandidate<MacAddress>> measured = new ArrayList<>(list.size());
        for (ParentCandidate<MacAddress> c : list) {
            if (c.neighbour().equals(current) || verified.test(c.neighbour())) {
                measured.add(c);
            }
        }
        ParentSet<MacAddress> safe = of.selectParents(measured, current, lowestRank);
        return new Selection(safe.isEmpty() ? set : safe, best);
    }

    /** The objective function, except that {@code sole}'s link may be twice as bad as the function allows. */
    private record SoleParentTolerance(ObjectiveFunction of, MacAddress sole) implements ObjectiveFunction {
        @Override
        public boolean acceptable(ParentCandidate<?> c) {
            return of.acceptable(c) || c.neighbour().equals(sole) && c.linkMetricKnown()
                    && of.acceptable(new ParentCandidate<>(c.neighbour(), c.rank(), c.linkMetric() / 2,
                            c.advertisedPathCost()));
        }

        @Override
        public int ocp() {
            return of.ocp();
        }

        @Override
        public int minHopRankIncrease() {
            return of.minHopRankIncrease();
        }

        @Override
        public int maxRankIncrease() {
            return of.maxRankIncrease();
        }

        @Override
        public int pathCost(ParentCandidate<?> c) {
            return of.pathCost(c);
        }

        @Override
        public int rankVia(ParentCandidate<?> c) {
            return of.rankVia(c);
        }

        @Override
        public int rank(ParentCandidate<?> preferred, List<? extends ParentCandidate<?>> others) {
            return of.rank(preferred, others);
        }

        @Override
        public int switchThreshold() {
            return of.switchThreshold();
        }

        @Override
        public int parentSetSize() {
            return of.parentSetSize();
        }
    }

    /**
     * The candidate of least Rank that the objective function refuses only for its link (its ETX is too high) and
     * would accept over a perfect link, or empty. An ETX estimate changes only with unicast traffic, so a detached
     * meter probes such a neighbour to find out whether the link has recovered.
     */
    Optional<MacAddress> bestBlockedByLink(ObjectiveFunction of) {
        Candidate best = null;
        for (int k = 0; k < count; k++) {
            Candidate c = records[k];
            int metric = etxs[k];
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

    /**
     * The best doubtful candidates, at most {@link #ASKED_BEFORE_DETACHING}: suspects and neighbours deeper than L
     * (DAGRank above {@code limit}) with a finite Rank and a link the objective function accepts, cheapest path
     * first. Gathered in a pass of its own because selection needs it only when it found no parent.
     */
    private List<MacAddress> toAsk(ObjectiveFunction of, int limit, int minHop, MacAddress current) {
        List<ParentCandidate<MacAddress>> doubtful = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (etxs[k] >= 0 && ranks[k] < Rank.INFINITE_RANK && !macs[k].equals(current)
                    && (Rank.dagRank(ranks[k], minHop) > limit || suspects[k])) {
                ParentCandidate<MacAddress> c = ParentCandidate.of(macs[k], ranks[k], etxs[k]);
                if (of.acceptable(c)) {
                    doubtful.add(c);
                }
            }
        }
        doubtful.sort(java.util.Comparator.comparingInt(of::pathCost));
        List<MacAddress> ask = new ArrayList<>(ASKED_BEFORE_DETACHING);
        for (int i = 0; i < Math.min(ASKED_BEFORE_DETACHING, doubtful.size()); i++) {
            ask.add(doubtful.get(i).neighbour());
        }
        return ask;
    }

    /** Where {@code mac}'s candidate stands, or -1. */
    private int indexOf(MacAddress mac) {
        int hash = mac.hashCode();
        for (int k = 0; k < count; k++) {
            if (hashes[k] == hash && macs[k].equals(mac)) {
                return k;
            }
        }
        return -1;
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
