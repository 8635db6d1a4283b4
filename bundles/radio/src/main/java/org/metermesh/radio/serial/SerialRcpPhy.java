package org.metermesh.radio.serial;

import org.metermesh.api.counters.Counters;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.radio.LinkState;
import org.metermesh.radio.phy.PhyListener;
import org.metermesh.radio.phy.RadioPhy;
import org.metermesh.radio.phy.Reception;
import org.metermesh.radio.phy.TxOutcome;

/**
 * A radio co-processor (RCP) on a serial port, speaking the HDLC-lite framed protocol of RCP-PROTOCOL.md.
 *
 * <p>Threads: one I/O thread opens the port and writes frames, one reader thread per open port decodes input.
 * Everything else (link supervision, the transmission in flight, timers, listener calls) happens in tasks on the
 * stack's {@link Scheduler}, so the listener is only ever called on the event loop. Events from a port that has
 * since been replaced are recognised by the {@link SerialLink} they carry and ignored.
 *
 * <p>Link supervision: the port is opened by name; a PING must be answered before the link is reported
 * {@link LinkState#UP}, and the last channel and TX power set are then pushed to the RCP. A read or write error,
 * an unanswered keepalive PING or a reader failure closes the port, reports {@link LinkState#DOWN}, fails the
 * transmission in flight with {@link TxOutcome#FAILED}, and schedules a reopen with bounded exponential backoff.
 * The state starts DOWN; only changes are reported.
 *
 * <p>{@link #channelClear()} is synchronous in the PHY SPI, so it sends CCA and blocks its caller for at most the
 * configured CCA timeout (false on timeout). The RCP also assesses the channel before every TRANSMIT and reports
 * a busy channel as {@link TxOutcome#CHANNEL_BUSY}, so a MAC does not need it before each frame.
 */
public final class SerialRcpPhy implements RadioPhy {

    private static final Logger LOG = System.getLogger(SerialRcpPhy.class.getName());

    private enum Phase {
        /** Not started yet. */
        IDLE,
        /** The I/O thread is opening the port. */
        OPENING,
        /** The port is open; waiting for the first PONG. */
        HANDSHAKE,
        UP,
        /** A reopen is scheduled. */
        WAITING
    }

    /** The transmission whose TX_DONE is awaited. */
    private record InFlight(int txId, Cancellable timeout) {
    }

    private final SerialRcpConfig config;
    private final Scheduler scheduler;
    private final SerialLink.Opener opener;
    private final RcpCodec codec;
    private final Counters counters = new Counters();
    private final ExecutorService io;
    private final ReconnectBackoff backoff;
    private final RcpClock clock = new RcpClock();
    /** The caller blocked in channelClear(), completed by the reader thread. */
    private final AtomicReference<CompletableFuture<RcpMessage.CcaResult>> ccaWaiter = new AtomicReference<>();

    private volatile boolean closed;
    private volatile SerialLink link;
    private volatile LinkState linkState = LinkState.DOWN;

    // Event-loop state.
    private PhyListener listener;
    private Phase phase = Phase.IDLE;
    private Integer channel;
    private Integer txPowerDbm;
    private InFlight inFlight;
    private int nextTxId;
    private int pendingNonce = -1;
    private Cancellable pingTimeout;
    private Cancellable keepalive;
    private Cancellable retry;
    private int openFailuresInRow;

    /** A backend on a jSerialComm port named by {@code config.portName()}. */
    public SerialRcpPhy(SerialRcpConfig config, Scheduler scheduler) {
        this(config, scheduler, JSerialCommLink.opener(config.portName(), config.baudRate()));
    }

