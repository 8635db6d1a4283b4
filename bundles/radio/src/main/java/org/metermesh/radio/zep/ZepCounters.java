package org.metermesh.radio.zep;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the ZEP backend did, by name: {@code rx}, {@code tx}, {@code tx-sent}, {@code ignored-own},
 * {@code dropped:wrong-channel}, {@code dropped:<rejection>} and so on. Incremented from the receiver thread and
 * the event loop; readable from any thread.
 */
public final class ZepCounters {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void increment(String name) {
        counts.computeIfAbsent(name, key -> new LongAdder()).increment();
    }

    /** The count of {@code name}, 0 if it never happened. */
    public long get(String name) {
        LongAdder count = counts.get(name);
        return count == null ? 0 : count.sum();
    }

    /** All non-zero counts, sorted by name. */
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
