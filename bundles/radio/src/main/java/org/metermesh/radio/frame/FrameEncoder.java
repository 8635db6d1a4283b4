package org.metermesh.radio.frame;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;

/**
 * Writes a {@link MacFrame} as an MPDU without FCS, field by field in the order of IEEE 802.15.4-2015 7.2.1.
 * The frame was validated when it was built, so encoding cannot fail; {@link #mpduLength} sizes the output first.
 */
final class FrameEncoder {

    private FrameEncoder() {
    }

    /** Octets of the MPDU without FCS. */
    static int mpduLength(MacFrame f) {
        int n = 2 + (f.sequenceNumberSuppressed() ? 0 : 1);
        n += f.rawDestinationPanId() >= 0 ? 2 : 0;
        n += f.destination().mode().addressLength();
        n += f.rawSourcePanId() >= 0 ? 2 : 0;
        n += f.source().mode().addressLength();
        n += f.rawSecurity() == null ? 0 : f.rawSecurity().length();
        n += f.rawBeacon() == null ? 0 : f.rawBeacon().length();
        n += IeListCodec.headerIesLength(f.headerIes()) + IeListCodec.payloadIesLength(f.payloadIes());
        n += f.rawCommandId() >= 0 ? 1 : 0;
        return n + f.payloadLength();
    }

    /** Writes the MPDU at {@code off}; returns the offset after it. */
    static int write(MacFrame f, byte[] dst, int off) {
        ByteWriter out = new ByteWriter(dst, off);
        out.u16(FrameControl.of(f).value());
        if (!f.sequenceNumberSuppressed()) {
            out.u8(f.rawSequenceNumber());
        }
        if (f.rawDestinationPanId() >= 0) {
            out.u16(f.rawDestinationPanId());
        }
        writeAddress(out, f.destination());
        if (f.rawSourcePanId() >= 0) {
            out.u16(f.rawSourcePanId());
        }
        writeAddress(out, f.source());
        if (f.rawSecurity() != null) {
            SecurityHeaderCodec.write(out, f.rawSecurity());
        }
        if (f.version().isLegacy()) {
            // 802.15.4-2006 7.2.2: beacon fields / command ID right after the MHR.
            if (f.rawBeacon() != null) {
                BeaconFieldsCodec.write(out, f.rawBeacon());
            }
            if (f.rawCommandId() >= 0) {
                out.u8(f.rawCommandId());
            }
        } else {
            // 802.15.4-2015 7.4 and 7.3.4: Header IEs, Payload IEs, then the command ID.
            IeListCodec.writeHeaderIes(out, f.headerIes());
            IeListCodec.writePayloadIes(out, f.payloadIes());
            if (f.rawCommandId() >= 0) {
                out.u8(f.rawCommandId());
            }
        }
        out.bytes(f.payloadArray());
        return out.position();
    }

    private static void writeAddress(ByteWriter out, MacAddress a) {
        if (a instanceof ShortAddress s) {
            out.u16(s.value());
        } else if (a instanceof ExtendedAddress e) {
            out.u64(e.value());
        }
    }
}
