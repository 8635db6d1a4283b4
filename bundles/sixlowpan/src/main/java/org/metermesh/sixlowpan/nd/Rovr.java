package org.metermesh.sixlowpan.nd;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The owner of an address registration: the EUI-64 field of the RFC 6775 ARO, which RFC 8505 4.1 generalises to
 * the Registration Ownership Verifier of 64, 128, 192 or 256 bits (EARO Length 2..5). Only compared for equality:
 * "It is only used as a match to ensure that the node that updates a registration for an IPv6 Address is the node
 * that made the original registration" (RFC 8505 5.3). Immutable.
 */
public final class Rovr {

    private final byte[] value;

    private Rovr(byte[] value) {
        this.value = value;
    }

    /** @param value 8, 16, 24 or 32 octets */
    public static Rovr of(byte[] value) {
        Objects.requireNonNull(value, "value");
        if (value.length < 8 || value.length > 32 || value.length % 8 != 0) {
            throw new IllegalArgumentException("a ROVR has 8, 16, 24 or 32 octets, not " + value.length);
        }
        return new Rovr(value.clone());
    }

    /** The RFC 6775 form: an EUI-64, first octet first (as {@code ExtendedAddress} holds it). */
    public static Rovr ofEui64(long eui64) {
        byte[] value = new byte[8];
        for (int i = 0; i < 8; i++) {
            value[i] = (byte) (eui64 >>> (56 - 8 * i));
        }
        return new Rovr(value);
    }

    /** Octets on the wire. */
    public int length() {
        return value.length;
    }

    /** A copy of the value. */
    public byte[] bytes() {
        return value.clone();
    }

    /** True for the 64-bit form, which RFC 6775 reads as an EUI-64. */
    public boolean isEui64() {
        return value.length == 8;
    }

    /** The EUI-64, for the 64-bit form. */
    public long eui64() {
        if (!isEui64()) {
            throw new IllegalStateException("a " + value.length * 8 + "-bit ROVR is not an EUI-64");
        }
        long eui64 = 0;
        for (byte b : value) {
            eui64 = (eui64 << 8) | (b & 0xff);
        }
        return eui64;
    }

    void writeTo(byte[] out, int at) {
        System.arraycopy(value, 0, out, at, value.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rovr rovr && Arrays.equals(value, rovr.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        if (isEui64()) {
            StringBuilder text = new StringBuilder(23);
            for (int i = 0; i < 8; i++) {
                text.append(i == 0 ? "" : ":").append(String.format("%02x", value[i] & 0xff));
            }
            return text.toString();
        }
        return "rovr:" + HexFormat.of().formatHex(value);
    }
}
