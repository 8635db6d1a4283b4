package org.metermesh.api.ipv6;

/**
 * An IPv6 extension header (RFC 8200 section 4) as it sits in a packet's header chain. Its own Next Header field is
 * not part of the value: the packet fills it in from the header that follows.
 */
public sealed interface ExtensionHeader
        permits HopByHopOptions, DestinationOptions, RoutingHeader, RplSourceRoutingHeader {

    /** The protocol number that announces this header in the preceding Next Header field. */
    int protocol();

    /** Encoded octets, a multiple of 8 (RFC 8200 section 4). */
    int length();

    /** Writes the header with {@code nextHeader} in its Next Header field to {@code dst[off, off+length())}. */
    void writeTo(byte[] dst, int off, int nextHeader);

    /** The encoded header with {@code nextHeader} in its Next Header field. */
    default byte[] encode(int nextHeader) {
        byte[] b = new byte[length()];
        writeTo(b, 0, nextHeader);
        return b;
    }
}
