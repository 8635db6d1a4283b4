package org.metermesh.api.ipv6;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An option of a Hop-by-Hop or Destination Options header in type-length-value form (RFC 8200 section 4.2), except
 * {@link Pad1}, which is a single zero octet.
 */
public sealed interface Ipv6Option permits Ipv6Option.Pad1, Ipv6Option.PadN, RplOption, Ipv6Option.Unknown {

    /** Option Type of Pad1 (RFC 8200 section 4.2). */
    int TYPE_PAD1 = 0;
    /** Option Type of PadN (RFC 8200 section 4.2). */
    int TYPE_PADN = 1;

    /** The Option Type octet. */
    int type();

    /** Octets this option takes in its header, type (and length) octets included. */
    int length();

    /** Writes the option to {@code dst[off, off+length())}. */
    void writeTo(byte[] dst, int off);

    /** The padding option that fills {@code octets} (1-257): Pad1 for one octet, else a PadN of zeros. */
    static Ipv6Option padding(int octets) {
        if (octets == 1) {
            return new Pad1();
        }
        return new PadN(octets - 2);
    }

    /** One octet of padding (RFC 8200 section 4.2). */
    record Pad1() implements Ipv6Option {
        @Override
        public int type() {
            return TYPE_PAD1;
        }

        @Override
        public int length() {
            return 1;
        }

        @Override
        public void writeTo(byte[] dst, int off) {
            dst[off] = 0;
        }
    }

    /**
     * Two or more octets of padding: type, length and {@code dataLength} zero octets (RFC 8200 section 4.2).
     *
     * @param dataLength 0-255
     */
    record PadN(int dataLength) implements Ipv6Option {
        public PadN {
            if (dataLength < 0 || dataLength > 255) {
                throw new IllegalArgumentException("PadN data length " + dataLength + " is outside 0..255");
            }
        }

        @Override
        public int type() {
            return TYPE_PADN;
        }

        @Override
        public int length() {
            return 2 + dataLength;
        }

        @Override
        public void writeTo(byte[] dst, int off) {
            dst[off] = TYPE_PADN;
            dst[off + 1] = (byte) dataLength;
            Arrays.fill(dst, off + 2, off + 2 + dataLength, (byte) 0);
        }
    }

    /**
     * Any other option, carried as it is.
     *
     * @param type 2-255 except the RPL Option types (those decode as {@link RplOption})
     * @param data 0-255 octets
     */
    record Unknown(int type, byte[] data) implements Ipv6Option {
        public Unknown {
            if (type < 2 || type > 255 || type == RplOption.TYPE || type == RplOption.TYPE_RFC9008) {
                throw new IllegalArgumentException("option type " + type + " is Pad1/PadN/RPL or outside 2..255");
            }
            if (data.length > 255) {
                throw new IllegalArgumentException("option data of " + data.length + " octets exceeds 255");
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public int length() {
            return 2 + data.length;
        }

        @Override
        public void writeTo(byte[] dst, int off) {
            dst[off] = (byte) type;
            dst[off + 1] = (byte) data.length;
            System.arraycopy(data, 0, dst, off + 2, data.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.type == type && Arrays.equals(u.data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "Unknown[type=0x" + Integer.toHexString(type) + ", data=" + HexFormat.of().formatHex(data) + "]";
        }
    }
}
