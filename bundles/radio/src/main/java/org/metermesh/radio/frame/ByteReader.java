package org.metermesh.radio.frame;

import java.util.Arrays;

/**
 * A bounds-checked little-endian cursor over part of an array. Every read names the rejection reason to report
 * when the octets are not there, so no read can fail with an unchecked exception.
 */
final class ByteReader {

    private final byte[] buf;
    private final int start;
    private int pos;
    private int end;

    ByteReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.start = off;
        this.pos = off;
        this.end = off + len;
    }

    /** Offset from the start of the PSDU, for rejection reports. */
    int offset() {
        return pos - start;
    }

    int remaining() {
        return end - pos;
    }

    /** Pulls the end in by {@code n} octets, e.g. to keep IE parsing out of a MIC. */
    void shrinkEnd(int n) {
        end -= n;
    }

    /** Undoes {@link #shrinkEnd(int)}. */
    void growEnd(int n) {
        end += n;
    }

    void require(int n, RejectReason reason, String what) throws DecodeException {
        if (end - pos < n) {
            throw new DecodeException(reason, offset(), what + " needs " + n + " octets, " + (end - pos) + " left");
        }
    }

    int u8(RejectReason reason, String what) throws DecodeException {
        require(1, reason, what);
        return buf[pos++] & 0xff;
    }

    int u16(RejectReason reason, String what) throws DecodeException {
        require(2, reason, what);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    long u32(RejectReason reason, String what) throws DecodeException {
        require(4, reason, what);
        long v = (buf[pos] & 0xffL) | (buf[pos + 1] & 0xffL) << 8 | (buf[pos + 2] & 0xffL) << 16
                | (buf[pos + 3] & 0xffL) << 24;
        pos += 4;
        return v;
    }

    long u64(RejectReason reason, String what) throws DecodeException {
        require(8, reason, what);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    byte[] bytes(int n, RejectReason reason, String what) throws DecodeException {
        require(n, reason, what);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** The underlying array, to validate content in place from {@link #position()}. */
    byte[] array() {
        return buf;
    }

    int position() {
        return pos;
    }

    byte[] rest() {
        byte[] out = Arrays.copyOfRange(buf, pos, end);
        pos = end;
        return out;
    }
}
