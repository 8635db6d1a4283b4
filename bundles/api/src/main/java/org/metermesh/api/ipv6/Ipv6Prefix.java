package org.metermesh.api.ipv6;

import java.util.Objects;

import org.metermesh.api.radio.MacAddress;

/**
 * An IPv6 prefix: the first {@code length} bits of {@code address} (RFC 4291 section 2.3). The address is held
 * with every bit after the prefix cleared, so two prefixes covering the same addresses are equal.
 *
 * @param address the prefix bits; bits after {@code length} are cleared by the constructor
 * @param length  0-128
 */
public record Ipv6Prefix(Ipv6Address address, int length) {

    public Ipv6Prefix {
        Objects.requireNonNull(address, "address");
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 0..128");
        }
        address = address.mask(length);
    }

    public static Ipv6Prefix of(Ipv6Address address, int length) {
        return new Ipv6Prefix(address, length);
    }

    /** {@code fe80::/64}, the link-local prefix 6LoWPAN compresses statelessly (RFC 6282 section 3.1.1). */
    public static final Ipv6Prefix LINK_LOCAL_64 = new Ipv6Prefix(Ipv6Address.of(Ipv6Address.LINK_LOCAL_PREFIX, 0),
            64);

    /**
     * Parses {@code address/length}, e.g. {@code fd00:db8::/64}.
     *
     * @throws IllegalArgumentException if the text is not a prefix
     */
    public static Ipv6Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 prefix: no '/length'");
        }
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 prefix: bad length '" + len + "'");
        }
        return new Ipv6Prefix(Ipv6Address.parse(text.substring(0, slash)), Integer.parseInt(len));
    }

    /** Whether the first {@link #length()} bits of {@code a} are this prefix. */
    public boolean contains(Ipv6Address a) {
        return a.mask(length).equals(address);
    }

    /** Whether every address of {@code other} is in this prefix. */
    public boolean contains(Ipv6Prefix other) {
        return other.length >= length && contains(other.address);
    }

    /** The address with this prefix (at most 64 bits) and interface identifier. */
    public Ipv6Address withInterfaceId(long interfaceId) {
        return Ipv6Address.of(this, interfaceId);
    }

    /** The address with this prefix (at most 64 bits) and the interface identifier of a MAC address. */
    public Ipv6Address addressOf(MacAddress mac) {
        return Ipv6Address.of(this, mac);
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
