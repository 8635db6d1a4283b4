package org.metermesh.radio.medium;

/** What happened to frames on the simulated medium, per reason. Read on the scheduler's thread. */
public final class MediumCounters {

    long transmissions;
    long delivered;
    long collisions;
    long packetErrors;
    long extraLoss;
    long receiverBusy;
    long blockedLinks;

    public long transmissions() {
        return transmissions;
    }

    /** Receptions handed to a listening node. */
    public long delivered() {
        return delivered;
    }

    /** Lost to an overlapping transmission that was not weaker by the capture threshold. */
    public long collisions() {
        return collisions;
    }

    /** Lost to bit errors, drawn from the link's packet error rate. */
    public long packetErrors() {
        return packetErrors;
    }

    /** Lost to the configured extra loss. */
    public long extraLoss() {
        return extraLoss;
    }

    /** Not heard because the receiver was transmitting itself (half duplex). */
    public long receiverBusy() {
        return receiverBusy;
    }

    /** Not heard because the link was cut by fault injection. */
    public long blockedLinks() {
        return blockedLinks;
    }

    @Override
    public String toString() {
        return "transmissions=" + transmissions + " delivered=" + delivered + " collisions=" + collisions
                + " packetErrors=" + packetErrors + " extraLoss=" + extraLoss + " receiverBusy=" + receiverBusy
                + " blockedLinks=" + blockedLinks;
    }
}
