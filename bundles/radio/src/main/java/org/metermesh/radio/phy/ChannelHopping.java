package org.metermesh.radio.phy;

import java.time.Duration;

/**
 * A frequency-hopping schedule in the manner of Wi-SUN FAN: every node listens on a channel of its own that changes
 * every unicast dwell interval, derived from its EUI-64 by a hash, so a sender reaches it by computing the same hash;
 * once every broadcast interval all nodes meet on one broadcast channel for the broadcast dwell interval, and
 * broadcast frames wait for that window. Unicast traffic is thereby spread over the whole plan, and a frame is heard
 * by the few neighbours that happen to be on its channel instead of by every neighbour.
 *
 * <p>Time is the PAN's: slots count from 0 for every node (the simulator's nodes share one clock; Wi-SUN nodes
 * learn each neighbour's timing from the UTT and BT information elements, which this model takes as exact). The
 * channel function is a direct hash of (node, slot) in the spirit of Wi-SUN's DH1CF, with MeterMesh's own hash.
 *
 * @param plan                the channels hopped over: all of the plan's
 * @param unicastDwellNanos   how long a node stays on one unicast channel
 * @param broadcastIntervalNanos from the start of one broadcast window to the next
 * @param broadcastDwellNanos how long the broadcast window lasts, at the start of each interval
 * @param broadcastKey        seeds the broadcast channel sequence (the PAN's)
 */
public record ChannelHopping(ChannelPlan plan, long unicastDwellNanos, long broadcastIntervalNanos,
        long broadcastDwellNanos, long broadcastKey) {

    /** Unicast dwell, broadcast interval and broadcast dwell of common Wi-SUN FAN stacks: 255, 1020, 255 ms. */
    public static final Duration UNICAST_DWELL = Duration.ofMillis(255);
    public static final Duration BROADCAST_INTERVAL = Duration.ofMillis(1020);
    public static final Duration BROADCAST_DWELL = Duration.ofMillis(255);

    public ChannelHopping {
        if (unicastDwellNanos <= 0 || broadcastIntervalNanos <= 0 || broadcastDwellNanos <= 0
                || broadcastDwellNanos >= broadcastIntervalNanos) {
            throw new IllegalArgumentException("dwell " + unicastDwellNanos + " ns, broadcast " + broadcastDwellNanos
                    + " ns every " + broadcastIntervalNanos + " ns: dwells must be positive and the broadcast window"
                    + " shorter than its interval");
        }
    }

    /** The Wi-SUN FAN dwell times over every channel of {@code plan}, broadcast sequence keyed by the PAN id. */
    public static ChannelHopping wiSun(ChannelPlan plan, int panId) {
        return new ChannelHopping(plan, UNICAST_DWELL.toNanos(), BROADCAST_INTERVAL.toNanos(),
                BROADCAST_DWELL.toNanos(), panId);
    }

    /** Whether {@code nanos} falls in a broadcast window. */
    public boolean inBroadcastWindow(long nanos) {
        return Math.floorMod(nanos, broadcastIntervalNanos) < broadcastDwellNanos;
    }

    /** How long from {@code nanos} until a broadcast window is open: 0 inside one. */
    public long untilBroadcastWindow(long nanos) {
        long into = Math.floorMod(nanos, broadcastIntervalNanos);
        return into < broadcastDwellNanos ? 0 : broadcastIntervalNanos - into;
    }

    /** How long from {@code nanos} until the broadcast window that holds it closes: 0 outside a window. */
    public long untilWindowCloses(long nanos) {
        long into = Math.floorMod(nanos, broadcastIntervalNanos);
        return into < broadcastDwellNanos ? broadcastDwellNanos - into : 0;
    }

    /** The channel node {@code eui64} listens on at {@code nanos}: the broadcast channel inside a window. */
    public int listeningChannel(long eui64, long nanos) {
        if (inBroadcastWindow(nanos)) {
            return broadcastChannel(nanos);
        }
        return unicastChannel(eui64, unicastSlot(nanos));
    }

    /** The number of the unicast dwell that holds {@code nanos}, counted from 0. */
    public long unicastSlot(long nanos) {
        return Math.floorDiv(nanos, unicastDwellNanos);
    }

    /** Node {@code eui64}'s unicast channel in dwell number {@code slot} (outside the broadcast windows). */
    public int unicastChannel(long eui64, long slot) {
        return channelOf(eui64, slot);
    }

    /** The broadcast channel of the interval that holds {@code nanos}. */
    public int broadcastChannel(long nanos) {
        return channelOf(~broadcastKey, Math.floorDiv(nanos, broadcastIntervalNanos));
    }

    private int channelOf(long key, long slot) {
        long h = mix(key * 0x9e3779b97f4a7c15L + slot);
        return plan.firstChannel() + (int) Math.floorMod(h, (long) plan.channelCount());
    }

    /** SplitMix64's finaliser: neighbouring slots and keys land on unrelated channels. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
