package org.metermesh.radio.mac;

import org.metermesh.api.radio.NeighbourLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.metermesh.api.radio.MacAddress;

/** Per-neighbour link statistics, bounded: the neighbour heard least recently makes room for a new one. */
final class NeighbourTable {

    private static final double WEIGHT = 1.0 / 8;

    private final int capacity;
    private final Map<MacAddress, NeighbourLink> links;

    NeighbourTable(int capacity) {
        this.capacity = capacity;
        this.links = new LinkedHashMap<>(16, 0.75f, true);
    }

    void heard(MacAddress address, int rssiDbm, int lqi, long nowNanos) {
        NeighbourLink old = links.get(address);
        NeighbourLink updated = old == null
                ? new NeighbourLink(address, rssiDbm, rssiDbm, lqi, nowNanos, 1, 0, 0)
                : new NeighbourLink(address, rssiDbm, ewma(old.meanRssiDbm(), rssiDbm), ewma(old.meanLqi(), lqi),
                        nowNanos, old.framesHeard() + 1, old.acked(), old.unacked());
        put(address, updated);
    }

    void transmitted(MacAddress address, boolean acked, long nowNanos) {
        NeighbourLink old = links.get(address);
        if (old == null) {
            return; // never heard: nothing to attach the outcome to yet
        }
        put(address, new NeighbourLink(address, old.lastRssiDbm(), old.meanRssiDbm(), old.meanLqi(),
                old.lastHeardNanos(), old.framesHeard(), old.acked() + (acked ? 1 : 0),
                old.unacked() + (acked ? 0 : 1)));
    }

    private void put(MacAddress address, NeighbourLink link) {
        links.put(address, link);
        if (links.size() > capacity) {
            MacAddress eldest = links.keySet().iterator().next();
            links.remove(eldest);
        }
    }

    List<NeighbourLink> snapshot() {
        return new ArrayList<>(links.values());
    }

    private static double ewma(double mean, double sample) {
        return mean + WEIGHT * (sample - mean);
    }
}
