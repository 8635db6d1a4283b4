package org.metermesh.radio.serial;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the serial backend did, by name: {@code rx}, {@code tx}, {@code tx-sent}, {@code link-down},
 * {@code dropped:<reason>} and so on (RCP-PROTOCOL.md lists them). Incremented from the reader thread and the event
 * loop; readable from any thread.
 */
public final class SerialRcpCounters {

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
