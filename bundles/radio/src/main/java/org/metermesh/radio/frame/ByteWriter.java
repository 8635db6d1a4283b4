package org.metermesh.radio.frame;

/** A little-endian cursor writing into an array that the encoder sized beforehand. */
final class ByteWriter {

    private final byte[] buf;
    private int pos;

    ByteWriter(byte[] buf, int off) {
        this.buf = buf;
        this.pos = off;
    }

    int position() {
        return pos;
    }

    byte[] array() {
        return buf;
    }

    void u8(int v) {
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        buf[pos] = (byte) v;
        buf[pos + 1] = (byte) (v >>> 8);
        pos += 2;
    }

    void u32(long v) {
        for (int i = 0; i < 4; i++) {
            buf[pos + i] = (byte) (v >>> (8 * i));
        }
        pos += 4;
    }

    void u64(long v) {
        for (int i = 0; i < 8; i++) {
            buf[pos + i] = (byte) (v >>> (8 * i));
        }
        pos += 8;
    }

    void bytes(byte[] b) {
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** Reserves {@code n} octets for a caller that fills them in place. */
    int skip(int n) {
        int at = pos;
        pos += n;
        return at;
    }
}
