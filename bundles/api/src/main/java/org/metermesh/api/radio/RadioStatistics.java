package org.metermesh.api.radio;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the driver's counters and neighbour links.
 *
 * @param counters   per reason, sorted by name: rx, tx, acked, no-ack, channel-busy, dropped:&lt;reason&gt;, ...
 * @param neighbours every neighbour heard recently, with RSSI, LQI and acknowledgement counts
 */
public record RadioStatistics(Map<String, Long> counters, List<NeighbourLink> neighbours) {

    public RadioStatistics {
        counters = Map.copyOf(counters);
        neighbours = List.copyOf(neighbours);
    }
}
