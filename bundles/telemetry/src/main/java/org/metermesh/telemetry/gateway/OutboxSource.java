package org.metermesh.telemetry.gateway;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import org.metermesh.telemetry.mqtt.Outgoing;
import org.metermesh.telemetry.mqtt.PublishSource;
import org.metermesh.telemetry.store.Outbox;

/**
 * The MQTT publisher's view of the durable outbox: messages in the outbox's order, each handed out once until the
 * broker acknowledged it (then it leaves the outbox) or it can never be published (then it leaves too, reported).
 * After a restart nothing is handed out yet, so everything still in the outbox goes out again: at least once.
 */
public final class OutboxSource implements PublishSource {

    private final Outbox outbox;
    private final BiConsumer<Long, Throwable> unpublishable;
    private final Set<Long> handedOut = new HashSet<>();

    /** @param unpublishable told of a message dropped because the broker or client can never take it */
    public OutboxSource(Outbox outbox, BiConsumer<Long, Throwable> unpublishable) {
        this.outbox = outbox;
        this.unpublishable = unpublishable;
    }

    @Override
    public List<Outgoing> next(int max) {
        List<Outgoing> batch = outbox.nextBatch(max, handedOut).stream()
                .map(m -> new Outgoing(m.id(), m.entry().topic(), m.entry().payload(), m.entry().qos(), false))
                .toList();
        batch.forEach(m -> handedOut.add(m.id()));
        return batch;
    }

    @Override
    public void delivered(long id) {
        handedOut.remove(id);
        outbox.delivered(id);
    }

    @Override
    public void failed(long id, Throwable cause) {
        handedOut.remove(id);
        outbox.delivered(id);
        unpublishable.accept(id, cause);
    }

    /** Messages handed to the publisher and not yet acknowledged. */
    int inFlight() {
        return handedOut.size();
    }
}
