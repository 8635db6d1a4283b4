package org.metermesh.sixlowpan.nd;

import java.util.Objects;

/**
 * The Internet checksum (RFC 1071) of an upper-layer message over IPv6, including the pseudo-header of RFC 8200
 * section 8.1: source address, destination address, upper-layer packet length (32 bits), three zero octets and the
 * next header value. ICMPv6 uses it with next header 58 (RFC 4443 2.3), UDP with 17.
 *
 * <p>A small helper for ND messages until the IPv6 model of the api bundle carries its own.
 */
public final class PseudoHeaderChecksum {

    /** IANA protocol number of ICMPv6. */
    public static final int ICMPV6 = 58;
    /** IANA protocol number of UDP. */
    public static final int UDP = 17;

    private PseudoHeaderChecksum() {
    }

    /**
     * The checksum of {@code message[offset..offset+length)} under the pseudo-header, the checksum field inside it
     * taken as it is (set it to zero before computing a checksum to send; a received message with a correct
     * checksum sums to zero, see {@link #verifies}).
     *
     * @param source      16-octet IPv6 source address
     * @param destination 16-octet IPv6 destination address (the final one, RFC 8200 8.1)
     * @param nextHeader  the upper-layer protocol number
     * @return the 16-bit one's complement of the one's complement sum
     */
    public static int compute(byte[] source, byte[] destination, int nextHeader, byte[] message, int offset,
            int length) {
        requireAddress(source, "source");
        requireAddress(destination, "destination");
        Objects.checkFromIndexSize(offset, length, message.length);
        long sum = 0;
        sum += sumWords(source, 0, 16);
        sum += sumWords(destination, 0, 16);
        sum += (length >>> 16) + (length & 0xffff);
        sum += nextHeader & 0xff;
        sum += sumWords(message, offset, length);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** True if the message, checksum field included, sums to zero under the pseudo-header. */
    public static boolean verifies(byte[] source, byte[] destination, int nextHeader, byte[] message, int offset,
            int length) {
        return compute(source, destination, nextHeader, message, offset, length) == 0;
    }

    private static long sumWords(byte[] data, int offset, int length) {
        long sum = 0;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }

    static void requireAddress(byte[] address, String what) {
        Objects.requireNonNull(address, what);
        if (address.length != 16) {
            throw new IllegalArgumentException(what + " address has " + address.length + " octets, not 16");
        }
    }
}
