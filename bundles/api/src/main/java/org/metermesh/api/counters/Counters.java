package org.metermesh.api.counters;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Event counts by name, as every protocol layer keeps them: {@code rx}, {@code tx}, {@code acked}, {@code no-ack},
 * {@code dropped:<reason>} and so on. Safe to increment from I/O threads and the event loop, and to read anywhere.
 */
public final class Counters {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void increment(String name) {
        adder(name).increment();
    }

    /** Adds {@code amount} to {@code name}, e.g. octets sent. */
    public void add(String name, long amount) {
        adder(name).add(amount);
    }

    /**
     * The counter {@code name} itself, created at 0 if new, for a layer that counts the same event for every frame
     * it hears: incrementing the handle skips the lookup by name. Counts through the handle and through
     * {@link #increment(String)} are one count.
     */
    public Counter counter(String name) {
        return new Counter(adder(name));
    }

    /** One named count of a {@link Counters}; safe for concurrent use. */
    public static final class Counter {
        private final LongAdder adder;

        private Counter(LongAdder adder) {
            this.adder = adder;
        }

        public void increment() {
            adder.increment();
        }

        public void add(long amount) {
            adder.add(amount);
        }

        public long get() {
            return adder.sum();
        }
    }

    /** A plain get first: counting runs for every frame a radio hears, and almost every name exists already. */
    private LongAdder adder(String name) {
        LongAdder adder = counts.get(name);
        return adder != null ? adder : counts.computeIfAbsent(name, key -> new LongAdder());
    }

    /** The count of {@code name}, 0 if it never happened. */
    public long get(String name) {
        LongAdder count = counts.get(name);
        return count == null ? 0 : count.sum();
    }

    /** All counts, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((name, count) -> snapshot.put(name, count.sum()));
        return snapshot;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
