package org.metermesh.api.ipv6;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Routing header of a type other than 3 (RFC 8200 section 4.4), carried as it is. Type 3, the RPL Source Routing
 * Header, is {@link RplSourceRoutingHeader}.
 *
 * @param routingType  0-255 except 3
 * @param segmentsLeft 0-255
 * @param data         the type-specific data after the first four octets; 4 + its length is a multiple of 8
 */
public record RoutingHeader(int routingType, int segmentsLeft, byte[] data) implements ExtensionHeader {

    public RoutingHeader {
        if (routingType < 0 || routingType > 255 || routingType == RplSourceRoutingHeader.ROUTING_TYPE) {
            throw new IllegalArgumentException("routing type " + routingType
                    + " is outside 0..255 or is 3 (use RplSourceRoutingHeader)");
        }
        if (segmentsLeft < 0 || segmentsLeft > 255) {
            throw new IllegalArgumentException("segments left " + segmentsLeft + " is outside 0..255");
        }
        int total = 4 + data.length;
        if (total % 8 != 0 || total > ExtensionHeaders.MAX_LENGTH) {
            throw new IllegalArgumentException("a routing header of " + total
                    + " octets is not a multiple of 8 up to 2048");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int protocol() {
        return Ipv6Packet.ROUTING;
    }

    @Override
    public int length() {
        return 4 + data.length;
    }

    @Override
    public void writeTo(byte[] dst, int off, int nextHeader) {
        ExtensionHeaders.checkNextHeader(nextHeader);
        dst[off] = (byte) nextHeader;
        dst[off + 1] = (byte) (length() / 8 - 1);
        dst[off + 2] = (byte) routingType;
        dst[off + 3] = (byte) segmentsLeft;
        System.arraycopy(data, 0, dst, off + 4, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingHeader r && r.routingType == routingType && r.segmentsLeft == segmentsLeft
                && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(routingType, segmentsLeft, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "RoutingHeader[type=" + routingType + ", segmentsLeft=" + segmentsLeft + ", data="
                + HexFormat.of().formatHex(data) + "]";
    }
}
