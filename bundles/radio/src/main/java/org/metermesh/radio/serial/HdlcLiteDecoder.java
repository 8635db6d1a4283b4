package org.metermesh.radio.serial;

import java.util.Arrays;

/**
 * Recovers HDLC-lite frames from a byte stream: an explicit state machine over single octets, so any split of the
 * stream into reads gives the same frames.
 *
 * <p>Malformed input never throws: each bad frame is reported once to {@link Sink#rejected(HdlcRejection)} and the
 * decoder resynchronises on the next flag (RFC 1662 4.3: invalid frames are silently discarded). Octets before the
 * first flag and runs of flags (inter-frame fill, RFC 1662 4.4) are ignored without a report. Not thread-safe: one
 * reader thread owns it.
 */
public final class HdlcLiteDecoder {

    /** Receives what the decoder makes of the stream. */
    public interface Sink {
        /** A frame whose FCS checked, without flags, escapes and FCS. The array is the sink's to keep. */
        void frame(byte[] payload);

        void rejected(HdlcRejection reason);
    }

    private enum State {
        /** Waiting for a flag: at start, after an over-long frame. */
        NO_SYNC,
        /** Inside a frame, next octet literal. */
        IN_FRAME,
        /** Inside a frame, after a Control Escape. */
        ESCAPED
    }

    private final Sink sink;
    private final byte[] buffer;
    private State state = State.NO_SYNC;
    private int length;

    /**
     * @param maxPayloadLength longest payload accepted (FCS not included); longer frames are rejected as
     *                         {@link HdlcRejection#TOO_LONG} without buffering them
     */
    public HdlcLiteDecoder(int maxPayloadLength, Sink sink) {
        if (maxPayloadLength < 1) {
            throw new IllegalArgumentException("maxPayloadLength must be positive: " + maxPayloadLength);
        }
        this.buffer = new byte[maxPayloadLength + HdlcLite.FCS_LENGTH];
        this.sink = sink;
    }

    public void decode(byte[] data, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            decode(data[i] & 0xff);
        }
    }

    private void decode(int octet) {
        switch (state) {
            case NO_SYNC -> {
                if (octet == HdlcLite.FLAG) {
                    startFrame();
                }
            }
            case IN_FRAME -> {
                if (octet == HdlcLite.FLAG) {
                    if (length > 0) {
                        endFrame();
                    }
                    startFrame();
                } else if (octet == HdlcLite.ESCAPE) {
                    state = State.ESCAPED;
                } else {
                    append(octet);
                }
            }
            case ESCAPED -> {
                if (octet == HdlcLite.FLAG) {
                    sink.rejected(HdlcRejection.ABORTED);
                    startFrame();
                } else {
                    state = State.IN_FRAME;
                    append(octet ^ HdlcLite.ESCAPE_XOR);
                }
            }
        }
    }

    private void startFrame() {
        state = State.IN_FRAME;
        length = 0;
    }

    private void append(int octet) {
        if (length == buffer.length) {
            sink.rejected(HdlcRejection.TOO_LONG);
            state = State.NO_SYNC;
            length = 0;
            return;
        }
        buffer[length++] = (byte) octet;
    }

    private void endFrame() {
        if (length < HdlcLite.FCS_LENGTH + 1) {
            sink.rejected(HdlcRejection.TOO_SHORT);
            return;
        }
        int payloadLength = length - HdlcLite.FCS_LENGTH;
        int received = (buffer[payloadLength] & 0xff) | (buffer[payloadLength + 1] & 0xff) << 8;
        if (received != Crc16X25.compute(buffer, 0, payloadLength)) {
            sink.rejected(HdlcRejection.BAD_FCS);
            return;
        }
        sink.frame(Arrays.copyOf(buffer, payloadLength));
    }
}
