package org.metermesh.radio.mac;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.NeighbourLink;

/**
 * Per-neighbour link statistics, bounded: the neighbour heard least recently makes room for a new one. Every frame
 * heard updates an entry, so entries are updated in place and turned into {@link NeighbourLink}s only when asked.
 */
final class NeighbourTable {

    private static final double WEIGHT = 1.0 / 8;

    private final int capacity;
    /** In access order: the first entry is the one heard (or sent to) least recently. */
    private final Map<MacAddress, Link> links;

    NeighbourTable(int capacity) {
        this.capacity = capacity;
        this.links = new LinkedHashMap<>(16, 0.75f, true);
    }

    void heard(MacAddress address, int rssiDbm, int lqi, long nowNanos) {
        Link link = links.get(address);
        if (link == null) {
            link = new Link(address, rssiDbm, lqi);
            links.put(address, link);
            evictBeyondCapacity();
        } else {
            link.meanRssiDbm = ewma(link.meanRssiDbm, rssiDbm);
            link.meanLqi = ewma(link.meanLqi, lqi);
        }
        link.lastRssiDbm = rssiDbm;
        link.lastHeardNanos = nowNanos;
        link.framesHeard++;
    }

    void transmitted(MacAddress address, boolean acked) {
        Link link = links.get(address);
        if (link == null) {
            return; // never heard: nothing to attach the outcome to yet
        }
        if (acked) {
            link.acked++;
        } else {
            link.unacked++;
        }
    }

    private void evictBeyondCapacity() {
        if (links.size() > capacity) {
            Iterator<Link> eldest = links.values().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    List<NeighbourLink> snapshot() {
        List<NeighbourLink> copy = new ArrayList<>(links.size());
        for (Link l : links.values()) {
            copy.add(new NeighbourLink(l.address, l.lastRssiDbm, l.meanRssiDbm, l.meanLqi, l.lastHeardNanos,
                    l.framesHeard, l.acked, l.unacked));
        }
        return copy;
    }

    private static double ewma(double mean, double sample) {
        return mean + WEIGHT * (sample - mean);
    }

    private static final class Link {
        final MacAddress address;
        int lastRssiDbm;
        double meanRssiDbm;
        double meanLqi;
        long lastHeardNanos;
        long framesHeard;
        long acked;
        long unacked;

        Link(MacAddress address, int rssiDbm, int lqi) {
            this.address = address;
            this.meanRssiDbm = rssiDbm;
            this.meanLqi = lqi;
        }
    }
}
