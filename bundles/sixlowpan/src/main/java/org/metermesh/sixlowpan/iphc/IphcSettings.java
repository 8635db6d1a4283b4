package org.metermesh.sixlowpan.iphc;

/**
 * Limits and policy of the IPHC codec, fixed at construction.
 *
 * @param acceptElidedUdpChecksum accept received UDP headers whose checksum is elided (RFC 6282 section 4.3.2 allows
 *                                it only when an upper layer such as a message integrity check makes it safe); the
 *                                codec then computes the checksum, and flags it in
 *                                {@link HeaderDecompressor.Decompressed#udpChecksumElided()}. Default false.
 * @param elideUdpChecksum        elide the UDP checksum when compressing. Default false: the checksum is carried.
 * @param maxDatagramSize         the largest uncompressed datagram accepted, 40-65575. Default 1280, the IPv6 MTU
 *                                that RFC 4944 section 4 sets for 6LoWPAN (RFC 8200 section 5).
 * @param maxNhcHeaders           the most LOWPAN_NHC headers (extension headers and UDP) in one datagram, 1-64.
 *                                Default 8: RPL needs at most Hop-by-Hop, Routing, Destination Options and UDP.
 */
public record IphcSettings(boolean acceptElidedUdpChecksum, boolean elideUdpChecksum, int maxDatagramSize,
        int maxNhcHeaders) {

    public static final int DEFAULT_MAX_DATAGRAM_SIZE = 1280;
    public static final int DEFAULT_MAX_NHC_HEADERS = 8;

    public IphcSettings {
        if (maxDatagramSize < 40 || maxDatagramSize > 40 + 0xffff) {
            throw new IllegalArgumentException("maxDatagramSize " + maxDatagramSize + " is outside 40..65575");
        }
        if (maxNhcHeaders < 1 || maxNhcHeaders > 64) {
            throw new IllegalArgumentException("maxNhcHeaders " + maxNhcHeaders + " is outside 1..64");
        }
    }

    public static IphcSettings defaults() {
        return new IphcSettings(false, false, DEFAULT_MAX_DATAGRAM_SIZE, DEFAULT_MAX_NHC_HEADERS);
    }

    public IphcSettings withAcceptElidedUdpChecksum(boolean accept) {
        return new IphcSettings(accept, elideUdpChecksum, maxDatagramSize, maxNhcHeaders);
    }

    public IphcSettings withElideUdpChecksum(boolean elide) {
        return new IphcSettings(acceptElidedUdpChecksum, elide, maxDatagramSize, maxNhcHeaders);
    }

    public IphcSettings withMaxDatagramSize(int size) {
        return new IphcSettings(acceptElidedUdpChecksum, elideUdpChecksum, size, maxNhcHeaders);
    }

    public IphcSettings withMaxNhcHeaders(int max) {
        return new IphcSettings(acceptElidedUdpChecksum, elideUdpChecksum, maxDatagramSize, max);
    }
}