    /** A backend on links from {@code opener}, e.g. a TCP bridge to a remote RCP. */
    public SerialRcpPhy(SerialRcpConfig config, Scheduler scheduler, SerialLink.Opener opener) {
        this.config = config;
        this.scheduler = scheduler;
        this.opener = opener;
        this.codec = new RcpCodec(config.maxPsduLength());
        this.backoff = new ReconnectBackoff(config.reconnectMin(), config.reconnectMax());
        this.io = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rcp-io " + config.portName());
            thread.setDaemon(true);
            return thread;
        });
    }

    public Counters counters() {
        return counters;
    }

    @Override
    public void start(PhyListener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("already started");
        }
        this.listener = listener;
        scheduler.execute(this::open);
    }

    @Override
    public LinkState linkState() {
        return linkState;
    }

    // ---- link supervision (event loop) ----

    private void open() {
        if (closed) {
            return;
        }
        phase = Phase.OPENING;
        onIoThread(() -> {
            SerialLink opened;
            try {
                opened = opener.open();
            } catch (IOException | RuntimeException e) {
                post(() -> openFailed(e));
                return;
            }
            if (!post(() -> opened(opened))) {
                opened.close();
            }
        });
    }

    private void openFailed(Exception cause) {
        if (closed) {
            return;
        }
        counters.increment("open-failed");
        // The first failure in a row is news; the retries after it are not.
        LOG.log(openFailuresInRow++ == 0 ? Level.WARNING : Level.DEBUG,
                "cannot open RCP port {0}: {1}; retrying", config.portName(), cause.getMessage());
        phase = Phase.WAITING;
        scheduleReopen();
    }

    private void opened(SerialLink opened) {
        link = opened;
        if (closed) {
            closeLink(opened);
            return;
        }
        openFailuresInRow = 0;
        phase = Phase.HANDSHAKE;
        Thread reader = new Thread(new RcpReader(opened, codec, counters, new Inbound()),
                "rcp-rx " + config.portName());
        reader.setDaemon(true);
        reader.start();
        ping(opened);
    }

    private void ping(SerialLink target) {
        int nonce = scheduler.random().nextInt(0x10000);
        pendingNonce = nonce;
        pingTimeout = scheduler.schedule(config.responseTimeout(), () -> {
            if (link == target && pendingNonce == nonce) {
                counters.increment("ping-timeout");
                linkLost(target, "no PONG within " + config.responseTimeout().toMillis() + " ms");
            }
        });
        send(target, new RcpMessage.Ping(nonce));
    }

    private void pong(SerialLink source, RcpMessage.Pong pong) {
        if (pong.nonce() != pendingNonce) {
            counters.increment("dropped:unexpected-pong");
            return;
        }
        pendingNonce = -1;
        pingTimeout.cancel();
        if (phase != Phase.HANDSHAKE) {
            return; // a keepalive answered
        }
        if (pong.protocolVersion() != RcpMessage.PROTOCOL_VERSION) {
            counters.increment("version-mismatch");
            linkLost(source, "RCP speaks protocol version " + pong.protocolVersion() + ", not "
                    + RcpMessage.PROTOCOL_VERSION);
            return;
        }
        phase = Phase.UP;
        backoff.reset();
        clock.reset();
        if (channel != null) {
            send(source, new RcpMessage.SetChannel(channel));
        }
        if (txPowerDbm != null) {
            send(source, new RcpMessage.SetTxPower(txPowerDbm));
        }
        linkState = LinkState.UP;
        counters.increment("link-up");
        LOG.log(Level.INFO, "RCP on {0} is up: firmware \"{1}\"", config.portName(), pong.firmware());
        scheduleKeepalive(source);
        listener.linkStateChanged(LinkState.UP);
    }

    private void scheduleKeepalive(SerialLink target) {
        if (config.keepaliveInterval().isZero()) {
            return;
        }
        keepalive = scheduler.schedule(config.keepaliveInterval(), () -> {
            if (closed || link != target || phase != Phase.UP) {
                return;
            }
            if (pendingNonce < 0) {
                ping(target);
            }
            scheduleKeepalive(target);
        });
    }

    private void linkLost(SerialLink lost, String reason) {
        if (closed || lost != link) {
            return; // a port replaced or closed earlier
        }
        link = null;
        closeLink(lost);
        cancel(pingTimeout);
        cancel(keepalive);
        pendingNonce = -1;
        boolean wasUp = phase == Phase.UP;
        phase = Phase.WAITING;
        linkState = LinkState.DOWN;
        InFlight failed = inFlight;
        inFlight = null;
        if (wasUp) {
            counters.increment("link-down");
            LOG.log(Level.WARNING, "RCP on {0} is down: {1}", config.portName(), reason);
            listener.linkStateChanged(LinkState.DOWN);
        } else {
            LOG.log(Level.DEBUG, "RCP on {0} did not come up: {1}", config.portName(), reason);
        }
        if (failed != null) {
            failed.timeout().cancel();
            counters.increment("tx-failed");
            listener.transmitDone(TxOutcome.FAILED);
        }
        scheduleReopen();
    }

    private void scheduleReopen() {
        Duration delay = backoff.next(scheduler.random());
        retry = scheduler.schedule(delay, this::open);
    }

    // ---- input (event loop) ----

    private void received(SerialLink source, RcpMessage message) {
        if (closed || source != link) {
            return;
        }
        if (message instanceof RcpMessage.Receive frame) {
            receive(frame);
        } else if (message instanceof RcpMessage.TxDone done) {
            transmitDone(done);
        } else if (message instanceof RcpMessage.Pong pong) {
            pong(source, pong);
        } else if (message instanceof RcpMessage.Status status) {
            if (status.status() != RcpStatus.OK) {
                counters.increment("rcp-status:" + status.status().name().toLowerCase().replace('_', '-'));
                LOG.log(Level.WARNING, "RCP on {0} answered {1} with {2}", config.portName(), status.command(),
                        status.status());
            }
        } else if (message instanceof RcpMessage.CcaResult) {
            counters.increment("dropped:late-cca-result");
        } else {
            counters.increment("dropped:unexpected-command");
        }
    }

    private void receive(RcpMessage.Receive frame) {
        if (phase != Phase.UP) {
            counters.increment("dropped:not-up");
            return;
        }
        counters.increment("rx");
        long timestamp = clock.toSchedulerNanos(frame.timestampMicros(), scheduler.nanoTime());
        listener.received(new Reception(frame.psdu(), frame.rssiDbm(), frame.lqi(), frame.channel(), timestamp));
    }

    private void transmitDone(RcpMessage.TxDone done) {
        InFlight current = inFlight;
        if (current == null || current.txId() != done.txId()) {
            counters.increment("dropped:unexpected-tx-done");
            return;
        }
        current.timeout().cancel();
        inFlight = null;
        counters.increment(switch (done.outcome()) {
            case SENT -> "tx-sent";
            case CHANNEL_BUSY -> "tx-channel-busy";
            case FAILED -> "tx-failed";
        });
        listener.transmitDone(done.outcome());
    }

    // ---- RadioPhy commands (event loop) ----

    @Override
    public void transmit(byte[] psdu) {
        SerialLink target = link;
        if (closed || phase != Phase.UP || target == null) {
            rejectTransmission("tx-rejected-link-down");
            return;
        }
        if (inFlight != null) {
            rejectTransmission("tx-rejected-busy");
            return;
        }
        if (psdu.length == 0 || psdu.length > codec.maxPsduLength()) {
            rejectTransmission("tx-rejected-length");
            return;
        }
        int txId = nextTxId;
        nextTxId = (nextTxId + 1) & 0xff;
        Cancellable timeout = scheduler.schedule(config.txTimeout(), () -> transmitTimedOut(txId));
        inFlight = new InFlight(txId, timeout);
        counters.increment("tx");
        send(target, new RcpMessage.Transmit(txId, psdu));
    }

    /** Reports FAILED from a task of its own: the caller must not see its transmitDone inside transmit(). */
    private void rejectTransmission(String reason) {
        counters.increment(reason);
        scheduler.execute(() -> {
            if (!closed) {
                counters.increment("tx-failed");
                listener.transmitDone(TxOutcome.FAILED);
            }
        });
    }

    private void transmitTimedOut(int txId) {
        if (closed || inFlight == null || inFlight.txId() != txId) {
            return;
        }
        inFlight = null;
        counters.increment("tx-timeout");
        counters.increment("tx-failed");
        listener.transmitDone(TxOutcome.FAILED);
    }

    /** Remembered and pushed to the RCP now if it is up, and again on every reconnection. */
    @Override
    public void setChannel(int channel) {
        RcpMessages.requireRange("channel", channel, 0, 0xff);
        this.channel = channel;
        SerialLink target = link;
        if (phase == Phase.UP && target != null) {
            send(target, new RcpMessage.SetChannel(channel));
        }
    }

    /** Remembered and pushed to the RCP now if it is up, and again on every reconnection. */
    @Override
    public void setTxPower(int dBm) {
        RcpMessages.requireRange("dBm", dBm, -128, 127);
        this.txPowerDbm = dBm;
        SerialLink target = link;
        if (phase == Phase.UP && target != null) {
            send(target, new RcpMessage.SetTxPower(dBm));
        }
    }

    /**
     * Asks the RCP and waits up to the CCA timeout for the answer; false if the link is down or the RCP is late,
     * so a MAC backs off rather than transmit blind.
     */
    @Override
    public boolean channelClear() {
        SerialLink target = link;
        if (closed || phase != Phase.UP || target == null) {
            return false;
        }
        CompletableFuture<RcpMessage.CcaResult> answer = new CompletableFuture<>();
        ccaWaiter.set(answer);
        send(target, new RcpMessage.CcaRequest());
        try {
            boolean clear = answer.get(config.ccaTimeout().toNanos(), TimeUnit.NANOSECONDS).clear();
            counters.increment(clear ? "cca-clear" : "cca-busy");
            return clear;
        } catch (TimeoutException e) {
            counters.increment("cca-timeout");
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            ccaWaiter.compareAndSet(answer, null);
        }
    }

    /** The co-processor assesses the channel before every transmission (RCP-PROTOCOL.md, TX_DONE status). */
    @Override
    public boolean assessesChannelOnTransmit() {
        return true;
    }

    /** Stops timers, closes the port and the I/O thread (waiting up to two seconds); no events follow. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        linkState = LinkState.DOWN;
        SerialLink current = link;
        if (current != null) {
            closeLink(current);
        }
        failCcaWaiter();
        post(() -> {
            cancel(pingTimeout);
            cancel(keepalive);
            cancel(retry);
            if (inFlight != null) {
                inFlight.timeout().cancel();
            }
        });
        io.shutdown();
        try {
            if (!io.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "RCP I/O thread for {0} still busy after 2 s", config.portName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- I/O ----

    private void send(SerialLink target, RcpMessage message) {
        byte[] frame = HdlcLiteEncoder.encode(codec.encode(message));
        onIoThread(() -> {
            try {
                target.write(frame);
                counters.increment("frames-out");
            } catch (IOException e) {
                post(() -> linkLost(target, "write failed: " + e.getMessage()));
            }
        });
    }

    /** Hands a task from an I/O thread to the event loop; false if the loop no longer takes tasks. */
    private boolean post(Runnable task) {
        try {
            scheduler.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void closeLink(SerialLink target) {
        if (!onIoThread(target::close)) {
            target.close();
        }
    }

    private boolean onIoThread(Runnable task) {
        try {
            io.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // closed
        }
    }

    private void failCcaWaiter() {
        CompletableFuture<RcpMessage.CcaResult> waiter = ccaWaiter.getAndSet(null);
        if (waiter != null) {
            waiter.completeExceptionally(new IOException("link lost"));
        }
    }

    private static void cancel(Cancellable task) {
        if (task != null) {
            task.cancel();
        }
    }

    /** Reader-thread side: CCA answers go straight to the blocked caller, everything else to the event loop. */
    private final class Inbound implements RcpReader.Inbound {
        @Override
        public void message(SerialLink source, RcpMessage message) {
            if (message instanceof RcpMessage.CcaResult result) {
                CompletableFuture<RcpMessage.CcaResult> waiter = ccaWaiter.getAndSet(null);
                if (waiter != null && waiter.complete(result)) {
                    return;
                }
            }
            post(() -> received(source, message));
        }

        @Override
        public void lost(SerialLink source, Exception cause) {
            if (source == link) {
                failCcaWaiter();
            }
            post(() -> linkLost(source, "read failed: " + cause.getMessage()));
        }
    }
}
