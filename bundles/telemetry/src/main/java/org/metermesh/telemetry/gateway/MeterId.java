package org.metermesh.telemetry.gateway;

import java.util.HexFormat;
import java.util.Locale;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Prefix;

/**
 * A meter as the utility names it: its EUI-64 in 16 lower-case hex digits (the key of its topics and of its order
 * in the outbox). The meter's mesh address is the mesh prefix with the interface ID of that EUI-64 (RFC 4944 6).
 */
public record MeterId(long eui64) {

    /** The meter that owns {@code address} (its interface ID, RFC 4291 appendix A's modified EUI-64). */
    public static MeterId of(Ipv6Address address) {
        return new MeterId(Ipv6Address.eui64FromInterfaceId(address.interfaceId()));
    }

    /**
     * Parses the 16 hex digits of a topic level.
     *
     * @throws IllegalArgumentException naming the text if it is not 16 hex digits
     */
    public static MeterId parse(String text) {
        if (text.length() != 16 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + text + "' is not a meter id (16 hex digits of its EUI-64)");
        }
        return new MeterId(HexFormat.fromHexDigitsToLong(text.toLowerCase(Locale.ROOT)));
    }

    /** The meter's address on the mesh prefix. */
    public Ipv6Address address(Ipv6Prefix meshPrefix) {
        return meshPrefix.withInterfaceId(Ipv6Address.interfaceIdFromEui64(eui64));
    }

    @Override
    public String toString() {
        return HexFormat.of().toHexDigits(eui64);
    }
}
