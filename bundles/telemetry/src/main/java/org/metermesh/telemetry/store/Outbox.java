package org.metermesh.telemetry.store;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.TreeMap;
import java.util.TreeSet;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.state.StateMap;
import org.metermesh.api.state.StateStore;

/**
 * The durable store-and-forward queue between the meters and the MQTT session (DESIGN.md, principle 7: telemetry
 * is written durably before it is acknowledged to the radio side).
 *
 * <p><b>Durability.</b> The state map is the truth; an in-memory index (ordered maps of ids, per meter and per
 * priority) makes ordering and eviction cheap. {@link #accept(List)} writes a whole batch and commits once (group
 * commit): an entry counts as accepted only when that commit has returned. {@link #delivered(long)} removes an
 * entry at once from the index and the map but commits removals in batches of
 * {@link OutboxConfig#deliveredCommitBatch()} (and with every accept, and on {@link #flush()}): after a crash, an
 * entry delivered but not yet committed as removed is handed out again. Delivery is therefore at-least-once, and the
 * id, which is never reused, lets subscribers discard duplicates.
 *
 * <p><b>Order.</b> {@link #nextBatch(int, Set)} hands out each meter's entries strictly in acceptance order, and
 * across meters the most urgent first. A meter's rank at an entry is the highest priority among that entry and the
 * meter's later entries: a warning queued behind a meter's usage readings pulls them ahead with it instead of
 * overtaking them. Equal ranks go oldest first.
 *
 * <p><b>Capacity.</b> See {@link OutboxLimits}: the oldest usage entries are evicted for new entries, never-drop
 * entries are never evicted and use headroom up to a hard ceiling. Counters: {@code accepted}, {@code delivered},
 * {@code evicted:usage}, {@code refused:full}, {@code refused:hard_ceiling}, {@code refused:too_large},
 * {@code corrupt:<reason>}.
 *
 * <p><b>Recovery.</b> {@link #open} reads every stored entry back; unreadable ones are moved to the quarantine map,
 * counted and listed in the {@link RecoveryReport}, never fatal. Ids continue after the highest ever given out
 * (kept in the meta map, so delivered-and-removed ids are not reused either).
 *
 * <p>Capacity is enforced when entries are accepted: an outbox reopened with smaller limits keeps what it finds and
 * evicts (usage only) as the next entries arrive.
 *
 * <p>Methods are synchronized: the radio side accepts and the MQTT side acknowledges, possibly on different threads.
 */
public final class Outbox {

    private static final String NEXT_ID_KEY = "next-id";

    private final StateStore store;
    private final StateMap entries;
    private final StateMap meta;
    private final OutboxConfig config;
    private final Scheduler scheduler;
    private final Counters counters;
    private final RecoveryReport recovery;

    private final NavigableMap<Long, Indexed> byId = new TreeMap<>();
    private final NavigableSet<Long> usageIds = new TreeSet<>();
    private final Map<String, MeterQueue> meters = new HashMap<>();
    private final NavigableSet<MeterQueue> schedule = new TreeSet<>(MeterQueue.ORDER);
    private long octets;
    private long nextId;
    private int uncommittedRemovals;

    /** What the index keeps of an entry; the rest is read from the state map when it is handed out. */
    private record Indexed(long id, String meterKey, Priority priority, int size) {
    }

    private Outbox(StateStore store, OutboxConfig config, Scheduler scheduler, Counters counters) {
        this.store = store;
        this.config = config;
        this.scheduler = scheduler;
        this.counters = counters;
        this.entries = store.map(config.mapName());
        this.meta = store.map(config.mapName() + ".meta");
        this.recovery = recover(store.map(config.mapName() + ".corrupt"));
    }

    /**
     * Opens the outbox on {@code store}, recovering every accepted, undelivered entry.
     *
     * @param scheduler the clock of the accepted-at times
     * @param counters where accepts, deliveries, evictions, refusals and corrupt entries are counted
     */
    public static Outbox open(StateStore store, OutboxConfig config, Scheduler scheduler, Counters counters) {
        return new Outbox(Objects.requireNonNull(store, "store"), Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(scheduler, "scheduler"), Objects.requireNonNull(counters, "counters"));
    }

