package org.metermesh.api.ipv6;

import java.util.Objects;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;

/**
 * An immutable 128-bit IPv6 address (RFC 4291), held as two longs: {@link #high()} is octets 0-7 (the /64 prefix
 * of a unicast address), {@link #low()} octets 8-15 (its interface identifier), each most significant octet first.
 * Text follows RFC 5952; addresses derived from IEEE 802.15.4 link-layer addresses follow RFC 4944 section 6 and
 * RFC 6282 section 3.2.2.
 */
public final class Ipv6Address implements Comparable<Ipv6Address> {

    /** Octets in an address. */
    public static final int LENGTH = 16;

    /** {@code ::} (RFC 4291 section 2.5.2). */
    public static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);
    /** {@code ::1} (RFC 4291 section 2.5.3). */
    public static final Ipv6Address LOOPBACK = new Ipv6Address(0, 1);
    /** {@code ff02::1}, all nodes on the link (RFC 4291 section 2.7.1). */
    public static final Ipv6Address ALL_NODES = new Ipv6Address(0xff02_0000_0000_0000L, 1);
    /** {@code ff02::2}, all routers on the link (RFC 4291 section 2.7.1). */
    public static final Ipv6Address ALL_ROUTERS = new Ipv6Address(0xff02_0000_0000_0000L, 2);
    /** {@code ff02::1a}, all RPL nodes (RFC 6550 section 20.19). */
    public static final Ipv6Address ALL_RPL_NODES = new Ipv6Address(0xff02_0000_0000_0000L, 0x1a);

    /** The first 64 bits of a link-local unicast address, {@code fe80::/64} (RFC 4291 section 2.5.6). */
    public static final long LINK_LOCAL_PREFIX = 0xfe80_0000_0000_0000L;

    /** The Universal/Local bit of an EUI-64 held as a long (0x02 of the first octet, RFC 4291 appendix A). */
    private static final long UNIVERSAL_LOCAL_BIT = 0x0200_0000_0000_0000L;
    /** {@code 0000:00ff:fe00:0000}, the IID of a short address without its 16 bits (RFC 6282 section 3.2.2). */
    private static final long SHORT_ADDRESS_IID = 0x0000_00ff_fe00_0000L;

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

    /** The address in {@code bytes}, which must be 16 octets long. */
    public static Ipv6Address of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an IPv6 address has 16 octets, not " + bytes.length);
        }
        return of(bytes, 0);
    }

    /** The address in {@code bytes[offset, offset+16)}. */
    public static Ipv6Address of(byte[] bytes, int offset) {
        Objects.checkFromIndexSize(offset, LENGTH, bytes.length);
        return new Ipv6Address(readLong(bytes, offset), readLong(bytes, offset + 8));
    }

    /**
     * Parses RFC 4291 section 2.2 text: eight groups of up to four hex digits, one {@code ::} for a run of zero
     * groups, an optional dotted IPv4 address as the last 32 bits. No zone index, no prefix length.
     *
     * @throws IllegalArgumentException if {@code text} is not such an address
     */
    public static Ipv6Address parse(String text) {
        Objects.requireNonNull(text, "text");
        int[] groups = new int[8];
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            throw bad(text, "more than one '::'");
        }
        if (doubleColon < 0) {
            if (parseGroups(text, text, groups, 0, true) != 8) {
                throw bad(text, "not eight groups");
            }
        } else {
            String head = text.substring(0, doubleColon);
            String tail = text.substring(doubleColon + 2);
            int[] tailGroups = new int[8];
            int h = head.isEmpty() ? 0 : parseGroups(text, head, groups, 0, false);
            int t = tail.isEmpty() ? 0 : parseGroups(text, tail, tailGroups, 0, true);
            if (h + t > 7) {
                throw bad(text, "'::' must stand for at least one zero group");
            }
            System.arraycopy(tailGroups, 0, groups, 8 - t, t);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | groups[i];
            lo = (lo << 16) | groups[i + 4];
        }
        return new Ipv6Address(hi, lo);
    }

    /** Parses colon-separated groups into {@code groups[start..]}; returns how many 16-bit groups were filled. */
    private static int parseGroups(String text, String part, int[] groups, int start, boolean ipv4AllowedAtEnd) {
        String[] fields = part.split(":", -1);
        int n = start;
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (ipv4AllowedAtEnd && i == fields.length - 1 && f.indexOf('.') >= 0) {
                if (n > 6) {
                    throw bad(text, "too many groups");
                }
                long v4 = parseIpv4(text, f);
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xffff);
                continue;
            }
            if (f.isEmpty() || f.length() > 4) {
                throw bad(text, "group '" + f + "' must have one to four hex digits");
            }
            int v = 0;
            for (int k = 0; k < f.length(); k++) {
                char c = f.charAt(k);
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) {
                    throw bad(text, "'" + f.charAt(k) + "' is not a hex digit");
                }
                v = (v << 4) | d;
            }
            if (n >= 8) {
                throw bad(text, "too many groups");
            }
            groups[n++] = v;
        }
        return n - start;
    }

    private static long parseIpv4(String text, String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw bad(text, "embedded IPv4 address '" + dotted + "' needs four parts");
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw bad(text, "embedded IPv4 part '" + p + "' is not a decimal octet");
            }
            int octet = Integer.parseInt(p);
            if (octet > 255 || (p.length() > 1 && p.charAt(0) == '0')) {
                throw bad(text, "embedded IPv4 part '" + p + "' is not a decimal octet");
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not an IPv6 address: " + why);
    }

    // ---- addresses from link-layer addresses: RFC 4944 section 6, RFC 6282 section 3.2.2 ----

    /**
     * The interface identifier of an EUI-64: the EUI-64 with its Universal/Local bit inverted (RFC 4944 section 6,
     * RFC 4291 appendix A). {@code ac:de:48:00:00:00:00:01} gives {@code aede:4800:0000:0001}.
     */
    public static long interfaceIdFromEui64(long eui64) {
        return eui64 ^ UNIVERSAL_LOCAL_BIT;
    }

    /** The inverse of {@link #interfaceIdFromEui64(long)}. */
    public static long eui64FromInterfaceId(long interfaceId) {
        return interfaceId ^ UNIVERSAL_LOCAL_BIT;
    }

    /**
     * The interface identifier {@code 0000:00ff:fe00:XXXX} of a 16-bit short address, as RFC 6282 section 3.2.2
     * derives it (and as RFC 4944 section 6 does with the PAN ID taken as zero).
     */
    public static long interfaceIdFromShortAddress(int shortAddress) {
        if (shortAddress < 0 || shortAddress > 0xffff) {
            throw new IllegalArgumentException("short address " + shortAddress + " is outside 0..0xffff");
        }
        return SHORT_ADDRESS_IID | shortAddress;
    }

    /**
     * The RFC 4944 section 6 interface identifier of a short address within a PAN: {@code PPPP:00ff:fe00:XXXX}, the
     * PAN ID in the first 16 bits with its Universal/Local bit (0x0200) cleared.
     */
    public static long interfaceIdFromShortAddress(int panId, int shortAddress) {
        if (panId < 0 || panId > 0xffff) {
            throw new IllegalArgumentException("PAN ID " + panId + " is outside 0..0xffff");
        }
        return ((long) (panId & 0xfdff) << 48) | interfaceIdFromShortAddress(shortAddress);
    }

    /**
     * The interface identifier derived from a MAC address as RFC 6282 section 3.2.2 does for fully elided
     * addresses: EUI-64 with the U/L bit inverted, or {@code 0000:00ff:fe00:XXXX} for a short address.
     *
     * @throws IllegalArgumentException for {@link MacAddress#NONE}
     */
    public static long interfaceIdOf(MacAddress mac) {
        Objects.requireNonNull(mac, "mac");
        if (mac instanceof ExtendedAddress e) {
            return interfaceIdFromEui64(e.value());
        }
        if (mac instanceof ShortAddress s) {
            return interfaceIdFromShortAddress(s.value());
        }
        throw new IllegalArgumentException("no interface identifier can be derived from an absent MAC address");
    }

    /** {@code fe80::/64} with this interface identifier. */
    public static Ipv6Address linkLocal(long interfaceId) {
        return new Ipv6Address(LINK_LOCAL_PREFIX, interfaceId);
    }

    /** The link-local address of a MAC address (RFC 4944 section 7, RFC 6282 section 3.2.2). */
    public static Ipv6Address linkLocal(MacAddress mac) {
        return linkLocal(interfaceIdOf(mac));
    }

    /**
     * The address with this prefix (at most 64 bits long, e.g. the mesh's global /64) and interface identifier.
     */
    public static Ipv6Address of(Ipv6Prefix prefix, long interfaceId) {
        if (prefix.length() > 64) {
            throw new IllegalArgumentException("prefix " + prefix + " is longer than 64 bits");
        }
        return new Ipv6Address(prefix.address().high(), interfaceId);
    }

    /** The address with this prefix (at most 64 bits) and the interface identifier of a MAC address. */
    public static Ipv6Address of(Ipv6Prefix prefix, MacAddress mac) {
        return of(prefix, interfaceIdOf(mac));
    }

    // ---- accessors and predicates ----

    /** Octets 0-7, most significant first. */
    public long high() {
        return high;
    }

    /** Octets 8-15, most significant first. */
    public long low() {
        return low;
    }

    /** The last 64 bits, which are the interface identifier of a unicast address outside ::/3 (RFC 4291 2.5.1). */
    public long interfaceId() {
        return low;
    }

    /** Octet {@code index} (0-15) as 0-255. */
    public int octet(int index) {
        Objects.checkIndex(index, LENGTH);
        long word = index < 8 ? high : low;
        return (int) (word >>> (8 * (7 - (index & 7)))) & 0xff;
    }

    public byte[] toBytes() {
        byte[] b = new byte[LENGTH];
        writeTo(b, 0);
        return b;
    }

    /** Writes the 16 octets to {@code dst[offset, offset+16)}. */
    public void writeTo(byte[] dst, int offset) {
        Objects.checkFromIndexSize(offset, LENGTH, dst.length);
        writeLong(dst, offset, high);
        writeLong(dst, offset + 8, low);
    }

    /** {@code ::}. */
    public boolean isUnspecified() {
        return high == 0 && low == 0;
    }

    /** {@code ::1}. */
    public boolean isLoopback() {
        return high == 0 && low == 1;
    }

    /** {@code ff00::/8} (RFC 4291 section 2.7). */
    public boolean isMulticast() {
        return (high >>> 56) == 0xff;
    }

    /** {@code fe80::/10}, link-local unicast (RFC 4291 section 2.5.6). */
    public boolean isLinkLocal() {
        return (high & 0xffc0_0000_0000_0000L) == LINK_LOCAL_PREFIX;
    }

    /** {@code fc00::/7}, unique local unicast (RFC 4193). */
    public boolean isUniqueLocal() {
        return (high >>> 57) == (0xfcL >>> 1);
    }

    /** The scope of a multicast address, its fourth nibble (RFC 4291 section 2.7; 2 is link-local). */
    public int multicastScope() {
        if (!isMulticast()) {
            throw new IllegalStateException(this + " is not a multicast address");
        }
        return (int) (high >>> 48) & 0xf;
    }

    /** Whether the first {@code length} bits equal those of {@code prefix}. */
    public boolean hasPrefix(Ipv6Prefix prefix) {
        return prefix.contains(this);
    }

    /** This address with every bit from {@code length} on cleared. */
    public Ipv6Address mask(int length) {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 0..128");
        }
        return new Ipv6Address(high & highMask(length), low & lowMask(length));
    }

    /** The mask of the first {@code length} (0-128) bits within octets 0-7. */
    static long highMask(int length) {
        return length <= 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
    }

    /** The mask of the first {@code length} (0-128) bits within octets 8-15. */
    static long lowMask(int length) {
        return length <= 64 ? 0 : length >= 128 ? -1L : -1L << (128 - length);
    }

    /** How many leading octets this address shares with {@code other} (0-16). */
    public int commonPrefixOctets(Ipv6Address other) {
        int n = 0;
        while (n < LENGTH && octet(n) == other.octet(n)) {
            n++;
        }
        return n;
    }

    @Override
    public int compareTo(Ipv6Address o) {
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv6Address a && a.high == high && a.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + Long.hashCode(low);
    }

    /**
     * RFC 5952 text: lower-case hex, no leading zeros, the longest run of two or more zero groups (the first of
     * equally long runs) as {@code ::}, and IPv4-mapped addresses as {@code ::ffff:a.b.c.d} (section 5).
     */
    @Override
    public String toString() {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        if (high == 0 && (low >>> 32) == 0xffff) {
            return "::ffff:" + g[6] / 256 + "." + g[6] % 256 + "." + g[7] / 256 + "." + g[7] % 256;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
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

    static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    static void writeLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
