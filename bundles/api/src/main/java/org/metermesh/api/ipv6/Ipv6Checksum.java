package org.metermesh.api.ipv6;

import java.util.Objects;

/**
 * The Internet checksum (RFC 1071) and the upper-layer checksum over the IPv6 pseudo-header (RFC 8200 section 8.1):
 * source address, destination address (the final one if a Routing header is present), the 32-bit upper-layer
 * packet length, three zero octets and the Next Header value of the upper-layer protocol.
 */
public final class Ipv6Checksum {

    private Ipv6Checksum() {
    }

    /**
     * The one's complement of the one's complement sum of the pseudo-header and {@code data[off, off+len)}. Over data
     * whose checksum field is zero this is the value to send; over data with a correct checksum it is 0.
     */
    public static int compute(Ipv6Address source, Ipv6Address destination, int nextHeader, byte[] data, int off,
            int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        long sum = sumWords(source.high()) + sumWords(source.low()) + sumWords(destination.high())
                + sumWords(destination.low());
        sum += (len >>> 16) + (len & 0xffff);
        sum += nextHeader & 0xff;
        sum += onesComplementSum(data, off, len);
        return ~fold(sum) & 0xffff;
    }

    /** The RFC 1071 Internet checksum of {@code data[off, off+len)}: the complement of its one's complement sum. */
    public static int internetChecksum(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        return ~onesComplementSum(data, off, len) & 0xffff;
    }

    /** The 16-bit one's complement sum of {@code data[off, off+len)}, an odd last octet padded with zero. */
    static int onesComplementSum(byte[] data, int off, int len) {
        long sum = 0;
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return fold(sum);
    }

    private static long sumWords(long v) {
        return (v >>> 48) + ((v >>> 32) & 0xffff) + ((v >>> 16) & 0xffff) + (v & 0xffff);
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }
}