    private RecoveryReport recover(StateMap quarantine) {
        List<RecoveryReport.CorruptEntry> corrupt = new ArrayList<>();
        long highest = 0;
        for (String key : entries.keys()) {
            Optional<byte[]> stored = entries.get(key);
            if (stored.isEmpty()) {
                continue; // removed since the key snapshot: nothing to recover
            }
            StoredEntryDecodeResult result = StoredEntryCodec.decode(key, stored.get());
            if (result instanceof StoredEntryDecodeResult.Decoded decoded) {
                OutboxMessage message = decoded.message();
                index(new Indexed(message.id(), message.entry().meterKey(), message.entry().priority(),
                        stored.get().length));
                highest = Math.max(highest, message.id());
            } else {
                StoredEntryDecodeResult.Rejected rejected = (StoredEntryDecodeResult.Rejected) result;
                counters.increment(rejected.reason().counterName());
                corrupt.add(new RecoveryReport.CorruptEntry(key, rejected.reason(), rejected.detail()));
                quarantine.put(key, stored.get());
                entries.remove(key);
                highest = Math.max(highest, StoredEntryCodec.id(key).orElse(0L));
            }
        }
        long storedNext = 1;
        Optional<byte[]> next = meta.get(NEXT_ID_KEY);
        if (next.isPresent()) {
            if (next.get().length == Long.BYTES && ByteBuffer.wrap(next.get()).getLong() >= 1) {
                storedNext = ByteBuffer.wrap(next.get()).getLong();
            } else {
                // Ids then continue after the highest stored entry; only ids of delivered entries may recur.
                counters.increment("corrupt:meta");
                corrupt.add(new RecoveryReport.CorruptEntry(config.mapName() + ".meta/" + NEXT_ID_KEY,
                        StoredEntryRejection.INVALID_ENTRY, "next id is not a positive 8-octet number"));
            }
        }
        nextId = Math.max(highest + 1, storedNext);
        if (!corrupt.isEmpty()) {
            writeNextId();
            store.commit();
        }
        return new RecoveryReport(byId.size(), nextId, corrupt);
    }

    /** What {@link #open} found. */
    public RecoveryReport recovery() {
        return recovery;
    }

    /** Accepts one entry: stored and committed before this returns, unless refused. */
    public Acceptance accept(OutboxEntry entry) {
        return accept(List.of(entry)).get(0);
    }

    /**
     * Stores a batch and commits once. Results are in the order of {@code batch}. If the commit itself fails
     * (disk full, I/O error) the exception propagates and no entry of the batch may be treated as accepted; some
     * may still be committed later by the store and published (at-least-once).
     */
    public List<Acceptance> accept(List<OutboxEntry> batch) {
        return acceptNumbered(batch.stream().map(entry -> {
            Objects.requireNonNull(entry, "entry");
            return (LongFunction<OutboxEntry>) id -> entry;
        }).toList());
    }

    /**
     * Stores a batch of entries that carry their own id (a payload's {@code message.id}) and commits once: each
     * entry is built for the id it gets if accepted; a refused one takes none, so the next is built for the same.
     * Results are in the order of {@code batch}; a failing commit propagates as in {@link #accept(List)}.
     */
    public synchronized List<Acceptance> acceptNumbered(List<LongFunction<OutboxEntry>> batch) {
        Instant now = scheduler.now().truncatedTo(ChronoUnit.MILLIS);
        List<Acceptance> results = new ArrayList<>(batch.size());
        for (LongFunction<OutboxEntry> entry : batch) {
            results.add(store(Objects.requireNonNull(entry.apply(nextId), "entry"), now));
        }
        writeNextId();
        store.commit();
        uncommittedRemovals = 0;
        return results;
    }

    private Acceptance store(OutboxEntry entry, Instant now) {
        OutboxLimits limits = config.limits();
        int size = StoredEntryCodec.storedSize(entry);
        if (size > limits.maxOctets()) {
            return refuse(RefusalReason.TOO_LARGE, "entry of " + size + " stored octets exceeds the capacity of "
                    + limits.maxOctets());
        }
        while (!fits(size, limits.maxEntries(), limits.maxOctets()) && !usageIds.isEmpty()) {
            evict(usageIds.first());
        }
        if (!fits(size, limits.maxEntries(), limits.maxOctets())) {
            if (entry.priority().evictable()) {
                return refuse(RefusalReason.FULL, "outbox full (" + byId.size() + " entries, " + octets
                        + " octets) of never-drop entries; usage entry from " + entry.meterKey() + " refused");
            }
            if (!fits(size, limits.hardMaxEntries(), limits.hardMaxOctets())) {
                return refuse(RefusalReason.HARD_CEILING, "outbox at its hard ceiling (" + byId.size()
                        + " entries, " + octets + " octets); " + entry.priority() + " entry from " + entry.meterKey()
                        + " refused");
            }
        }
        long id = nextId++;
        byte[] stored = StoredEntryCodec.encode(id, entry, now);
        entries.put(StoredEntryCodec.key(id), stored);
        index(new Indexed(id, entry.meterKey(), entry.priority(), stored.length));
        counters.increment("accepted");
        return new Acceptance.Accepted(id);
    }

