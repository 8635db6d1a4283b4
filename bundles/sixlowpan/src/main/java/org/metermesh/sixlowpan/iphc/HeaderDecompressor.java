package org.metermesh.sixlowpan.iphc;

import org.metermesh.api.radio.MacAddress;

/**
 * Turns the compressed header at the start of a 6LoWPAN datagram (RFC 6282 IPHC dispatch and any NHC headers
 * after it) back into the uncompressed IPv6 header chain. Reassembly needs this for a first fragment, whose
 * offsets count uncompressed octets (RFC 4944 section 5.3).
 */
public interface HeaderDecompressor {

    /**
     * @param data         the bytes after the fragment header (or the whole frame payload if unfragmented),
     *                     starting at the IPHC dispatch
     * @param offset       where the IPHC dispatch starts in {@code data}
     * @param length       how many bytes of {@code data} from {@code offset} belong to this (fragment of the)
     *                     datagram
     * @param source       the link-layer source, from which elided source addresses are derived (RFC 6282 3.2.2)
     * @param destination  the link-layer destination, likewise
     * @param datagramSize the uncompressed size of the whole IPv6 packet, from the fragment header, or -1 when the
     *                     datagram is not fragmented (then it is the decompressed headers plus the rest of
     *                     {@code data}); it gives the elided IPv6 Payload Length and UDP Length
     * @return the uncompressed headers and how many bytes of {@code data} they were compressed into
     * @throws SixLowpanDecodeException with a typed reason for any malformed or unsupported input
     */
    Decompressed decompress(byte[] data, int offset, int length, MacAddress source, MacAddress destination,
            int datagramSize) throws SixLowpanDecodeException;

    /**
     * @param headers  the IPv6 header, its extension headers and, if NHC-compressed, the UDP header, uncompressed
     * @param consumed octets of input the compressed form took
     * @param udpChecksumElided the UDP checksum was elided (RFC 6282 4.3.2): it is zero in {@code headers} and
     *                          must be computed once the whole datagram is known
     */
    record Decompressed(byte[] headers, int consumed, boolean udpChecksumElided) {
    }
}
