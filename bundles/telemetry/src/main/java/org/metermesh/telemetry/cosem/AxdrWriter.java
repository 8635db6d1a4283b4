package org.metermesh.telemetry.cosem;

import java.io.ByteArrayOutputStream;

/** Writes A-XDR fields (Green Book 9.5); the counterpart of {@link AxdrReader}. */
final class AxdrWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    AxdrWriter u8(int v) {
        out.write(v);
        return this;
    }

    AxdrWriter u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    AxdrWriter i32(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    AxdrWriter i64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    AxdrWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** The shortest A-XDR length form: one octet below 0x80, else 0x80 | n and n big-endian octets. */
    AxdrWriter length(int n) {
        if (n < 0x80) {
            return u8(n);
        }
        int octets = n <= 0xFF ? 1 : n <= 0xFFFF ? 2 : n <= 0xFFFFFF ? 3 : 4;
        u8(0x80 | octets);
        for (int i = octets - 1; i >= 0; i--) {
            out.write(n >>> (8 * i));
        }
        return this;
    }

    AxdrWriter presence(boolean present) {
        return u8(present ? 1 : 0);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