    private boolean fits(int size, long maxEntries, long maxOctets) {
        return byId.size() + 1 <= maxEntries && octets + size <= maxOctets;
    }

    private Acceptance refuse(RefusalReason reason, String detail) {
        counters.increment(reason.counterName());
        return new Acceptance.Refused(reason, detail);
    }

    private void evict(long id) {
        unindex(id);
        entries.remove(StoredEntryCodec.key(id));
        counters.increment("evicted:usage");
    }

    private void writeNextId() {
        meta.put(NEXT_ID_KEY, ByteBuffer.allocate(Long.BYTES).putLong(nextId).array());
    }

    /**
     * Up to {@code max} entries to publish next, skipping those in {@code inFlight} (handed out earlier and not yet
     * {@link #delivered}). Per meter the result is in acceptance order; across meters by rank, then age. An entry
     * whose publish failed becomes eligible again once the caller drops it from {@code inFlight}, and is then its
     * meter's oldest: it is handed out before any of that meter's entries not handed out yet.
     */
    public synchronized List<OutboxMessage> nextBatch(int max, Set<Long> inFlight) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        List<OutboxMessage> batch = new ArrayList<>(Math.min(max, byId.size()));
        // A lazy k-way merge: a meter's place in the schedule (rank at its oldest entry, oldest id) is a lower
        // bound of the key of any of its later entries, so meters join the merge only when they can compete.
        PriorityQueue<Cursor> merge = new PriorityQueue<>(Cursor.ORDER);
        Iterator<MeterQueue> waiting = schedule.iterator();
        MeterQueue nextMeter = waiting.hasNext() ? waiting.next() : null;
        while (batch.size() < max) {
            while (nextMeter != null && (merge.isEmpty() || nextMeter.compareKey(merge.peek()) < 0)) {
                Cursor cursor = new Cursor(nextMeter);
                if (cursor.advanceTo(nextMeter.oldestId(), inFlight)) {
                    merge.add(cursor);
                }
                nextMeter = waiting.hasNext() ? waiting.next() : null;
            }
            Cursor best = merge.poll();
            if (best == null) {
                break;
            }
            load(best.id).ifPresent(batch::add);
            if (best.advanceTo(best.id + 1, inFlight)) {
                merge.add(best);
            }
        }
        return batch;
    }

    private Optional<OutboxMessage> load(long id) {
        String key = StoredEntryCodec.key(id);
        Optional<byte[]> stored = entries.get(key);
        if (stored.isEmpty()) {
            // The index and the map are changed together under this lock; a missing entry is a bug elsewhere.
            counters.increment("corrupt:missing");
            unindex(id);
            return Optional.empty();
        }
        StoredEntryDecodeResult result = StoredEntryCodec.decode(key, stored.get());
        if (result instanceof StoredEntryDecodeResult.Decoded decoded) {
            return Optional.of(decoded.message());
        }
        counters.increment(((StoredEntryDecodeResult.Rejected) result).reason().counterName());
        unindex(id);
        entries.remove(key);
        return Optional.empty();
    }

    /**
     * The entry was published (and acknowledged, for QoS above 0): removes it. The removal is committed with the
     * next batch of removals, the next accept or {@link #flush()}.
     *
     * @return false if no such entry is queued (already delivered, or evicted while in flight)
     */
    public synchronized boolean delivered(long id) {
        if (!byId.containsKey(id)) {
            return false;
        }
        unindex(id);
        entries.remove(StoredEntryCodec.key(id));
        counters.increment("delivered");
        if (++uncommittedRemovals >= config.deliveredCommitBatch()) {
            store.commit();
            uncommittedRemovals = 0;
        }
        return true;
    }

    /** Commits removals not yet committed (e.g. before the bundle stops). */
    public synchronized void flush() {
        if (uncommittedRemovals > 0) {
            store.commit();
            uncommittedRemovals = 0;
        }
    }

    /** Queued (accepted, undelivered) entries. */
    public synchronized int size() {
        return byId.size();
    }

    /** Stored octets of the queued entries. */
    public synchronized long octets() {
        return octets;
    }

    /** Queued entries of one priority. */
    public synchronized int size(Priority priority) {
        if (priority == Priority.USAGE) {
            return usageIds.size();
        }
        int n = 0;
        for (MeterQueue queue : meters.values()) {
            n += queue.count(priority);
        }
        return n;
    }

    /** The id the next accepted entry gets. */
    public synchronized long nextId() {
        return nextId;
    }

    public Counters counters() {
        return counters;
    }

    private void index(Indexed entry) {
        byId.put(entry.id(), entry);
        octets += entry.size();
        if (entry.priority().evictable()) {
            usageIds.add(entry.id());
        }
        MeterQueue queue = meters.computeIfAbsent(entry.meterKey(), MeterQueue::new);
        schedule.remove(queue);
        queue.add(entry);
        queue.reschedule();
        schedule.add(queue);
    }

    private void unindex(long id) {
        Indexed entry = byId.remove(id);
        if (entry == null) {
            return;
        }
        octets -= entry.size();
        usageIds.remove(id);
        MeterQueue queue = meters.get(entry.meterKey());
        schedule.remove(queue);
        queue.remove(entry);
        if (queue.isEmpty()) {
            meters.remove(entry.meterKey());
        } else {
            queue.reschedule();
            schedule.add(queue);
        }
    }

    /** One meter's queued entries, by id and by priority. */
    private static final class MeterQueue {
        static final Comparator<MeterQueue> ORDER = Comparator.comparingInt((MeterQueue q) -> -q.scheduledRank)
                .thenComparingLong(q -> q.scheduledOldest).thenComparing(q -> q.meterKey);

        final String meterKey;
        final NavigableSet<Long> ids = new TreeSet<>();
        final Map<Priority, NavigableSet<Long>> idsByPriority = new EnumMap<>(Priority.class);
        // The schedule's sort key, frozen while the queue is in the schedule set.
        int scheduledRank;
        long scheduledOldest;

        MeterQueue(String meterKey) {
            this.meterKey = meterKey;
        }

        void add(Indexed entry) {
            ids.add(entry.id());
            idsByPriority.computeIfAbsent(entry.priority(), p -> new TreeSet<>()).add(entry.id());
        }

        void remove(Indexed entry) {
            ids.remove(entry.id());
            NavigableSet<Long> set = idsByPriority.get(entry.priority());
            set.remove(entry.id());
            if (set.isEmpty()) {
                idsByPriority.remove(entry.priority());
            }
        }

        boolean isEmpty() {
            return ids.isEmpty();
        }

        long oldestId() {
            return ids.first();
        }

        int count(Priority priority) {
            NavigableSet<Long> set = idsByPriority.get(priority);
            return set == null ? 0 : set.size();
        }

        /** The highest priority among the entries with an id of at least {@code id}. */
        int rankFrom(long id) {
            Priority[] priorities = Priority.values();
            for (int i = priorities.length - 1; i >= 0; i--) {
                NavigableSet<Long> set = idsByPriority.get(priorities[i]);
                if (set != null && set.ceiling(id) != null) {
                    return priorities[i].code();
                }
            }
            return -1;
        }

        void reschedule() {
            scheduledOldest = oldestId();
            scheduledRank = rankFrom(scheduledOldest);
        }

        int compareKey(Cursor cursor) {
            int byRank = Integer.compare(cursor.rank, scheduledRank);
            if (byRank != 0) {
                return byRank;
            }
            int byId = Long.compare(scheduledOldest, cursor.id);
            return byId != 0 ? byId : meterKey.compareTo(cursor.queue.meterKey);
        }
    }

    /** A meter's position in one {@link #nextBatch} merge. */
    private static final class Cursor {
        static final Comparator<Cursor> ORDER = Comparator.comparingInt((Cursor c) -> -c.rank)
                .thenComparingLong(c -> c.id).thenComparing(c -> c.queue.meterKey);

        final MeterQueue queue;
        long id;
        int rank;

        Cursor(MeterQueue queue) {
            this.queue = queue;
        }

        /** Moves to the meter's first entry at or after {@code from} that is not in flight. */
        boolean advanceTo(long from, Set<Long> inFlight) {
            for (Long candidate : queue.ids.tailSet(from, true)) {
                if (!inFlight.contains(candidate)) {
                    id = candidate;
                    rank = queue.rankFrom(candidate);
                    return true;
                }
            }
            return false;
        }
    }
}
