package org.metermesh.rpl.dodag;

import java.util.Objects;

/** The outcome of decoding one stored record: a value, or a typed rejection. Never an exception. */
public sealed interface StoredRecordResult<T> permits StoredRecordResult.Decoded, StoredRecordResult.Rejected {

    record Decoded<T>(T value) implements StoredRecordResult<T> {
        public Decoded {
            Objects.requireNonNull(value, "value");
        }
    }

    /** @param detail a human-readable explanation for the log */
    record Rejected<T>(StoredRecordRejectReason reason, String detail) implements StoredRecordResult<T> {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
