package org.metermesh.rpl.dodag;

import java.time.Duration;
import java.util.Objects;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;

/**
 * Probes the preferred parent with a unicast DIO about every probe interval (Contiki-NG rpl-lite's link probing,
 * which probes with a unicast DIO by default), so that the link's ETX reflects acknowledgements even when no data
 * flows, and the parent's entry stays fresh. After a frame to the parent went unacknowledged, the next probe comes
 * within the urgent delay: a dead parent's ETX then climbs past the objective function's limit in seconds and the
 * meter moves to another parent (self-healing).
 */
final class ParentProbe {

    private final Scheduler scheduler;
    private final NodeConfig config;
    private final Runnable probe;

    private Cancellable task;
    private long due;

    ParentProbe(Scheduler scheduler, NodeConfig config, Runnable probe) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** (Re)starts probing, e.g. for a new preferred parent. */
    void start() {
        arm(Timing.around(scheduler, config.probeInterval()));
    }

    void stop() {
        if (task != null) {
            task.cancel();
            task = null;
        }
    }

    /** A frame to the preferred parent went unacknowledged: probe again soon. */
    void urgent() {
        Duration delay = config.urgentProbeDelay();
        if (task == null || due - scheduler.nanoTime() > delay.toNanos()) {
            arm(delay);
        }
    }

    private void arm(Duration delay) {
        stop();
        due = scheduler.nanoTime() + delay.toNanos();
        task = scheduler.schedule(delay, this::fire);
    }

    private void fire() {
        task = null;
        arm(Timing.around(scheduler, config.probeInterval()));
        probe.run();
    }
}
