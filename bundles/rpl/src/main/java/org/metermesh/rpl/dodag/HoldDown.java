package org.metermesh.rpl.dodag;

import java.time.Duration;
import java.util.Objects;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;

/**
 * The poisoning phase of a local repair (RFC 6550 8.2.2.5): the meter advertises INFINITE_RANK three times, once
 * within the first eighth of the hold-down, then at one third and two thirds of it (a multicast is neither
 * acknowledged nor retried, so one poisoning DIO may well be lost), and chooses no parent until the hold-down ends.
 * Its former children hear the poison and drop it as a parent, so that when the meter looks for a parent again none
 * of its old sub-DODAG offers a path through itself. Poisoning DIOs are sent directly, not through Trickle, so that
 * redundancy suppression cannot swallow them.
 */
final class HoldDown {

    private final Scheduler scheduler;
    private final Duration holdDown;
    private final Runnable poison;
    private final Runnable over;

    private Cancellable first;
    private Cancellable second;
    private Cancellable third;
    private Cancellable end;

    HoldDown(Scheduler scheduler, Duration holdDown, Runnable poison, Runnable over) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.holdDown = Objects.requireNonNull(holdDown, "holdDown");
        this.poison = Objects.requireNonNull(poison, "poison");
        this.over = Objects.requireNonNull(over, "over");
    }

    void start() {
        stop();
        first = scheduler.schedule(Timing.upTo(scheduler, holdDown.dividedBy(8)), poison);
        second = scheduler.schedule(holdDown.dividedBy(3), poison);
        third = scheduler.schedule(holdDown.multipliedBy(2).dividedBy(3), poison);
        end = scheduler.schedule(holdDown, () -> {
            end = null;
            over.run();
        });
    }

    void stop() {
        for (Cancellable c : new Cancellable[] {first, second, third, end}) {
            if (c != null) {
                c.cancel();
            }
        }
        first = null;
        second = null;
        third = null;
        end = null;
    }

    boolean active() {
        return end != null;
    }
}
