package org.metermesh.sixlowpan.nd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;

/**
 * The address registrations a 6LoWPAN router (6LR/6LBR) keeps: the Registered Neighbor Cache Entries of RFC 6775
 * 6.5 with the RFC 8505 TID. A sans-I/O core: lifetimes run on the stack's {@link Scheduler}. Not thread-safe:
 * driven by one event loop; counters may be read from any thread.
 *
 * <ul>
 * <li>A new address is registered if there is room: {@link AroStatus#SUCCESS}; without room {@link
 * AroStatus#NEIGHBOR_CACHE_FULL} and nothing changes (RFC 6775 6.5.3: "If the Neighbor Cache is full and a new
 * entry needs to be created, then the router responds with ... Status field set to two"). Existing entries are
 * never evicted for a newcomer.</li>
 * <li>An address registered by another owner: {@link AroStatus#DUPLICATE_ADDRESS} and nothing changes (RFC 6775
 * 6.5.1: "It isn't a duplicate if (1) there is no NCE for the IPv6 source address of the NS or (2) there is such an
 * NCE and the EUI-64 is the same. Otherwise, it is a duplicate address ... there is no modification to the
 * Neighbor Cache").</li>
 * <li>The same owner again: a refresh. The single entry gets the new lifetime, counted from now, and the new TID
 * and link-layer address; repeating a registration is idempotent. If both registrations carry a TID and the new
 * one is older (RFC 8505 5.2.1: the lollipop comparison of RFC 6550 7.2), the answer is {@link AroStatus#MOVED},
 * "not the freshest", and nothing changes.</li>
 * <li>Lifetime zero removes the owner's entry (RFC 6775 6.5.3: "If the ARO contains a zero Registration Lifetime,
 * then any existing NCE ... MUST be deleted"); success also when there was none.</li>
 * <li>An entry lapses when its lifetime runs out (RFC 6775 6.5.3: "Should the Registration Lifetime in an NCE
 * expire, then the router MUST delete the cache entry").</li>
 * </ul>
 * Counters: {@code registered}, {@code refreshed}, {@code deregistered}, {@code expired}, {@code
 * refused:duplicate_address}, {@code refused:neighbor_cache_full}, {@code refused:moved}.
 */
public final class RegistrationTable {

    /** No TID: the registration came in an RFC 6775 ARO without the T flag. */
    public static final int NO_TID = -1;
    /** Our choice: room for the direct neighbours of a gateway in a large NAN. */
    public static final int DEFAULT_CAPACITY = 1024;
    public static final int MAX_CAPACITY = 1 << 20;
    /** RFC 6550 7.2 SEQUENCE_WINDOW, which RFC 8505 5.2.1 uses for TIDs. */
    static final int SEQUENCE_WINDOW = 16;

    /** Why an entry left the table. */
    public enum Removal {
        /** A registration with lifetime 0. */
        DEREGISTERED,
        /** Its lifetime ran out. */
        EXPIRED
    }

    /** Told when entries come and go, e.g. to install or withdraw a host route. Called on the event loop. */
    public interface Listener {
        default void registered(Registration registration) {
        }

        default void removed(Registration registration, Removal why) {
        }
    }

    private final Scheduler scheduler;
    private final int capacity;
    private final Listener listener;
    private final Map<Key, Entry> entries = new HashMap<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    public RegistrationTable(Scheduler scheduler, int capacity) {
        this(scheduler, capacity, new Listener() { });
    }

