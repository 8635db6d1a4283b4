package org.metermesh.telemetry.mqtt;

import java.util.List;

/**
 * Where the {@link Publisher} takes its messages from: the durable outbox in the gateway, a queue in tests. Every
 * method is called on the session's event loop.
 *
 * <p>A message handed out by {@link #next} is the publisher's until it calls {@link #delivered} (the broker
 * acknowledged it; the outbox may drop it now) or {@link #failed} (it can never be published, e.g. an invalid
 * topic). Until then the publisher resends it after every reconnect, so the broker may see it more than once.
 */
public interface PublishSource {

    /** Up to {@code max} messages after those already handed out, in the order they must be published. */
    List<Outgoing> next(int max);

    void delivered(long id);

    void failed(long id, Throwable cause);
}
