package org.metermesh.telemetry.payload;

import java.util.Objects;

/** The outcome of decoding payload bytes: a payload, or a typed rejection. Decoding never throws for any input. */
public sealed interface PayloadDecodeResult permits PayloadDecodeResult.Decoded, PayloadDecodeResult.Rejected {

    record Decoded(KuraPayload payload) implements PayloadDecodeResult {
        public Decoded {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * @param reason why
     * @param detail a human-readable explanation for logs and error replies
     */
    record Rejected(PayloadRejection reason, String detail) implements PayloadDecodeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
