package org.metermesh.rpl.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.rpl.of.Etx;
import org.metermesh.rpl.of.Rank;

/**
 * One node's neighbours: link quality (RSSI, LQI, ETX), the Rank each advertised, and packet loss per link.
 * A sans-I/O core on a {@link Scheduler}; not thread-safe and needing no locks, since every call and the expiry
 * task run on the scheduler's thread.
 *
 * <ul>
 * <li><b>Bounded</b>: at most {@link NeighbourTableConfig#capacity()} entries (32 by default, the field manual's
 *     cap).</li>
 * <li><b>Idempotent</b>: hearing a neighbour again refreshes its entry (signal averages, last-heard time, hence
 *     its expiry) and never creates a second one: entries are keyed by the identifier's {@code equals}.</li>
 * <li><b>Stale entries expire</b>: an entry not heard from (no frame, no acknowledgement) for
 *     {@link NeighbourTableConfig#staleAfter()} is removed with {@link RemovalReason#EXPIRED}. One scheduler task
 *     per table, due at the earliest possible expiry, does this; refreshing an entry does not touch the
 *     scheduler.</li>
 * <li><b>Admission when full</b>: a newcomer offering a path to the root ({@link #heard(Object, int, int, int,
 *     int)}: the Rank of its DIO) takes the place of the entry that is not a parent and offers the worst path
 *     (advertised Rank plus the link's ETX in hops; never advertised is worst; on a tie the least recently heard,
 *     then the older entry), which leaves with {@link RemovalReason#EVICTED}, and only if its own path is better
 *     by more than one hop (Contiki-NG's rpl-nbr-policy admits DIO senders so). A meter in a dense street hears
 *     hundreds of neighbours: letting each newcomer push out the stalest entry would churn the table, and the
 *     parent candidates with it, on nearly every DIO; this keeps the 32 best ways to the root. Parents are never
 *     evicted: losing the route to the root over a passing stranger would be worse than not learning the
 *     stranger. A newcomer not admitted is counted in {@link #rejectedFull()}.</li>
 * <li><b>Packet loss</b>: per link, (attempts - acknowledged requests) / attempts over a decaying window
 *     ({@link NeighbourTableConfig#lossWindow()}). When it rises above
 *     {@link NeighbourTableConfig#highLossThreshold()} (after {@link NeighbourTableConfig#lossMinAttempts()}
 *     attempts), {@link NeighbourListener#highPacketLoss} reports a {@link PacketLossWarning} once; when it falls to
 *     {@link NeighbourTableConfig#lossClearThreshold()} or below, {@link NeighbourListener#packetLossCleared}.</li>
 * </ul>
 *
 * <p>Iteration ({@link #neighbours()}) is in order of first contact, so a seeded simulation sees the same order
 * in every run whatever the identifiers' hash codes.
 *
 * @param <K> the neighbour identifier (a link-local IPv6 address, a MAC address, a simulator node id); must have
 *            value equality
 */
public final class NeighbourTable<K> {

    /** Slack in loss comparisons, so that 3 lost of 20 is exactly 15 % whatever the floating-point rounding. */
    private static final double EPSILON = 1e-9;

    private final Scheduler scheduler;
    private final NeighbourTableConfig config;
    private final NeighbourListener<K> listener;
    private final EtxEstimator estimator;
    private final long staleNanos;
    /*
     * The entries by slot, with the fields the worst-path scan reads: a full table hears nearly every DIO of a dense
     * street, and a scan of these short arrays costs a fraction of one through the entries themselves, spread over
     * the heap. A lookup scans the addresses' hashes in the same way, where a hash map would visit a bucket, a node
     * and a key, each a cache miss. arrivals orders entries by first contact: for the scan's last tie-break and for
     * every walk over the table.
     */
    /** The entry in each slot, null for a free one. */
    private Object[] holders = new Object[0];
    private int[] hashes = new int[0];
    private int[] ranks = new int[0];
    private double[] etxs = new double[0];
    private boolean[] parents = new boolean[0];
    private long[] heardAt = new long[0];
    private long[] arrivals = new long[0];
    private int[] freeSlots = new int[0];
    private int freeCount;
    private int slotCount;
    private int size;
    private long nextArrival;

