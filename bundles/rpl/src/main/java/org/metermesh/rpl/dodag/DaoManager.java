package org.metermesh.rpl.dodag;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.rpl.message.RplMessage.Dao;
import org.metermesh.rpl.message.RplMessage.DaoAck;

/**
 * A meter's DAO state machine (RFC 6550 9): when to send a DAO, retransmission until a DAO-ACK, and the refresh
 * before the route's lifetime runs out. The DAO itself is built by the node at the moment it is sent, so it always
 * names the current parents.
 *
 * <ul>
 * <li>{@link #schedule()}: a new DAO after a random delay in [D/2, 3D/2) (Contiki-NG RPL_DAO_DELAY; RFC 6550 9.5
 *     lets a node wait to aggregate changes); further triggers before it goes out are merged into it. A new DAO
 *     gets a new DAOSequence and a new Path Sequence (RFC 6550 7.2, 9.2.1).</li>
 * <li>Every DAO requests an acknowledgement (K flag, RFC 6550 6.4.1). Without a matching DAO-ACK after a random
 *     [T/2, 3T/2), doubled for each retransmission already made (exponential back-off, see {@link #ackWait()}),
 *     it is sent again, unchanged (same sequences), up to the maximum number of transmissions; then,
 *     or after a rejection (status 128 or more, RFC 6550 6.5.1), a fresh DAO follows after the retry back-off.</li>
 * <li>After an acceptance the route is refreshed with a new DAO between one refresh margin and one margin plus a
 *     quarter of the lifetime (at least one margin) before the lifetime ends (Contiki-NG schedule_dao_refresh
 *     uses one to two margins; the wider spread keeps meters that joined together from refreshing together), or
 *     halfway through a lifetime shorter than that; never for an infinite lifetime, and never sooner than
 *     {@link #MIN_REFRESH}.</li>
 * </ul>
 */
final class DaoManager {

    /** The node's side of the exchange. */
    interface Actions {
        /** The DAO to send now with these sequence numbers, or empty if the node cannot send one now. */
        Optional<Dao> build(int sequence, int pathSequence);

        void send(Dao dao);

        /** The root accepted the DAO. */
        void accepted();

        /** The root rejected the DAO, or it was never acknowledged. */
        void failed(String why);

        /** The lifetime of the route the DAO installs, empty if infinite. */
        Optional<Duration> lifetime();

        /** Hops between the meter and the root, as far as its Rank tells (at least 1). */
        int hopsToRoot();
    }

    private enum Pending { NONE, NEW, ACK, REFRESH, BACKOFF }

    /** Doublings of the DAO-ACK wait: 5, 10, 20, 40 s on average with the default 5 s timeout, one hop out. */
    static final int MAX_BACKOFF_DOUBLINGS = 3;

    /**
     * What each hop beyond the first adds to the DAO-ACK wait. The DAO and its DAO-ACK cross every hop, each time
     * behind the frames queued at a relay nearer the root (which all DAOs of a forming neighbourhood cross), and in
     * a hopping neighbourhood a unicast waits out the broadcast window a quarter of the time. With Contiki-NG's 5 s
     * for every meter, meters 12 hops out retransmitted DAOs whose acknowledgements were still on their way, and the
     * retransmissions congested those relays further: in the 5,000-meter run three of every four DAOs sent were
     * retransmissions. 3 s a hop brought that to one in two (1 s and 2 s a hop were measured too).
     */
    static final Duration ACK_WAIT_PER_HOP = Duration.ofSeconds(3);

    /**
     * The refresh comes a random time between one margin and one margin plus a quarter of the lifetime before the
     * lifetime ends (at least one margin of spread): meters that joined together, as a whole street does after a
     * power cut, would otherwise refresh together, a DAO storm once every lifetime.
     */
    static final int REFRESH_SPREAD_DIVISOR = 4;

    /** The shortest refresh interval, whatever lifetime the DODAG gives. */
    static final Duration MIN_REFRESH = Duration.ofSeconds(1);

    private final Scheduler scheduler;
    private final NodeConfig config;
    private final Counters counters;
    private final Actions actions;

    private int sequence = Lollipop.INIT;
    private int pathSequence = Lollipop.INIT;
    private Dao outstanding;
    private int transmissions;
    private Pending pending = Pending.NONE;
    private Cancellable timer;
    private long dueNanos;

    DaoManager(Scheduler scheduler, NodeConfig config, Counters counters, Actions actions) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    /** A new DAO is needed (joined, new parent, new address, DTSN increment, new Version). */
    void schedule() {
        schedule(config.daoDelay());
    }

    /**
     * A new DAO after a random delay in [D/2, 3D/2) of {@code meanDelay}: for a change the root's current route
     * survives (a better parent while the old one still works) the node asks for a longer wait, so that the
     * changes of a forming neighbourhood are aggregated into one DAO. A DAO already due sooner is left alone (it
     * will carry the latest state); one due later is brought forward.
     */
    void schedule(Duration meanDelay) {
        Duration delay = Timing.around(scheduler, meanDelay);
        if (pending == Pending.NEW && dueNanos - scheduler.nanoTime() <= delay.toNanos()) {
            return; // already coming soon enough; it will carry the latest state
        }
        outstanding = null; // superseded: its acknowledgement no longer tells anything
        arm(Pending.NEW, delay);
    }

