package org.metermesh.telemetry.meter;

import java.util.Objects;
import java.util.Optional;
import org.metermesh.telemetry.cosem.CosemRejection;

/** The outcome of decoding a meter's push: the message, or a typed rejection. Decoding never throws. */
public sealed interface MessageDecodeResult permits MessageDecodeResult.Decoded, MessageDecodeResult.Rejected {

    /**
     * @param sequence the meter's notification sequence number (the data-notification long-invoke-id, 24 bits)
     */
    record Decoded(MeterMessage.Pushed message, int sequence) implements MessageDecodeResult {
        public Decoded {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * @param cause the COSEM rejection when {@code reason} is MALFORMED_APDU
     */
    record Rejected(MessageRejection reason, Optional<CosemRejection> cause, String detail)
            implements MessageDecodeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
