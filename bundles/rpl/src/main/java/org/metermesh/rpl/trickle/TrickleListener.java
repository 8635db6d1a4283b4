package org.metermesh.rpl.trickle;

import java.time.Duration;

/** What a {@link TrickleTimer} asks of its owner. Called on the scheduler's thread. */
@FunctionalInterface
public interface TrickleListener {

    /** Time t of the current interval has come and fewer than k consistent transmissions were heard: send now. */
    void transmit();

    /**
     * A new interval of length {@code interval} has begun (RFC 6206 4.2 rule 2), after a start, a doubling or a
     * reset. The DODAG root may, for instance, bump its DTSN here.
     */
    default void intervalStarted(Duration interval) {
    }
}
