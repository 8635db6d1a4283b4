package org.metermesh.sixlowpan.iphc;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.metermesh.api.radio.MacAddress;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException.Reason;

/**
 * The 6LoWPAN headers in front of a datagram or fragment, so that a dispatcher can route a frame payload: an optional
 * mesh header (RFC 4944 section 5.2), an optional LOWPAN_BC0 broadcast header (RFC 4944 section 11.1), then the
 * header that matters: a fragmentation header (FRAG1/FRAGN, RFC 4944 section 5.3: to reassembly), LOWPAN_IPHC
 * (RFC 6282) or the uncompressed IPv6 dispatch (both to {@link IphcCodec}). RFC 4944 section 5 fixes that order.
 *
 * @param mesh               the mesh header, if present
 * @param broadcastSequence  the LOWPAN_BC0 sequence number, if present
 * @param dispatch           {@link Dispatch#FRAG1}, {@link Dispatch#FRAGN}, {@link Dispatch#IPHC} or
 *                           {@link Dispatch#IPV6}
 * @param offset             where that header starts in the array passed to {@link #parse}
 */
public record LowpanHeaders(Optional<MeshHeader> mesh, OptionalInt broadcastSequence, Dispatch dispatch,
        int offset) {

    public LowpanHeaders {
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(broadcastSequence, "broadcastSequence");
        Objects.requireNonNull(dispatch, "dispatch");
    }

    /** Whether a fragmentation header follows: hand the frame to reassembly. */
    public boolean fragmented() {
        return dispatch == Dispatch.FRAG1 || dispatch == Dispatch.FRAGN;
    }

    /** The address elided source addresses derive from: the mesh originator if any, else the link-layer source. */
    public MacAddress derivationSource(MacAddress linkSource) {
        return mesh.map(MeshHeader::originator).orElse(linkSource);
    }

    /** The address elided destinations derive from: the mesh final destination if any, else the link-layer one. */
    public MacAddress derivationDestination(MacAddress linkDestination) {
        return mesh.map(MeshHeader::finalDestination).orElse(linkDestination);
    }

    /**
     * Reads the headers in front of {@code data[off, off+len)}.
     *
     * @throws SixLowpanDecodeException NOT_LOWPAN for 00xxxxxx, UNKNOWN_DISPATCH for HC1, page switch and reserved
     *                                  patterns, BAD_HEADER_ORDER, or TRUNCATED
     */
    public static LowpanHeaders parse(byte[] data, int off, int len) throws SixLowpanDecodeException {
        Objects.checkFromIndexSize(off, len, data.length);
        int p = off;
        int end = off + len;
        MeshHeader mesh = null;
        int bc0 = -1;
        while (true) {
            if (p >= end) {
                throw new SixLowpanDecodeException(Reason.TRUNCATED, len == 0 ? "empty payload"
                        : "no dispatch after the mesh/broadcast headers");
            }
            Dispatch d = Dispatch.of(data[p]);
            switch (d) {
                case MESH:
                    if (mesh != null || bc0 >= 0) {
                        throw new SixLowpanDecodeException(Reason.BAD_HEADER_ORDER,
                                "mesh header after a mesh or broadcast header (RFC 4944 section 5)");
                    }
                    mesh = MeshHeader.decode(data, p, end - p);
                    p += mesh.length();
                    break;
                case BC0:
                    if (bc0 >= 0) {
                        throw new SixLowpanDecodeException(Reason.BAD_HEADER_ORDER, "two broadcast headers");
                    }
                    if (end - p < 2) {
                        throw new SixLowpanDecodeException(Reason.TRUNCATED, "LOWPAN_BC0 without its sequence number");
                    }
                    bc0 = data[p + 1] & 0xff;
                    p += 2;
                    break;
                case FRAG1:
                case FRAGN:
                case IPHC:
                case IPV6:
                    return new LowpanHeaders(Optional.ofNullable(mesh),
                            bc0 < 0 ? OptionalInt.empty() : OptionalInt.of(bc0), d, p);
                case NALP:
                    throw new SixLowpanDecodeException(Reason.NOT_LOWPAN, String.format(
                            "dispatch 0x%02x: not a LoWPAN frame (RFC 4944 section 5.1)", data[p] & 0xff));
                case HC1:
                    throw new SixLowpanDecodeException(Reason.UNKNOWN_DISPATCH,
                            "LOWPAN_HC1 (0x42) is obsoleted by RFC 6282 and not supported");
                default:
                    throw new SixLowpanDecodeException(Reason.UNKNOWN_DISPATCH,
                            String.format("dispatch 0x%02x (%s) is not supported", data[p] & 0xff, d));
            }
        }
    }
}
