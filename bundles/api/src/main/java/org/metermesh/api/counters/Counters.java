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
        counts.computeIfAbsent(name, key -> new LongAdder()).increment();
    }

    /** Adds {@code amount} to {@code name}, e.g. octets sent. */
    public void add(String name, long amount) {
        counts.computeIfAbsent(name, key -> new LongAdder()).add(amount);
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
