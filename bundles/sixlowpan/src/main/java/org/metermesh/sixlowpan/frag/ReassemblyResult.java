package org.metermesh.sixlowpan.frag;

import java.util.Objects;

import org.metermesh.api.radio.MacAddress;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException;

/**
 * What became of one fragment handed to {@link Reassembler#accept}. Earlier state it caused to be discarded (an
 * overlap, a reused tag) is counted, not reported here.
 */
public sealed interface ReassemblyResult
        permits ReassemblyResult.Reassembled, ReassemblyResult.Pending, ReassemblyResult.Duplicate,
        ReassemblyResult.Dropped {

    /** The fragment was stored; the datagram is not complete yet. */
    Pending PENDING = new Pending();
    /** The fragment was an identical copy of one already stored and was ignored. */
    Duplicate DUPLICATE = new Duplicate();

    /**
     * The fragment completed its datagram.
     *
     * @param packet            the whole uncompressed IPv6 packet, datagram_size octets. A new array the
     *                          reassembler keeps no reference to: the caller owns it.
     * @param udpChecksumElided the first fragment's header decompressor reported an elided UDP checksum (RFC 6282
     *                          4.3.2): the checksum field is zero in {@code packet} and must be computed now
     * @param source            the link-layer source the fragments came from (or mesh originator)
     * @param destination       the link-layer destination (or mesh final destination)
     * @param tag               the datagram_tag
     */
    record Reassembled(byte[] packet, boolean udpChecksumElided, MacAddress source, MacAddress destination,
            int tag) implements ReassemblyResult {
        public Reassembled {
            Objects.requireNonNull(packet, "packet");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public String toString() {
            return "Reassembled[" + packet.length + " octets from " + source + " to " + destination + ", tag "
                    + tag + (udpChecksumElided ? ", UDP checksum elided]" : "]");
        }
    }

    /** See {@link #PENDING}. */
    record Pending() implements ReassemblyResult {
    }

    /** See {@link #DUPLICATE}. */
    record Duplicate() implements ReassemblyResult {
    }

    /**
     * The fragment was refused and counted under {@code dropped:<reason>}.
     *
     * @param reason why
     * @param detail for logs
     */
    record Dropped(SixLowpanDecodeException.Reason reason, String detail) implements ReassemblyResult {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
        }

        /** The counter this drop was counted under, e.g. {@code dropped:buffer_full}. */
        public String counterName() {
            return Reassembler.counterName(reason);
        }
    }
}
