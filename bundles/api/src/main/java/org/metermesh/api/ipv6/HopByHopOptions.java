package org.metermesh.api.ipv6;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Hop-by-Hop Options header (RFC 8200 section 4.3), which RPL uses to carry the {@link RplOption} (RFC 6553).
 * The options are kept exactly as sent, padding included, so that decoding and encoding are inverse.
 *
 * @param options the options in order; with the two header octets they fill a multiple of 8 octets
 */
public record HopByHopOptions(List<Ipv6Option> options) implements ExtensionHeader {

    public HopByHopOptions {
        options = OptionsCodec.check("a Hop-by-Hop Options header", options);
    }

    /** The options, padded with a trailing Pad1 or PadN to a multiple of 8 octets. */
    public static HopByHopOptions padded(List<Ipv6Option> options) {
        return new HopByHopOptions(OptionsCodec.padded(options));
    }

    /** The options, padded to a multiple of 8 octets. */
    public static HopByHopOptions of(Ipv6Option... options) {
        return padded(Arrays.asList(options));
    }

    /** The first RPL Option, if any. */
    public Optional<RplOption> rplOption() {
        for (Ipv6Option option : options) { // a loop, not a stream: the forwarder asks every packet
            if (option instanceof RplOption rpl) {
                return Optional.of(rpl);
            }
        }
        return Optional.empty();
    }

    @Override
    public int protocol() {
        return Ipv6Packet.HOP_BY_HOP;
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
