package org.metermesh.api.event;

/** Error conditions from the smart-meter peer discovery field manual, each a first-class, countable event. */
public enum ErrorCode {
    /** No DIO (beacon) was heard before DISCOVERY_TIMEOUT expired. */
    ERR_NET_NO_BEACON,
    /** Neighbours are heard, but none offers a path to a DODAG root: a stranded island. */
    ERR_RPL_NO_ROOT,
    /** A join or message failed authentication. */
    ERR_SEC_AUTH_FAIL,
    /** Packet loss on a link is above the warning threshold (15 % in the field manual). */
    HIGH_PACKET_LOSS;

    /** The EventAdmin topic under which this error is posted. */
    public String topic() {
        return MeshEvents.ERROR_TOPIC_PREFIX + name();
    }
}
