package org.metermesh.sixlowpan.iphc;

import java.util.Objects;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException.Reason;

/**
 * The mesh addressing header (RFC 4944 section 5.2):
 *
 * <pre>
 * | 1 0 | V | F | HopsLeft (4) | [Deep Hops Left (8)] | Originator (16/64) | Final Destination (16/64) |
 * </pre>
 *
 * V and F are 1 for a 16-bit short address, 0 for an EUI-64. Addresses are written most significant octet first.
 * A Hops Left of 0xF means an 8-bit Deep Hops Left octet follows (as Wireshark's 6LoWPAN dissector reads it), so
 * {@link #hopsLeft()} may be 0-255. With a mesh header, addresses elided by IPHC are derived from the originator and
 * final destination, not from the MAC header (RFC 6282 section 3.2.2: "the encapsulating header").
 *
 * @param originator       short or extended address
 * @param finalDestination short or extended address
 * @param hopsLeft         0-255
 */
public record MeshHeader(MacAddress originator, MacAddress finalDestination, int hopsLeft) {

    private static final int DEEP_HOPS = 0x0f;

    public MeshHeader {
        requireAddress("originator", originator);
        requireAddress("final destination", finalDestination);
        if (hopsLeft < 0 || hopsLeft > 255) {
            throw new IllegalArgumentException("hops left " + hopsLeft + " is outside 0..255");
        }
    }

    private static void requireAddress(String what, MacAddress a) {
        Objects.requireNonNull(a, what);
        if (!(a instanceof ShortAddress) && !(a instanceof ExtendedAddress)) {
            throw new IllegalArgumentException("the mesh header's " + what + " must be a short or extended address");
        }
    }

    /** This header with one hop less, as a forwarder sends it (RFC 4944 section 5.2); hops left must be positive. */
    public MeshHeader decremented() {
        if (hopsLeft == 0) {
            throw new IllegalStateException("no hops left");
        }
        return new MeshHeader(originator, finalDestination, hopsLeft - 1);
    }

    public int length() {
        return 1 + (hopsLeft >= DEEP_HOPS ? 1 : 0) + addressLength(originator) + addressLength(finalDestination);
    }

    private static int addressLength(MacAddress a) {
        return a instanceof ShortAddress ? 2 : 8;
    }

    public byte[] encode() {
        byte[] b = new byte[length()];
        writeTo(b, 0);
        return b;
    }

    /** Writes the header to {@code dst} at {@code off}; returns its length. */
    public int writeTo(byte[] dst, int off) {
        int p = off;
        int first = 0x80 | (originator instanceof ShortAddress ? 0x20 : 0)
                | (finalDestination instanceof ShortAddress ? 0x10 : 0)
                | Math.min(hopsLeft, DEEP_HOPS);
        dst[p++] = (byte) first;
        if (hopsLeft >= DEEP_HOPS) {
            dst[p++] = (byte) hopsLeft;
        }
        p = writeAddress(dst, p, originator);
        p = writeAddress(dst, p, finalDestination);
        return p - off;
    }

    private static int writeAddress(byte[] dst, int p, MacAddress a) {
        if (a instanceof ShortAddress s) {
            dst[p] = (byte) (s.value() >>> 8);
            dst[p + 1] = (byte) s.value();
            return p + 2;
        }
        long v = ((ExtendedAddress) a).value();
        for (int i = 7; i >= 0; i--) {
            dst[p + i] = (byte) v;
            v >>>= 8;
        }
        return p + 8;
    }

    /** Decodes the mesh header at {@code data[off]}, within {@code data[off, off+len)}. */
    public static MeshHeader decode(byte[] data, int off, int len) throws SixLowpanDecodeException {
        Objects.checkFromIndexSize(off, len, data.length);
        if (len < 1 || Dispatch.of(data[off]) != Dispatch.MESH) {
            throw new SixLowpanDecodeException(Reason.UNKNOWN_DISPATCH, "not a mesh header");
        }
        int first = data[off] & 0xff;
        boolean shortOriginator = (first & 0x20) != 0;
        boolean shortFinal = (first & 0x10) != 0;
        int hops = first & 0x0f;
        int need = 1 + (hops == DEEP_HOPS ? 1 : 0) + (shortOriginator ? 2 : 8) + (shortFinal ? 2 : 8);
        if (len < need) {
            throw new SixLowpanDecodeException(Reason.TRUNCATED,
                    "mesh header needs " + need + " octets, got " + len);
        }
        int p = off + 1;
        if (hops == DEEP_HOPS) {
            hops = data[p++] & 0xff;
        }
        MacAddress originator = readAddress(data, p, shortOriginator);
        p += shortOriginator ? 2 : 8;
        MacAddress finalDestination = readAddress(data, p, shortFinal);
        return new MeshHeader(originator, finalDestination, hops);
    }

    private static MacAddress readAddress(byte[] b, int p, boolean isShort) {
        if (isShort) {
            return ShortAddress.of(((b[p] & 0xff) << 8) | (b[p + 1] & 0xff));
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[p + i] & 0xff);
        }
        return ExtendedAddress.of(v);
    }
}
