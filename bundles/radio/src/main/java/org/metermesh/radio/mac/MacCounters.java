package org.metermesh.radio.mac;

import java.util.Map;
import java.util.TreeMap;

/** Counters per reason: rx, tx, acked, no-ack, channel-busy, dropped:&lt;reason&gt;, ... Updated on the loop thread. */
public final class MacCounters {

    private final Map<String, Long> counts = new TreeMap<>();

    void increment(String name) {
        counts.merge(name, 1L, Long::sum);
    }

    public long get(String name) {
        return counts.getOrDefault(name, 0L);
    }

    /** A copy, sorted by name. */
    public Map<String, Long> snapshot() {
        return new TreeMap<>(counts);
    }
}
