package org.metermesh.telemetry.cosem;

/**
 * Reads A-XDR fields from a byte array (IEC 61334-6 A-XDR as profiled by the Green Book 9.5), reporting every overrun
 * as a typed {@link CosemDecodeException} with the offset where it happened.
 */
final class AxdrReader {

    private final byte[] in;
    private int pos;

    AxdrReader(byte[] in) {
        this.in = in;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return in.length - pos;
    }

    boolean atEnd() {
        return pos >= in.length;
    }

    int u8(String what) throws CosemDecodeException {
        need(1, what);
        return in[pos++] & 0xFF;
    }

    int u16(String what) throws CosemDecodeException {
        need(2, what);
        int v = ((in[pos] & 0xFF) << 8) | (in[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    int i32(String what) throws CosemDecodeException {
        need(4, what);
        int v = ((in[pos] & 0xFF) << 24) | ((in[pos + 1] & 0xFF) << 16) | ((in[pos + 2] & 0xFF) << 8)
                | (in[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    long i64(String what) throws CosemDecodeException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (in[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    byte[] bytes(int n, String what) throws CosemDecodeException {
        need(n, what);
        byte[] out = new byte[n];
        System.arraycopy(in, pos, out, 0, n);
        pos += n;
        return out;
    }

    /**
     * An A-XDR length (the variable-length integer of X.690-style short/long form used by A-XDR for SEQUENCE OF and
     * OCTET STRING sizes): one octet below 0x80, else 0x80 | n followed by n big-endian octets, n in 1..4.
     */
    int length(String what) throws CosemDecodeException {
        int at = pos;
        int first = u8(what + " length");
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7F;
        if (n == 0 || n > 4) {
            throw new CosemDecodeException(CosemRejection.BAD_LENGTH, at,
                    what + " length: length-of-length " + n + " (1..4 allowed)");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | u8(what + " length");
        }
        if (v > Integer.MAX_VALUE) {
            throw new CosemDecodeException(CosemRejection.BAD_LENGTH, at, what + " length " + v + " over 2^31-1");
        }
        return (int) v;
    }

    /** An OPTIONAL presence octet: 0x00 absent, 0x01 present (Green Book 9.5, A-XDR encoding of OPTIONAL). */
    boolean presence(String what) throws CosemDecodeException {
        int at = pos;
        int flag = u8(what + " presence flag");
        if (flag > 1) {
            throw new CosemDecodeException(CosemRejection.BAD_OPTIONAL_FLAG, at,
                    what + " presence flag 0x" + Integer.toHexString(flag) + " (0x00 or 0x01 allowed)");
        }
        return flag == 1;
    }

    private void need(int n, String what) throws CosemDecodeException {
        if (n > in.length - pos) {
            throw new CosemDecodeException(CosemRejection.TRUNCATED, pos,
                    what + ": needs " + n + " octet(s), " + (in.length - pos) + " left");
        }
    }
}
