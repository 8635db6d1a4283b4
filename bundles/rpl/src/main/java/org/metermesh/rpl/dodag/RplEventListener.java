package org.metermesh.rpl.dodag;

import org.metermesh.api.event.ErrorCode;

/** What the RPL cores report upward: field error codes and changes worth a log line or a counter. */
public interface RplEventListener {

    RplEventListener NONE = new RplEventListener() {
    };

    /** ERR_NET_NO_BEACON, ERR_RPL_NO_ROOT or HIGH_PACKET_LOSS, with an explanation for the log. */
    default void error(ErrorCode code, String detail) {
    }

    /** A meter has a route at the root: its DAO was acknowledged. */
    default void joined() {
    }

    /**
     * The root's durable state had a problem worth a log line: a stored record was rejected (and skipped), or the
     * {@link RouteStore} failed to load or save (the root goes on with what it has in memory).
     */
    default void stateProblem(String detail) {
    }

    /** A meter changed its preferred parent (including to none, when it loses the DODAG). */
    default void parentChanged(org.metermesh.api.radio.MacAddress parent) {
    }
}
