package org.metermesh.sixlowpan.iphc;

import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException.Reason;

/** Reads octets from {@code data[off, end)}; running out is a {@link Reason#TRUNCATED} rejection. */
final class ByteSource {

    private final byte[] data;
    private final int start;
    private final int end;
    private int p;

    ByteSource(byte[] data, int off, int len) {
        this.data = data;
        this.start = off;
        this.p = off;
        this.end = off + len;
    }

    /** Octets read so far. */
    int consumed() {
        return p - start;
    }

    int remaining() {
        return end - p;
    }

    private void need(int n, String what) throws SixLowpanDecodeException {
        if (end - p < n) {
            throw new SixLowpanDecodeException(Reason.TRUNCATED, what + " needs " + n + " octets at offset "
                    + (p - start) + ", " + (end - p) + " left");
        }
    }

    int u8(String what) throws SixLowpanDecodeException {
        need(1, what);
        return data[p++] & 0xff;
    }

    int u16(String what) throws SixLowpanDecodeException {
        need(2, what);
        int v = ((data[p] & 0xff) << 8) | (data[p + 1] & 0xff);
        p += 2;
        return v;
    }

    long u64(String what) throws SixLowpanDecodeException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (data[p + i] & 0xff);
        }
        p += 8;
        return v;
    }

    /** Copies {@code n} octets to {@code dst} at {@code off}. */
    void read(byte[] dst, int off, int n, String what) throws SixLowpanDecodeException {
        need(n, what);
        System.arraycopy(data, p, dst, off, n);
        p += n;
    }

    /** Appends {@code n} octets to {@code sink}. */
    void copyTo(ByteSink sink, int n, String what) throws SixLowpanDecodeException {
        need(n, what);
        sink.put(data, p, n);
        p += n;
    }
}