    /** No DAO is needed any more (detached, stopped); an outstanding DAO's acknowledgement will be ignored. */
    void cancel() {
        cancelTimer();
        pending = Pending.NONE;
        outstanding = null;
    }

    /** @return whether the DAO-ACK matched the outstanding DAO */
    boolean acknowledged(DaoAck ack) {
        if (outstanding == null || ack.sequence() != outstanding.sequence()) {
            counters.increment("dao-ack-unexpected");
            return false;
        }
        outstanding = null;
        cancelTimer();
        if (ack.rejected()) {
            counters.increment("dao-nack");
            arm(Pending.BACKOFF, config.daoRetryBackoff());
            actions.failed("the root rejected the DAO (DAO-ACK status " + ack.status() + ")");
            return true;
        }
        counters.increment("dao-ack-received");
        Optional<Duration> lifetime = actions.lifetime();
        lifetime.ifPresentOrElse(l -> arm(Pending.REFRESH, refreshDelay(l)), () -> pending = Pending.NONE);
        actions.accepted();
        return true;
    }

    /** Whether a DAO is waiting for its acknowledgement. */
    boolean awaitingAck() {
        return outstanding != null;
    }

    int sequence() {
        return sequence;
    }

    /**
     * A DAOSequence for a DAO the node sends besides its own (storing mode: a child's passed on, a No-Path), from
     * the same counter so that a DAO-ACK names exactly one of them.
     */
    int nextSequence() {
        sequence = Lollipop.increment(sequence);
        return sequence;
    }

    /** Whether a DAO with the current Path Sequence has gone out (the root or a parent may know it). */
    boolean pathSequenceSent() {
        return pathSequence != Lollipop.INIT;
    }

    int pathSequence() {
        return pathSequence;
    }

    private Duration refreshDelay(Duration lifetime) {
        long margin = config.daoRefreshMargin().toNanos();
        long life = lifetime.toNanos();
        long spread = Math.max(margin, life / REFRESH_SPREAD_DIVISOR);
        long jittered = margin + Timing.upTo(scheduler, Duration.ofNanos(spread)).toNanos();
        long delay = life - jittered >= life / 2 ? life - jittered : life / 2;
        return Duration.ofNanos(Math.max(MIN_REFRESH.toNanos(), delay));
    }

    private void sendNew() {
        int seq = Lollipop.increment(sequence);
        sequence = seq; // taken even if no DAO goes out: the builder may number DAOs of its own after it
        int path = Lollipop.increment(pathSequence);
        Optional<Dao> dao = actions.build(seq, path);
        if (dao.isEmpty()) {
            pending = Pending.NONE;
            return;
        }
        pathSequence = path;
        outstanding = dao.get();
        transmissions = 1;
        counters.increment("dao-sent");
        arm(Pending.ACK, ackWait());
        actions.send(outstanding);
    }

    private void ackTimeout() {
        if (transmissions < config.daoMaxTransmissions()) {
            transmissions++;
            counters.increment("dao-retransmitted");
            arm(Pending.ACK, ackWait());
            actions.send(outstanding);
            return;
        }
        outstanding = null;
        counters.increment("dao-failed");
        arm(Pending.BACKOFF, config.daoRetryBackoff());
        actions.failed("no DAO-ACK after " + transmissions + " transmissions");
    }

    /**
     * The wait for the DAO-ACK of the current transmission: a random [T/2, 3T/2) for the first, T being the DAO-ACK
     * timeout plus {@link #ACK_WAIT_PER_HOP} for each hop beyond the first, doubling with each
     * retransmission up to {@link #MAX_BACKOFF_DOUBLINGS} times. RFC 6550 leaves DAO retransmission timing open;
     * a DAO that went unanswered most likely met a congested path (or its DAO-ACK did, on the way down), and
     * repeating it at the same pace only adds to the congestion: a retransmission timer that backs off
     * exponentially is what RFC 8085 3.1.3 asks of protocols that retransmit over UDP-like datagram service, as TCP
     * does (RFC 6298).
     */
    private Duration ackWait() {
        int doublings = Math.min(MAX_BACKOFF_DOUBLINGS, Math.max(0, transmissions - 1));
        Duration timeout = config.daoAckTimeout()
                .plus(ACK_WAIT_PER_HOP.multipliedBy(Math.max(0, actions.hopsToRoot() - 1)));
        return Timing.around(scheduler, timeout).multipliedBy(1L << doublings);
    }

    private void arm(Pending what, Duration delay) {
        cancelTimer();
        pending = what;
        Runnable task = switch (what) {
            case ACK -> this::ackTimeout;
            case NEW, REFRESH, BACKOFF -> this::fire;
            case NONE -> throw new IllegalArgumentException("nothing to arm");
        };
        dueNanos = scheduler.nanoTime() + delay.toNanos();
        timer = scheduler.schedule(delay, task);
    }

    private void fire() {
        timer = null;
        if (pending == Pending.REFRESH) {
            counters.increment("dao-refresh");
        }
        sendNew();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
