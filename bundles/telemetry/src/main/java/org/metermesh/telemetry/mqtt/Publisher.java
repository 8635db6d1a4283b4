package org.metermesh.telemetry.mqtt;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;

/**
 * The pump between a {@link PublishSource} and an {@link MqttSession}: keeps at most the in-flight window of
 * unacknowledged publishes, reports each PUBACK to the source, and after a lost connection resends every message
 * still unacknowledged, in the order the source handed them out, before taking new ones. While disconnected it
 * takes nothing. At least once: a message whose PUBACK was lost with the connection reaches the broker twice.
 *
 * <p>Runs on the session's event loop; {@link #wake()} may be called from any thread when the source has new
 * messages. Counters: {@code published} (handed to the client, resends included), {@code acked},
 * {@code resent}, {@code rejected} (given up as invalid), {@code publish-failures}; with the session's own
 * {@code connects}, {@code reconnects}, {@code connect-failures} and {@code connection-lost} when they share one
 * {@link Counters}.
 */
public final class Publisher implements MqttSessionListener {

    private static final Logger LOG = System.getLogger(Publisher.class.getName());

    private record Handed(long seq, Outgoing message) {
    }

    private final PublishChannel session;
    private final PublishSource source;
    private final Scheduler loop;
    private final Counters counters;
    private final int window;
    /** Handed out by the source, not (or no longer) with the client, by hand-out sequence: sent lowest first. */
    private final TreeMap<Long, Handed> waiting = new TreeMap<>();
    /** With the client, by the session's publish id. */
    private final Map<Long, Handed> inFlight = new HashMap<>();
    private long nextSeq;
    private int maxInFlight;

    private Publisher(PublishChannel session, int window, PublishSource source, Scheduler loop,
            Counters counters) {
        if (window < 1) {
            throw new IllegalArgumentException("in-flight window " + window + " is not positive");
        }
        this.session = Objects.requireNonNull(session, "session");
        this.window = window;
        this.source = Objects.requireNonNull(source, "source");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /**
     * A publisher listening to {@code session}, with the session's in-flight window; call before
     * {@link MqttSession#start()}.
     */
    public static Publisher attach(MqttSession session, PublishSource source, Scheduler loop, Counters counters) {
        return attach(session, session.settings().inFlightWindow(), source, loop, counters);
    }

    /** A publisher on any channel with the given window (at most the channel's own limit). */
    public static Publisher attach(PublishChannel channel, int window, PublishSource source, Scheduler loop,
            Counters counters) {
        Publisher publisher = new Publisher(channel, window, source, loop, counters);
        channel.addListener(publisher);
        return publisher;
    }

    /** The source has new messages; from any thread. */
    public void wake() {
        loop.execute(this::pump);
    }

    /** Publishes with the client and not yet acknowledged. Loop thread. */
    public int inFlight() {
        return inFlight.size();
    }

    /** The most publishes that were ever in flight at once (at most the window). Loop thread. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Handed out by the source and not yet delivered or failed, in flight or waiting. Loop thread. */
    public int unacknowledged() {
        return inFlight.size() + waiting.size();
    }

    public Counters counters() {
        return counters;
    }

    @Override
    public void connected() {
        pump();
    }

    @Override
    public void disconnected(Throwable cause) {
        if (!inFlight.isEmpty()) {
            counters.add("resent", inFlight.size());
            for (Handed handed : inFlight.values()) {
                waiting.put(handed.seq(), handed);
            }
            inFlight.clear();
        }
    }

    @Override
    public void published(long publishId) {
        Handed handed = inFlight.remove(publishId);
        if (handed == null) {
            return;  // not one of ours (or void since a reconnect)
        }
        counters.increment("acked");
        source.delivered(handed.message().id());
        pump();
    }

    @Override
    public void publishFailed(long publishId, Throwable cause) {
        Handed handed = inFlight.remove(publishId);
        if (handed == null) {
            return;
        }
        counters.increment("publish-failures");
        LOG.log(Level.WARNING, "MQTT publish of message " + handed.message().id() + " failed; it is sent again",
                cause);
        waiting.put(handed.seq(), handed);
        pump();
    }

    /** Fills the window: resends first, then new messages from the source. */
    private void pump() {
        while (session.isConnected() && inFlight.size() < window) {
            Map.Entry<Long, Handed> next = waiting.pollFirstEntry();
            if (next == null) {
                List<Outgoing> fresh = source.next(window - inFlight.size());
                if (fresh.isEmpty()) {
                    return;
                }
                for (Outgoing message : fresh) {
                    long seq = nextSeq++;
                    waiting.put(seq, new Handed(seq, message));
                }
                continue;
            }
            Handed handed = next.getValue();
            Outgoing message = handed.message();
            try {
                long publishId = session.publish(message.topic(), message.payload(), message.qos(), message.retain());
                inFlight.put(publishId, handed);
                maxInFlight = Math.max(maxInFlight, inFlight.size());
                counters.increment("published");
            } catch (PublishRejectedException e) {
                if (e.reason().retriable()) {
                    waiting.put(handed.seq(), handed);  // again after the next ack or connect
                    return;
                }
                counters.increment("rejected");
                LOG.log(Level.WARNING, "MQTT message " + message.id() + " can never be published", e);
                source.failed(message.id(), e);
            }
        }
    }
}
