package org.metermesh.api.radio;


/**
 * What this radio knows of one neighbour's link: signal as heard, and how our frames to it fared.
 *
 * @param address        the neighbour's MAC address as seen in source fields
 * @param lastRssiDbm    RSSI of the last frame heard from it
 * @param meanRssiDbm    exponentially weighted mean RSSI (weight 1/8 for each new frame)
 * @param meanLqi        exponentially weighted mean LQI
 * @param lastHeardNanos scheduler time of the last frame heard
 * @param framesHeard    frames received from it
 * @param acked          our unicast frames it acknowledged
 * @param unacked        our unicast frames that went unacknowledged after all retries
 */
public record NeighbourLink(MacAddress address, int lastRssiDbm, double meanRssiDbm, double meanLqi,
        long lastHeardNanos, long framesHeard, long acked, long unacked) {
}
