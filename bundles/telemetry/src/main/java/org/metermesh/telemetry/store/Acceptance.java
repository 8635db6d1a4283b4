package org.metermesh.telemetry.store;

import java.util.Objects;

/** What {@link Outbox#accept} did with one entry: stored it durably under an id, or refused it. */
public sealed interface Acceptance permits Acceptance.Accepted, Acceptance.Refused {

    /** Stored and committed: the entry survives a crash from now on. */
    record Accepted(long id) implements Acceptance {
    }

    /** Not stored; the caller still owns the message (and may raise a warning). */
    record Refused(RefusalReason reason, String detail) implements Acceptance {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }
}
