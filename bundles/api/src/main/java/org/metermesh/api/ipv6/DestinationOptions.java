package org.metermesh.api.ipv6;

import java.util.Arrays;
import java.util.List;

/**
 * The Destination Options header (RFC 8200 section 4.6).
 * The options are kept exactly as sent, padding included, so that decoding and encoding are inverse.
 *
 * @param options the options in order; with the two header octets they fill a multiple of 8 octets
 */
public record DestinationOptions(List<Ipv6Option> options) implements ExtensionHeader {

    public DestinationOptions {
        options = OptionsCodec.check("a Destination Options header", options);
    }

    /** The options, padded with a trailing Pad1 or PadN to a multiple of 8 octets. */
    public static DestinationOptions padded(List<Ipv6Option> options) {
        return new DestinationOptions(OptionsCodec.padded(options));
    }

    /** The options, padded to a multiple of 8 octets. */
    public static DestinationOptions of(Ipv6Option... options) {
        return padded(Arrays.asList(options));
    }

    @Override
    public int protocol() {
        return Ipv6Packet.DESTINATION_OPTIONS;
    }

    @Override
    public int length() {
        return 2 + OptionsCodec.length(options);
    }

    @Override
    public void writeTo(byte[] dst, int off, int nextHeader) {
        ExtensionHeaders.checkNextHeader(nextHeader);
        dst[off] = (byte) nextHeader;
        dst[off + 1] = (byte) (length() / 8 - 1);
        OptionsCodec.write(options, dst, off + 2);
    }
}
