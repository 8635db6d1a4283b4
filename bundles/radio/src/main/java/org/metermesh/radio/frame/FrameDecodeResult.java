package org.metermesh.radio.frame;

import java.util.Objects;

/** The outcome of decoding one PSDU: a frame, or a typed rejection. Decoding never throws for any input bytes. */
public sealed interface FrameDecodeResult permits FrameDecodeResult.Decoded, FrameDecodeResult.Rejected {

    /** The PSDU is a well-formed frame. */
    record Decoded(MacFrame frame) implements FrameDecodeResult {
        public Decoded {
            Objects.requireNonNull(frame, "frame");
        }
    }

    /**
     * The PSDU was rejected.
     *
     * @param reason why
     * @param offset octet offset in the PSDU where the problem was found
     * @param detail a human-readable explanation for logs
     */
    record Rejected(RejectReason reason, int offset, String detail) implements FrameDecodeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