    /** @param capacity 1..{@value #MAX_CAPACITY} registrations */
    public RegistrationTable(Scheduler scheduler, int capacity, Listener listener) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity " + capacity + " is outside 1.." + MAX_CAPACITY);
        }
        this.capacity = capacity;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Registers, refreshes or (with a zero lifetime) removes the registration of {@code address}.
     *
     * @param address   the IPv6 address to register, 16 octets
     * @param owner     who registers it (the ARO's EUI-64 or ROVR)
     * @param lifetime  how long to keep it; zero de-registers
     * @param tid       0..255, or {@link #NO_TID}
     * @param linkLayer where the owner is reached (the SLLAO), or {@link MacAddress#NONE}
     * @return the ARO status to answer with
     */
    public AroStatus register(byte[] address, Rovr owner, Duration lifetime, int tid, MacAddress linkLayer) {
        Key key = Key.of(address);
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(linkLayer, "linkLayer");
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("negative lifetime " + lifetime);
        }
        if (tid < NO_TID || tid > 255) {
            throw new IllegalArgumentException("TID " + tid + " is outside 0..255 (or -1 for none)");
        }
        Entry existing = entries.get(key);
        if (existing != null) {
            if (!existing.registration.owner().equals(owner)) {
                return refuse(AroStatus.DUPLICATE_ADDRESS);
            }
            if (tid != NO_TID && existing.registration.hasTid() && isOlder(tid, existing.registration.tid())) {
                return refuse(AroStatus.MOVED);
            }
        }
        if (lifetime.isZero()) {
            if (existing != null) {
                remove(existing, Removal.DEREGISTERED);
                increment("deregistered");
            }
            return AroStatus.SUCCESS;
        }
        if (existing == null && entries.size() >= capacity) {
            return refuse(AroStatus.NEIGHBOR_CACHE_FULL);
        }
        if (existing != null) {
            existing.timer.cancel();
        }
        long expiresAt = scheduler.nanoTime() + lifetime.toNanos();
        Entry entry = new Entry(new Registration(address, owner, linkLayer, tid, expiresAt));
        entries.put(key, entry);
        entry.timer = scheduler.schedule(lifetime, () -> expire(key, entry));
        increment(existing == null ? "registered" : "refreshed");
        listener.registered(entry.registration);
        return AroStatus.SUCCESS;
    }

    /** RFC 6775 form: the owner is an EUI-64, which is also its link-layer address; lifetime in ARO minutes. */
    public AroStatus register(byte[] address, long eui64, int lifetimeMinutes, int tid) {
        return register(address, Rovr.ofEui64(eui64), Duration.ofMinutes(lifetimeMinutes), tid,
                ExtendedAddress.of(eui64));
    }

    public Optional<Registration> lookup(byte[] address) {
        Entry entry = entries.get(Key.of(address));
        return entry == null ? Optional.empty() : Optional.of(entry.registration);
    }

    /** Every registration, in no particular order. */
    public List<Registration> registrations() {
        List<Registration> all = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            all.add(entry.registration);
        }
        return all;
    }

    public int size() {
        return entries.size();
    }

    public int capacity() {
        return capacity;
    }

    /** Removes every registration, uncounted and unannounced (e.g. when the stack stops). */
    public void clear() {
        for (Entry entry : entries.values()) {
            entry.timer.cancel();
        }
        entries.clear();
    }

    /** The count of {@code name}, 0 if it never happened. */
    public long count(String name) {
        LongAdder count = counters.get(name);
        return count == null ? 0 : count.sum();
    }

    /** All counts, sorted by name. */
    public Map<String, Long> counters() {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((name, count) -> snapshot.put(name, count.sum()));
        return snapshot;
    }

    /**
     * True if TID {@code incoming} is older than {@code stored}, by the lollipop comparison of RFC 6550 7.2 that
     * RFC 8505 5.2.1 prescribes: values 128..255 are the straight start of the lollipop, 0..127 its circle; within
     * one region values at most {@value #SEQUENCE_WINDOW} apart compare by serial number arithmetic (RFC 1982, 7
     * bits in the circle); values further apart are not comparable, which this table treats as not older.
     */
    static boolean isOlder(int incoming, int stored) {
        return compareTid(incoming, stored) < 0;
    }

    /** Positive if {@code a} is fresher, negative if older, zero if equal or not comparable. */
    static int compareTid(int a, int b) {
        if (a == b) {
            return 0;
        }
        boolean aLinear = a >= 128;
        boolean bLinear = b >= 128;
        if (aLinear && !bLinear) {
            return 256 + b - a > SEQUENCE_WINDOW ? 1 : -1;
        }
        if (!aLinear && bLinear) {
            return 256 + a - b > SEQUENCE_WINDOW ? -1 : 1;
        }
        if (aLinear) {
            int difference = a - b;
            return Math.abs(difference) <= SEQUENCE_WINDOW ? Integer.signum(difference) : 0;
        }
        int ahead = (a - b) & 0x7f;
        if (ahead <= SEQUENCE_WINDOW) {
            return 1;
        }
        return ahead >= 128 - SEQUENCE_WINDOW ? -1 : 0;
    }

    private void expire(Key key, Entry entry) {
        if (entries.get(key) == entry) {
            entries.remove(key);
            increment("expired");
            listener.removed(entry.registration, Removal.EXPIRED);
        }
    }

    private void remove(Entry entry, Removal why) {
        entry.timer.cancel();
        entries.remove(Key.of(entry.registration.address()));
        listener.removed(entry.registration, why);
    }

    private AroStatus refuse(AroStatus status) {
        increment("refused:" + status.name().toLowerCase(java.util.Locale.ROOT));
        return status;
    }

    private void increment(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    private static final class Entry {
        final Registration registration;
        Cancellable timer;

        Entry(Registration registration) {
            this.registration = registration;
        }
    }

    /** A 16-octet address as two longs, for hashing. */
    private record Key(long high, long low) {
        static Key of(byte[] address) {
            PseudoHeaderChecksum.requireAddress(address, "registered");
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (address[i] & 0xff);
                low = (low << 8) | (address[8 + i] & 0xff);
            }
            return new Key(high, low);
        }
    }
}
