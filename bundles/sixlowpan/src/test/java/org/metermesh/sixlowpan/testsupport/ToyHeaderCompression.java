package org.metermesh.sixlowpan.testsupport;

import org.metermesh.api.radio.MacAddress;
import org.metermesh.sixlowpan.iphc.HeaderDecompressor;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException.Reason;

/**
 * A toy header compression for reassembly tests, where compressed and uncompressed header lengths differ as with
 * IPHC: a 4-octet form {@code 0x7b, length, seed, flags} stands for {@code length} header octets of a pattern made
 * from {@code seed}; flag bit 0 says the UDP checksum was elided. Seed 0xee is an "unknown context".
 */
public final class ToyHeaderCompression implements HeaderDecompressor {

    public static final int DISPATCH = 0x7b;
    public static final int COMPRESSED_LENGTH = 4;
    public static final int UNKNOWN_SEED = 0xee;

    /** The uncompressed header that {@code compressed(length, seed, ...)} stands for. */
    public static byte[] header(int length, int seed) {
        byte[] header = new byte[length];
        for (int i = 0; i < length; i++) {
            header[i] = (byte) (seed * 31 + i * 7);
        }
        return header;
    }

    public static byte[] compressed(int length, int seed, boolean udpChecksumElided) {
        return new byte[] {(byte) DISPATCH, (byte) length, (byte) seed, (byte) (udpChecksumElided ? 1 : 0)};
    }

    /** A whole uncompressed datagram: the toy header followed by {@code rest}. */
    public static byte[] datagram(int headerLength, int seed, byte[] rest) {
        byte[] datagram = new byte[headerLength + rest.length];
        System.arraycopy(header(headerLength, seed), 0, datagram, 0, headerLength);
        System.arraycopy(rest, 0, datagram, headerLength, rest.length);
        return datagram;
    }

    @Override
    public Decompressed decompress(byte[] data, int offset, int length, MacAddress source, MacAddress destination,
            int datagramSize) throws SixLowpanDecodeException {
        if (length < 1 || (data[offset] & 0xff) != DISPATCH) {
            throw new SixLowpanDecodeException(Reason.UNKNOWN_DISPATCH, "not the toy dispatch");
        }
        if (length < COMPRESSED_LENGTH) {
            throw new SixLowpanDecodeException(Reason.TRUNCATED, "toy header cut");
        }
        int seed = data[offset + 2] & 0xff;
        if (seed == UNKNOWN_SEED) {
            throw new SixLowpanDecodeException(Reason.UNKNOWN_CONTEXT, "toy context " + seed);
        }
        return new Decompressed(header(data[offset + 1] & 0xff, seed), COMPRESSED_LENGTH,
                (data[offset + 3] & 1) != 0);
    }
}
