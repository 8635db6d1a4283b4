package org.metermesh.rpl.link;

/**
 * A snapshot of one neighbour table entry: what the field manual's {@code /proc/net/6lowpan_neighbors} view and
 * the {@code neighbors} command show, and what parent selection needs.
 *
 * @param address         the neighbour's identifier
 * @param lastRssiDbm     RSSI of the last frame heard from it
 * @param meanRssiDbm     RSSI smoothed with weight 1/8 per frame (as the radio bundle's link statistics)
 * @param lastLqi         LQI of the last frame heard, or -1 if the radio gave none
 * @param meanLqi         LQI smoothed with weight 1/8 per frame, or -1
 * @param etx             the link's ETX estimate, fixed point (divisor 128)
 * @param etxFromAcks     whether the ETX comes from acknowledgement statistics (false: still the RSSI/LQI guess)
 * @param rank            the Rank it advertised last, {@code 0xFFFF} (INFINITE_RANK) until known
 * @param parent          whether the RPL core has it in its parent set (parents are never evicted)
 * @param firstHeardNanos scheduler time the entry was created
 * @param lastHeardNanos  scheduler time it was last heard (a frame or an acknowledgement)
 * @param framesHeard     frames heard from it
 * @param attempts        transmission attempts to it in the loss window
 * @param acked           acknowledged requests in the loss window
 * @param packetLoss      (attempts - acked) / attempts over the loss window, 0 when nothing was sent
 * @param highPacketLoss  whether a HIGH_PACKET_LOSS warning is raised and not yet cleared
 * @param <K>             the neighbour identifier
 */
public record Neighbour<K>(K address, int lastRssiDbm, double meanRssiDbm, int lastLqi, double meanLqi, int etx,
        boolean etxFromAcks, int rank, boolean parent, long firstHeardNanos, long lastHeardNanos, long framesHeard,
        long attempts, long acked, double packetLoss, boolean highPacketLoss) {
}
