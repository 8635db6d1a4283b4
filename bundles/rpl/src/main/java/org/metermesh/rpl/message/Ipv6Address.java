package org.metermesh.rpl.message;

import java.util.Objects;

/**
 * An IPv6 address (RFC 4291) as two 64-bit halves in network order: {@link #high()} holds octets 0-7,
 * {@link #low()} octets 8-15. Immutable, 16 octets of state, cheap to compare and hash: the RPL cores keep one
 * per neighbour, parent and route, for thousands of simulated meters.
 *
 * <p>Convert with {@link #of(byte[])} / {@link #toBytes()} to and from the wire, and with {@link #parse(String)} /
 * {@link #toString()} (RFC 5952 canonical text) for configuration and logs.
 *
 * <p>A stand-in until the api bundle's {@code org.metermesh.api.ipv6.Ipv6Address} is released: same layout and
 * the same method names ({@code of(long, long)}, {@code of(byte[], int)}, {@code parse}, {@code octet},
 * {@code toBytes}, {@code writeTo}, {@code mask}, {@code isLinkLocal}, {@code isMulticast}), so that moving to it
 * is a change of imports; until then {@code org.metermesh.api.ipv6.Ipv6Address.of(a.high(), a.low())} converts.
 */
public final class Ipv6Address implements Comparable<Ipv6Address> {

    /** Octets in an address. */
    public static final int LENGTH = 16;

    /** {@code ::} (RFC 4291 2.5.2). */
    public static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);

    /** {@code ff02::1a}, the link-local all-RPL-nodes multicast address (RFC 6550 20.19). */
    public static final Ipv6Address ALL_RPL_NODES = new Ipv6Address(0xff02_0000_0000_0000L, 0x1aL);

    private final long high;
    private final long low;

    private Ipv6Address(long high, long low) {
        this.high = high;
        this.low = low;
    }

    /** The address whose octets 0-7 are {@code high} and octets 8-15 are {@code low}, most significant first. */
    public static Ipv6Address of(long high, long low) {
        return new Ipv6Address(high, low);
    }

    /** The address in {@code src}, which must be 16 octets long. */
    public static Ipv6Address of(byte[] src) {
        if (src.length != LENGTH) {
            throw new IllegalArgumentException("an IPv6 address has 16 octets, not " + src.length);
        }
        return of(src, 0);
    }

    /** Octets 0-7, most significant first. */
    public long high() {
        return high;
    }

    /** Octets 8-15, most significant first. */
    public long low() {
        return low;
    }

    /**
     * The address in {@code src[off, off + 16)}.
     *
     * @throws IndexOutOfBoundsException if the array has fewer than 16 octets from {@code off}
     */
    public static Ipv6Address of(byte[] src, int off) {
        Objects.checkFromIndexSize(off, LENGTH, src.length);
        return new Ipv6Address(readLong(src, off), readLong(src, off + 8));
    }

    /**
     * A prefix given by its first {@code n} octets (0 to 16), the rest zero: the variable-length prefix fields of
     * the RPL Target and Route Information options.
     */
    static Ipv6Address ofPrefix(byte[] src, int off, int n) {
        byte[] full = new byte[LENGTH];
        System.arraycopy(src, off, full, 0, n);
        return of(full);
    }

    /**
     * Parses RFC 4291 2.2 text: eight groups of up to four hex digits, one {@code ::} allowed. Embedded IPv4
     * notation and zone indices are not accepted.
     *
     * @throws IllegalArgumentException if {@code text} is not such an address
     */
    public static Ipv6Address parse(String text) {
        Objects.requireNonNull(text, "text");
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw new IllegalArgumentException("more than one '::' in " + text);
        }
        int[] head = gap < 0 ? groups(text, text) : groups(text.substring(0, gap), text);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), text);
        int total = head.length + tail.length;
        if (gap < 0 ? total != 8 : total > 7) {
            throw new IllegalArgumentException("wrong number of groups in " + text);
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | all[i];
            low = low << 16 | all[i + 4];
        }
        return new Ipv6Address(high, low);
    }

    private static int[] groups(String part, String whole) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] fields = part.split(":", -1);
        int[] out = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (f.isEmpty() || f.length() > 4) {
                throw new IllegalArgumentException("bad group '" + f + "' in " + whole);
            }
            int v = 0;
            for (int j = 0; j < f.length(); j++) {
                int d = Character.digit(f.charAt(j), 16);
                if (d < 0) {
                    throw new IllegalArgumentException("bad group '" + f + "' in " + whole);
                }
                v = v << 4 | d;
            }
            out[i] = v;
        }
        return out;
    }

    /** The 16 octets, network order. */
    public byte[] toBytes() {
        byte[] out = new byte[LENGTH];
        writeTo(out, 0);
        return out;
    }

    /** Writes the 16 octets into {@code dst} at {@code off}. */
    public void writeTo(byte[] dst, int off) {
        Objects.checkFromIndexSize(off, LENGTH, dst.length);
        writeLong(dst, off, high);
        writeLong(dst, off + 8, low);
    }

    /** Octet {@code i} (0-15), 0-255. */
    public int octet(int i) {
        Objects.checkIndex(i, LENGTH);
        long half = i < 8 ? high : low;
        return (int) (half >>> (56 - 8 * (i & 7))) & 0xff;
    }

    /** This address with every bit after the first {@code prefixLength} cleared. */
    public Ipv6Address mask(int prefixLength) {
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0..128");
        }
        long h = prefixLength >= 64 ? high : prefixLength == 0 ? 0 : high & (-1L << (64 - prefixLength));
        long l = prefixLength >= 128 ? low : prefixLength <= 64 ? 0 : low & (-1L << (128 - prefixLength));
        return new Ipv6Address(h, l);
    }

    /** Whether this is in fe80::/10 (RFC 4291 2.5.6). */
    public boolean isLinkLocal() {
        return (high >>> 54) == (0xfe80L >>> 6);
    }

    /** Whether this is in ff00::/8 (RFC 4291 2.7). */
    public boolean isMulticast() {
        return (high >>> 56) == 0xffL;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv6Address other && high == other.high && low == other.low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + Long.hashCode(low);
    }

    @Override
    public int compareTo(Ipv6Address other) {
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    /** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    @Override
    public String toString() {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        return v;
    }

    private static void writeLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
