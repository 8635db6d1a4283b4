package org.metermesh.radio.serial;

/**
 * Maps the RCP's microsecond receive timestamps onto the stack scheduler's time line.
 *
 * <p>The offset between the two clocks is estimated as the smallest (arrival - RCP time) seen since the link came
 * up: the frame that crossed the UART fastest. Arrival includes the UART transfer and queueing, so the minimum is
 * the best bound. The estimate restarts on every reconnection (the RCP may have rebooted), when the RCP clock
 * runs backwards, and when it falls more than {@link #MAX_LAG_NANOS} behind arrival (clock drift over hours).
 * Event-loop only.
 */
final class RcpClock {

    /** Longer than any UART transfer of one frame at 115200 baud (2061 octets take about 180 ms). */
    static final long MAX_LAG_NANOS = 1_000_000_000L;

    private boolean synced;
    private long offsetNanos;
    private long lastRcpMicros;

    /** @return when the frame ended on the scheduler's time line, never after {@code arrivalNanos} */
    long toSchedulerNanos(long rcpMicros, long arrivalNanos) {
        long rcpNanos = rcpMicros * 1000;
        long offset = arrivalNanos - rcpNanos;
        boolean backwards = synced && Long.compareUnsigned(rcpMicros, lastRcpMicros) < 0;
        if (!synced || backwards || offset < offsetNanos || offset - offsetNanos > MAX_LAG_NANOS) {
            offsetNanos = offset;
            synced = true;
        }
        lastRcpMicros = rcpMicros;
        return rcpNanos + offsetNanos;
    }

    void reset() {
        synced = false;
    }
}
