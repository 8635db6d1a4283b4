package org.metermesh.telemetry.cosem;

import java.util.Objects;

/**
 * The outcome of decoding COSEM data or an APDU: a value, or a typed rejection. Decoding never throws for any input.
 *
 * @param <T> the decoded type
 */
public sealed interface DecodeResult<T> permits DecodeResult.Decoded, DecodeResult.Rejected {

    /** The input decoded to {@code value}. */
    record Decoded<T>(T value) implements DecodeResult<T> {
        public Decoded {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The input was rejected.
     *
     * @param reason why
     * @param offset octet offset in the input where the problem was found
     * @param detail a human-readable explanation for logs
     */
    record Rejected<T>(CosemRejection reason, int offset, String detail) implements DecodeResult<T> {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The decoded value, or an {@link IllegalStateException} naming the rejection: for callers that already know. */
    default T orElseThrow() {
        if (this instanceof Decoded<T> d) {
            return d.value();
        }
        Rejected<T> r = (Rejected<T>) this;
        throw new IllegalStateException(r.reason() + " at offset " + r.offset() + ": " + r.detail());
    }
}
