package org.metermesh.telemetry.store;

import java.util.Objects;

/** The outcome of reading one stored entry: the message, or a typed rejection. Never throws for any octets. */
public sealed interface StoredEntryDecodeResult
        permits StoredEntryDecodeResult.Decoded, StoredEntryDecodeResult.Rejected {

    record Decoded(OutboxMessage message) implements StoredEntryDecodeResult {
        public Decoded {
            Objects.requireNonNull(message, "message");
        }
    }

    record Rejected(StoredEntryRejection reason, String detail) implements StoredEntryDecodeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
