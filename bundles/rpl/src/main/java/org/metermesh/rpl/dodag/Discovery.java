package org.metermesh.rpl.dodag;

import java.util.Objects;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;

/**
 * A detached meter's search for a DODAG, in rounds of DISCOVERY_TIMEOUT: a multicast DIS (RFC 6550 8.3: it makes
 * attached neighbours reset their Trickle timers, so DIOs come within about Imin) when the round begins and about
 * every DIS interval after, unless a neighbour's multicast DIS was heard within the last half interval (its DIS
 * already made the attached neighbours answer for everyone around; the staggered join of the field manual
 * against broadcast storms, and the Trickle suppression with k = 1 that Wi-SUN FAN applies to its PAN
 * solicitations), and at the end of a round without a parent, the field manual's verdict:
 * ERR_RPL_NO_ROOT if any neighbour was heard (DIS or DIO), ERR_NET_NO_BEACON if the air was silent. Then the next
 * round begins. The very first round starts after the staggered-join jitter.
 */
final class Discovery {

    /** What a round does and concludes. */
    interface Actions {
        void sendDis();

        /** A DIS was not sent: a neighbour's, heard within half a DIS interval, did its work. */
        default void disSuppressed() {
        }

        /**
         * The round ended without a parent.
         *
         * @param neighboursHeard RPL messages heard from neighbours in the round
         * @param diosHeard       DIOs among them
         */
        void timedOut(int neighboursHeard, int diosHeard);
    }

    private final Scheduler scheduler;
    private final NodeConfig config;
    private final Actions actions;

    private Cancellable disTask;
    private Cancellable timeoutTask;
    private boolean active;
    private int heard;
    private int dios;
    private long lastDisHeard = Long.MIN_VALUE / 2;

    Discovery(Scheduler scheduler, NodeConfig config, Actions actions) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    /** Staggered join: the first round begins a random time in [0, jitter) from now. */
    void beginAfterJitter() {
        stop();
        active = true;
        disTask = scheduler.schedule(Timing.upTo(scheduler, config.joinJitter()), this::startRound);
    }

    /** A new round now: DIS, counters cleared, DISCOVERY_TIMEOUT armed. */
    void startRound() {
        stop();
        active = true;
        heard = 0;
        dios = 0;
        timeoutTask = scheduler.schedule(config.discoveryTimeout(), this::timeout);
        sendDis();
    }

    /** Ends the search (a parent was found, or the node stops). */
    void stop() {
        active = false;
        if (disTask != null) {
            disTask.cancel();
            disTask = null;
        }
        if (timeoutTask != null) {
            timeoutTask.cancel();
            timeoutTask = null;
        }
    }

    /** A message from a neighbour was heard. */
    void heard(boolean dio) {
        if (active) {
            heard++;
            if (dio) {
                dios++;
            }
        }
    }

    boolean active() {
        return active;
    }

    /** A neighbour's multicast DIS was heard: it makes the attached neighbours answer for us too. */
    void heardDis() {
        lastDisHeard = scheduler.nanoTime();
    }

    private void sendDis() {
        disTask = scheduler.schedule(Timing.around(scheduler, config.disInterval()), this::sendDis);
        if (scheduler.nanoTime() - lastDisHeard < config.disInterval().toNanos() / 2) {
            actions.disSuppressed();
            return;
        }
        actions.sendDis();
    }

    private void timeout() {
        timeoutTask = null;
        int n = heard;
        int d = dios;
        actions.timedOut(n, d);
        if (active) {
            startRound();
        }
    }
}