    private Cancellable sweep;
    private long sweepDue;
    /*
     * At least the worst path among the entries that are not parents, for one-hop steps of worstStep: a newcomer no
     * better than it by a hop is refused without a scan of the table, which is what nearly every DIO a full table
     * hears comes to. Raised whenever an entry's path may have grown, made exact by each scan.
     */
    private double worstBound = Double.MAX_VALUE;
    private int worstStep = -1;

    private long added;
    private long refreshed;
    private long expired;
    private long evicted;
    private long rejectedFull;

    public NeighbourTable(Scheduler scheduler, NeighbourTableConfig config, NeighbourListener<K> listener) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.estimator = new EtxEstimator(config.etx());
        this.staleNanos = config.staleAfter().toNanos();
    }

    /** A table with the default configuration and no listener. */
    public static <K> NeighbourTable<K> withDefaults(Scheduler scheduler) {
        return new NeighbourTable<>(scheduler, NeighbourTableConfig.defaults(), new NeighbourListener<>() {
        });
    }

    public NeighbourTableConfig config() {
        return config;
    }

    /**
     * A frame that offers no path was heard from {@code address}: refreshes its entry, or adds it while the table
     * has room (a full table keeps its places for neighbours offering paths).
     *
     * @param lqi 0-255, or -1 if the radio gives none
     * @return the entry after the update, or empty if the table is full
     */
    public Optional<Neighbour<K>> heard(K address, int rssiDbm, int lqi) {
        return heard(address, rssiDbm, lqi, Rank.INFINITE_RANK, 1);
    }

    /**
     * A frame was heard from {@code address}, a DIO advertising {@code rank}: adds the neighbour (its ETX guessed
     * from this RSSI and LQI) or refreshes its entry.
     *
     * @param rank the Rank the neighbour advertises, {@link Rank#INFINITE_RANK} for a frame that offers no path
     * @param step the Rank of one hop (the DODAG's MinHopRankIncrease), for weighing link ETX against Rank
     * @return the entry after the update, or empty if the table is full and the newcomer not admitted
     */
    public Optional<Neighbour<K>> heard(K address, int rssiDbm, int lqi, int rank, int step) {
        Entry e = admit(address, rssiDbm, lqi, rank, step);
        return e == null ? Optional.empty() : Optional.of(e.snapshot());
    }

    /**
     * As {@link #heard(Object, int, int, int, int)}, for a caller that needs only the link's ETX afterwards: a
     * dense street's DIOs refresh entries far more often than anyone reads them whole.
     *
     * @return the ETX of the entry after the update, fixed point, or -1 if the table is full and the newcomer not
     *     admitted
     */
    public int heardEtx(K address, int rssiDbm, int lqi, int rank, int step) {
        Entry e = admit(address, rssiDbm, lqi, rank, step);
        return e == null ? -1 : EtxEstimator.toFixedPoint(etxs[e.slot]);
    }

    /** Refreshes or adds the entry of a neighbour just heard; null if a full table does not admit it. */
    private Entry admit(K address, int rssiDbm, int lqi, int rank, int step) {
        Objects.requireNonNull(address, "address");
        long now = scheduler.nanoTime();
        int q = lqi < 0 ? -1 : Math.min(255, lqi);
        Entry e = find(address);
        if (e != null) {
            refreshed++;
            e.lastRssi = rssiDbm;
            e.meanRssi += (rssiDbm - e.meanRssi) / 8;
            e.lastLqi = q;
            e.meanLqi = q < 0 ? e.meanLqi : e.meanLqi < 0 ? q : e.meanLqi + (q - e.meanLqi) / 8;
            heardAt[e.slot] = now;
            e.frames++;
            if (e.samples == 0) {
                etxs[e.slot] = estimator.initialEtx(e.meanRssi, e.meanLqi);
                pathMayHaveGrown(e);
            }
            return e;
        }
        int etx = estimator.initialEtx(rssiDbm, q);
        Entry victim = null;
        Neighbour<K> evictedSnapshot = null;
        if (size >= config.capacity()) {
            double offered = pathCost(rank, etx, step) + step;
            boolean hopeless = rank >= Rank.INFINITE_RANK || step == worstStep && offered >= worstBound;
            victim = hopeless ? null : worstPathNonParent(step);
            if (victim == null || offered >= pathCost(ranks[victim.slot], etxs[victim.slot], step)) {
                rejectedFull++;
                return null;
            }
            evictedSnapshot = victim.snapshot();
            releaseSlot(victim);
            evicted++;
        }
        e = new Entry(address, now, rssiDbm, q, etx, Math.min(rank, Rank.INFINITE_RANK));
        pathMayHaveGrown(e);
        added++;
        scheduleSweep();
        if (evictedSnapshot != null) {
            listener.removed(evictedSnapshot, RemovalReason.EVICTED);
        }
        listener.added(e.snapshot());
        return e;
    }

    /** Rank through a neighbour: its Rank plus one step per expected transmission; unbounded without a Rank. */
    private static double pathCost(int rank, double etx, int step) {
        return rank >= Rank.INFINITE_RANK ? Double.MAX_VALUE : rank + etx * step / Etx.ONE;
    }

    /**
     * The outcome of a unicast data request to {@code address}: updates its ETX and loss statistics; an
     * acknowledgement also counts as hearing from it.
     *
     * @param acked    whether the neighbour acknowledged it
     * @param attempts transmissions it took (1 plus retries); 1 if the MAC does not say
     * @return false if {@code address} is not in the table (nothing is recorded)
     */
    public boolean transmitted(K address, boolean acked, int attempts) {
        return record(address, acked, attempts, attempts);
    }

    /**
     * @param etxAttempts  transmissions the request cost, for the ETX sample and the bootstrap count
     * @param lossAttempts attempts it counts for in the packet-loss statistics
     */
    private boolean record(K address, boolean acked, int etxAttempts, int lossAttempts) {
        if (etxAttempts < 1 || lossAttempts < 1) {
            throw new IllegalArgumentException("attempts " + Math.min(etxAttempts, lossAttempts) + " is below 1");
        }
        Entry e = find(address);
        if (e == null) {
            return false;
        }
        long now = scheduler.nanoTime();
        e.transmissions += etxAttempts;
        etxs[e.slot] = estimator.update(etxs[e.slot], estimator.sample(acked, etxAttempts), e.transmissions);
        pathMayHaveGrown(e);
        e.samples++;
        e.lastTransmitted = now;
        int attempts = lossAttempts;
        if (e.attempts + attempts > config.lossWindow()) {
            e.attempts /= 2;
            e.acked /= 2;
        }
        e.attempts += attempts;
        if (acked) {
            e.acked++;
            heardAt[e.slot] = now;
            e.lastAcked = now;
        }
        double loss = e.loss();
        if (!e.highLoss && e.attempts >= config.lossMinAttempts() && loss > config.highLossThreshold() + EPSILON) {
            e.highLoss = true;
            listener.highPacketLoss(new PacketLossWarning<>(address, loss, config.highLossThreshold(), e.attempts,
                    e.acked, now));
        } else if (e.highLoss && loss <= config.lossClearThreshold() + EPSILON) {
            e.highLoss = false;
            listener.packetLossCleared(e.snapshot());
        }
        return true;
    }

    /**
     * The MAC's verdict on a data request to {@code address}: {@link TxStatus#ACKED} and {@link TxStatus#NO_ACK}
     * are link outcomes; the others (broadcast, busy channel, link down, too long) say nothing about the link and are
     * ignored, as Contiki-NG ignores collisions and transmission errors. The radio API reports no retry count: an
     * acknowledged request counts as one transmission, a NO_ACK as {@link EtxConfig#noAckTransmissions()} for the
     * ETX (the MAC spent all its retries) and as one lost request in the packet-loss statistics.
     *
     * @return whether anything was recorded
     */
    public boolean transmitted(K address, TxStatus status) {
        return switch (status) {
            case ACKED -> record(address, true, 1, 1);
            case NO_ACK -> record(address, false, config.etx().noAckTransmissions(), 1);
            default -> false;
        };
    }

    /**
     * Scheduler time of the last acknowledged or unacknowledged request to {@code address}, or {@link Long#MIN_VALUE}
     * if none (or unknown): how fresh its ETX from acknowledgements is.
     */
    public long lastTransmittedNanos(K address) {
        Entry e = find(address);
        return e == null || e.samples == 0 ? Long.MIN_VALUE : e.lastTransmitted;
    }

    /** Scheduler time of the last acknowledged request to {@code address}, or {@link Long#MIN_VALUE} if none. */
    public long lastAckedNanos(K address) {
        Entry e = find(address);
        return e == null ? Long.MIN_VALUE : e.lastAcked;
    }

    /** Records the Rank {@code address} advertised (from its DIO). @return false if it is not in the table */
    public boolean setRank(K address, int rank) {
        if (rank < 0 || rank > Rank.INFINITE_RANK) {
            throw new IllegalArgumentException("rank " + rank + " is outside 0..65535");
        }
        Entry e = find(address);
        if (e == null) {
            return false;
        }
        ranks[e.slot] = rank;
        pathMayHaveGrown(e);
        return true;
    }

    /** Marks {@code address} as in (or out of) the RPL parent set; parents are not evicted. */
    public boolean setParent(K address, boolean parent) {
        Entry e = find(address);
        if (e == null) {
            return false;
        }
        parents[e.slot] = parent;
        pathMayHaveGrown(e);
        return true;
    }

    public Optional<Neighbour<K>> get(K address) {
        Entry e = find(address);
        return e == null ? Optional.empty() : Optional.of(e.snapshot());
    }

    public boolean contains(K address) {
        return find(address) != null;
    }

    /** The ETX of the link to {@code address}, fixed point, or -1 if it is not in the table. */
    public int etx(K address) {
        Entry e = find(address);
        return e == null ? -1 : EtxEstimator.toFixedPoint(etxs[e.slot]);
    }

    /** Every entry, in order of first contact. */
    public List<Neighbour<K>> neighbours() {
        List<Neighbour<K>> out = new ArrayList<>(size);
        for (Entry e : inOrder()) {
            out.add(e.snapshot());
        }
        return out;
    }

    public int size() {
        return size;
    }

    /** Removes {@code address}. @return whether it was there */
    public boolean remove(K address) {
        Entry e = find(address);
        if (e == null) {
            return false;
        }
        Neighbour<K> snapshot = e.snapshot();
        releaseSlot(e);
        listener.removed(snapshot, RemovalReason.REMOVED);
        return true;
    }

    /** Removes every entry, like {@code ip -6 neigh flush all}, to force fresh discovery. @return how many */
    public int flush() {
        List<Neighbour<K>> gone = new ArrayList<>(size);
        for (Entry e : inOrder()) {
            gone.add(e.snapshot());
            releaseSlot(e);
        }
        if (sweep != null) {
            sweep.cancel();
            sweep = null;
        }
        for (Neighbour<K> n : gone) {
            listener.removed(n, RemovalReason.FLUSHED);
        }
        return gone.size();
    }

    /** New neighbours added since creation. */
    public long added() {
        return added;
    }

    /** Repeated discoveries that refreshed an existing entry. */
    public long refreshed() {
        return refreshed;
    }

    /** Entries that expired. */
    public long expired() {
        return expired;
    }

    /** Entries evicted to make room. */
    public long evicted() {
        return evicted;
    }

    /** Newcomers not added to the full table: offering no path, or none better than its entries'. */
    public long rejectedFull() {
        return rejectedFull;
    }

    private void pathMayHaveGrown(Entry e) {
        if (!parents[e.slot] && worstStep >= 0) {
            worstBound = Math.max(worstBound, pathCost(ranks[e.slot], etxs[e.slot], worstStep));
        }
    }

    /** Ties on the path go to the least recently heard, then to the earliest contact. */
    @SuppressWarnings("unchecked") // holders holds only this table's entries
    private Entry worstPathNonParent(int step) {
        int victim = -1;
        double worst = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < slotCount; s++) {
            if (holders[s] == null || parents[s]) {
                continue;
            }
            double cost = pathCost(ranks[s], etxs[s], step);
            if (victim < 0 || cost > worst || cost == worst && (heardAt[s] < heardAt[victim]
                    || heardAt[s] == heardAt[victim] && arrivals[s] < arrivals[victim])) {
                victim = s;
                worst = cost;
            }
        }
        worstBound = worst;
        worstStep = step;
        return victim < 0 ? null : (Entry) holders[victim];
    }

    private void scheduleSweep() {
        if (sweep != null || size == 0) {
            return;
        }
        long earliest = Long.MAX_VALUE;
        for (int s = 0; s < slotCount; s++) {
            if (holders[s] != null) {
                earliest = Math.min(earliest, heardAt[s]);
            }
        }
        long now = scheduler.nanoTime();
        sweepDue = Math.max(now, earliest + staleNanos);
        sweep = scheduler.schedule(Duration.ofNanos(sweepDue - now), this::sweep);
    }

    private void sweep() {
        sweep = null;
        long now = scheduler.nanoTime();
        List<Neighbour<K>> gone = new ArrayList<>();
        for (Entry e : inOrder()) {
            if (now - heardAt[e.slot] >= staleNanos) {
                gone.add(e.snapshot());
                releaseSlot(e);
            }
        }
        expired += gone.size();
        scheduleSweep();
        for (Neighbour<K> n : gone) {
            listener.removed(n, RemovalReason.EXPIRED);
        }
    }

    /** Scheduler time the pending expiry check is due, or -1 if none is pending (for tests and diagnostics). */
    public long nextExpiryCheckNanos() {
        return sweep == null ? -1 : sweepDue;
    }

    /** One neighbour; its Rank, ETX, parent flag and last-heard time live in the table's slot arrays. */
    private final class Entry {
        final K address;
        final long firstHeard;
        /** Where the fields the worst-path scan reads are kept. */
        final int slot;
        int lastRssi;
        double meanRssi;
        int lastLqi;
        double meanLqi;
        long samples;
        long transmissions;
        long lastTransmitted = Long.MIN_VALUE;
        long lastAcked = Long.MIN_VALUE;
        long frames = 1;
        long attempts;
        long acked;
        boolean highLoss;

        Entry(K address, long now, int rssi, int lqi, int etx, int rank) {
            this.address = address;
            this.firstHeard = now;
            this.slot = occupySlot(this);
            this.lastRssi = rssi;
            this.meanRssi = rssi;
            this.lastLqi = lqi;
            this.meanLqi = lqi;
            heardAt[slot] = now;
            etxs[slot] = etx;
            ranks[slot] = rank;
            parents[slot] = false;
            arrivals[slot] = nextArrival++;
        }

        double loss() {
            return attempts == 0 ? 0 : (double) (attempts - acked) / attempts;
        }

        Neighbour<K> snapshot() {
            return new Neighbour<>(address, lastRssi, meanRssi, lastLqi, meanLqi,
                    EtxEstimator.toFixedPoint(etxs[slot]), samples > 0, ranks[slot], parents[slot], firstHeard,
                    heardAt[slot], frames, attempts, acked, loss(), highLoss);
        }
    }

    /** A free slot for {@code e}, growing the slot arrays if every one is taken. */
    private int occupySlot(Entry e) {
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            if (slotCount == holders.length) {
                int grown = Math.max(8, 2 * slotCount);
                holders = Arrays.copyOf(holders, grown);
                hashes = Arrays.copyOf(hashes, grown);
                ranks = Arrays.copyOf(ranks, grown);
                etxs = Arrays.copyOf(etxs, grown);
                parents = Arrays.copyOf(parents, grown);
                heardAt = Arrays.copyOf(heardAt, grown);
                arrivals = Arrays.copyOf(arrivals, grown);
                freeSlots = Arrays.copyOf(freeSlots, grown);
            }
            slot = slotCount++;
        }
        holders[slot] = e;
        hashes[slot] = e.address.hashCode();
        size++;
        return slot;
    }

    /** Gives an entry's slot back; take its snapshot first, as the next entry may reuse the slot. */
    private void releaseSlot(Entry e) {
        holders[e.slot] = null;
        freeSlots[freeCount++] = e.slot;
        size--;
    }

    /** The entry for {@code address}, or null: keyed by its {@code equals}. */
    @SuppressWarnings("unchecked") // holders holds only this table's entries
    private Entry find(K address) {
        int hash = address.hashCode();
        for (int s = 0; s < slotCount; s++) {
            if (hashes[s] == hash && holders[s] != null && ((Entry) holders[s]).address.equals(address)) {
                return (Entry) holders[s];
            }
        }
        return null;
    }

    /** The entries in order of first contact. */
    @SuppressWarnings("unchecked") // holders holds only this table's entries
    private List<Entry> inOrder() {
        List<Entry> out = new ArrayList<>(size);
        for (int s = 0; s < slotCount; s++) {
            if (holders[s] != null) {
                out.add((Entry) holders[s]);
            }
        }
        out.sort(Comparator.comparingLong(e -> arrivals[e.slot]));
        return out;
    }

    @Override
    public String toString() {
        return "NeighbourTable[" + size + "/" + config.capacity() + "]";
    }
}
