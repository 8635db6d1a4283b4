package org.metermesh.radio.mac;

import java.util.ArrayList;
import java.util.List;

import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.NeighbourLink;

/**
 * Per-neighbour link statistics, bounded: the neighbour heard (or sent to) least recently makes room for a new one.
 * Every frame heard updates an entry, so entries are updated in place and turned into {@link NeighbourLink}s only
 * when asked.
 *
 * <p>A few dozen entries in plain arrays, found by a scan of their address keys and ordered by a use counter, rather
 * than an access-ordered hash map: a meter in a dense street hears hundreds of neighbours, and a scan of one short
 * array costs less than a hash lookup that chases a node, a key and a value and relinks the access order.
 */
final class NeighbourTable {

    private static final double WEIGHT = 1.0 / 8;

    private final int capacity;
    /** Each entry's address as an {@link AddressKey}: kind and value. */
    private final byte[] kinds;
    private final long[] keys;
    private final Link[] links;
    /** When each entry was last heard or sent to, in uses of the table: the smallest makes room. */
    private final long[] lastUse;
    private int size;
    private long uses;

    NeighbourTable(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.kinds = new byte[this.capacity];
        this.keys = new long[this.capacity];
        this.links = new Link[this.capacity];
        this.lastUse = new long[this.capacity];
    }

    void heard(MacAddress address, int rssiDbm, int lqi, long nowNanos) {
        int i = indexOf(address);
        Link link;
        if (i >= 0) {
            link = links[i];
            link.meanRssiDbm = ewma(link.meanRssiDbm, rssiDbm);
            link.meanLqi = ewma(link.meanLqi, lqi);
        } else {
            if (capacity == 0) {
                return;
            }
            i = size < capacity ? size++ : leastRecentlyUsed();
            link = new Link(address, rssiDbm, lqi);
            kinds[i] = AddressKey.kind(address);
            keys[i] = AddressKey.value(address);
            links[i] = link;
        }
        lastUse[i] = ++uses;
        link.lastRssiDbm = rssiDbm;
        link.lastHeardNanos = nowNanos;
        link.framesHeard++;
    }

    void transmitted(MacAddress address, boolean acked) {
        int i = indexOf(address);
        if (i < 0) {
            return; // never heard: nothing to attach the outcome to yet
        }
        lastUse[i] = ++uses;
        if (acked) {
            links[i].acked++;
        } else {
            links[i].unacked++;
        }
    }

    /** The entries, least recently used first. */
    List<NeighbourLink> snapshot() {
        List<Integer> order = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(lastUse[a], lastUse[b]));
        List<NeighbourLink> copy = new ArrayList<>(size);
        for (int i : order) {
            Link l = links[i];
            copy.add(new NeighbourLink(l.address, l.lastRssiDbm, l.meanRssiDbm, l.meanLqi, l.lastHeardNanos,
                    l.framesHeard, l.acked, l.unacked));
        }
        return copy;
    }

    private int indexOf(MacAddress address) {
        byte kind = AddressKey.kind(address);
        long key = AddressKey.value(address);
        for (int i = 0; i < size; i++) {
            if (keys[i] == key && kinds[i] == kind) {
                return i;
            }
        }
        return -1;
    }

    private int leastRecentlyUsed() {
        int eldest = 0;
        for (int i = 1; i < size; i++) {
            if (lastUse[i] < lastUse[eldest]) {
                eldest = i;
            }
        }
        return eldest;
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
