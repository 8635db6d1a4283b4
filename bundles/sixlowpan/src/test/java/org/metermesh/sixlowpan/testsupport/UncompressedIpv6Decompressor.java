package org.metermesh.sixlowpan.testsupport;

import java.util.Arrays;

import org.metermesh.api.radio.MacAddress;
import org.metermesh.sixlowpan.iphc.HeaderDecompressor;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException.Reason;

/**
 * A stand-in decompressor for the uncompressed IPv6 dispatch of RFC 4944 5.1 (0x41, "IPv6: Uncompressed IPv6
 * Addresses"): the 40-octet IPv6 header follows the dispatch as is. Enough to test reassembly without IPHC.
 */
public final class UncompressedIpv6Decompressor implements HeaderDecompressor {

    /** RFC 4944 5.1: 01 000001. */
    public static final int IPV6_DISPATCH = 0x41;

    @Override
    public Decompressed decompress(byte[] data, int offset, int length, MacAddress source, MacAddress destination,
            int datagramSize) throws SixLowpanDecodeException {
        if (length < 1 || (data[offset] & 0xff) != IPV6_DISPATCH) {
            throw new SixLowpanDecodeException(Reason.UNKNOWN_DISPATCH, "not the uncompressed IPv6 dispatch");
        }
        if (length < 41) {
            throw new SixLowpanDecodeException(Reason.TRUNCATED, "IPv6 header cut after " + (length - 1));
        }
        return new Decompressed(Arrays.copyOfRange(data, offset + 1, offset + 41), 41, false);
    }

    /** The "compressed" header for an uncompressed IPv6 packet: the dispatch and the 40-octet header. */
    public static byte[] compressedHeader(byte[] packet) {
        byte[] header = new byte[41];
        header[0] = (byte) IPV6_DISPATCH;
        System.arraycopy(packet, 0, header, 1, 40);
        return header;
    }
}
