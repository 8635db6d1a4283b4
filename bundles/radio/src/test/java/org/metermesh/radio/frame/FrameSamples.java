package org.metermesh.radio.frame;

import org.metermesh.api.radio.AddressingMode;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic sample frames: every frame version x frame type x destination addressing mode x source addressing
 * mode x allowed PAN ID compression value, with the features of the version rotated through them (sequence number
 * suppression, each key identifier mode and security level, frame counter suppression, header and payload IEs with
 * every termination pattern, GTS and pending addresses in beacons). Shared by the round-trip and tshark tests.
 *
 * <p>The IE patterns avoid one quirk of Wireshark 4.0's header IE loop, which stops when 3 octets or fewer (plus the
 * MIC) remain, so a termination IE is always followed by at least 2 octets here.
 */
public final class FrameSamples {

    static final AddressingMode[] MODES = AddressingMode.values();
    static final long EUI_BASE = 0x0200_4d6d_0000_0000L;
    /** Not assigned in 802.15.4-2015 Table 7-49. */
    public static final int UNKNOWN_COMMAND_ID = 0x2f;

    private FrameSamples() {
    }

    /** One sample per combination; about 170 frames, each fits a 127-octet PSDU with a 4-octet FCS. */
    public static List<MacFrame> allCombinations() {
        List<MacFrame> out = new ArrayList<>();
        int index = 0;
        for (FrameVersion version : FrameVersion.values()) {
            for (FrameType type : FrameType.values()) {
                for (AddressingMode dst : MODES) {
                    for (AddressingMode src : MODES) {
                        for (int bit = 0; bit <= 1; bit++) {
                            int presence = PanIdCompression.presence(version, dst, src, bit == 1);
                            if (presence == PanIdCompression.INVALID) {
                                continue;
                            }
                            out.add(sample(index++, version, type, dst, src, presence));
                        }
                    }
                }
            }
        }
        return out;
    }

    static MacFrame sample(int index, FrameVersion version, FrameType type, AddressingMode dstMode,
            AddressingMode srcMode, int presence) {
        MacFrame.Builder b = MacFrame.builder(type, version)
                .sequenceNumber(index & 0xff)
                .ackRequest(type != FrameType.ACK && type != FrameType.BEACON && index % 2 == 0)
                .framePending(index % 3 == 0);
        boolean v2015 = version == FrameVersion.IEEE_802_15_4_2015;
        if (v2015 && index % 4 == 3) {
            b.suppressSequenceNumber();
        }
        int dstPan = 0xcafe;
        int srcPan = (presence & PanIdCompression.DST_PAN) != 0 ? 0xbeef : 0xcafe;
        b.destination(address(dstMode, index, true));
        b.source(address(srcMode, index, false));
        b.destinationPanId((presence & PanIdCompression.DST_PAN) != 0 ? dstPan : -1);
        b.sourcePanId((presence & PanIdCompression.SRC_PAN) != 0 ? srcPan : -1);

        AuxiliarySecurityHeader security = index % 5 == 0 ? security(index, version) : null;
        if (version == FrameVersion.IEEE_802_15_4_2003 && index % 5 == 0) {
            b.legacySecurityEnabled(true);
        } else {
            b.security(security);
        }
        int mic = security == null ? 0 : security.level().micLength();

        byte[] payload = new byte[0];
        switch (type) {
            case BEACON:
                if (!v2015) {
                    b.beacon(beaconFields(index));
                }
                payload = bytes(index, 3);
                break;
            case DATA:
                payload = bytes(index, 2 + index % 7);
                break;
            case MAC_COMMAND:
                if (!v2015 || security == null) {
                    b.commandId(commandId(b, dstMode, srcMode, presence));
                }
                break;
            default:
                break;
        }
        if (version == FrameVersion.IEEE_802_15_4_2003 && index % 5 == 0) {
            // Wireshark reads 2003 security material from the payload: frame counter, key sequence counter, MIC-64.
            payload = bytes(index, 16);
        }
        if (security != null) {
            payload = bytes(index, mic + 4 + payload.length);
        }
        b.payload(payload);
        if (v2015) {
            addIes(b, index, type, security, payload.length);
        }
        return b.build();
    }

    private static void addIes(MacFrame.Builder b, int index, FrameType type, AuxiliarySecurityHeader security,
            int payloadLength) {
        int pattern = (index / 3) % 4;
        boolean command = type == FrameType.MAC_COMMAND && security == null;
        if (security != null) {
            if (pattern == 1 || pattern == 2) {
                b.addHeaderIe(HeaderIe.timeCorrection(index % 100 - 50, index % 2 == 0))
                        .addHeaderIe(HeaderIe.headerTermination2());
            }
            return;
        }
        switch (pattern) {
            case 1:  // header IEs, HT2 before the rest; a command ID alone is too short for Wireshark's IE loop
                if (!command && payloadLength >= 2) {
                    b.addHeaderIe(HeaderIe.timeCorrection(index % 100 - 50, index % 2 == 0))
                            .addHeaderIe(HeaderIe.vendorSpecific(0x00124b, bytes(index, 2)))
                            .addHeaderIe(HeaderIe.headerTermination2());
                } else if (payloadLength == 0 && !command) {
                    b.addHeaderIe(HeaderIe.timeCorrection(index % 100 - 50, false));  // unterminated, nothing after
                }
                break;
            case 2:  // header IEs, HT1, payload IEs, PT, then the rest
                b.addHeaderIe(HeaderIe.timeCorrection(-(index % 100), index % 2 == 1))
                        .addHeaderIe(HeaderIe.headerTermination1())
                        .addPayloadIe(PayloadIe.mlme(List.of(MlmeSubIe.tschSynchronization(1_000_000L + index, 1))))
                        .addPayloadIe(PayloadIe.vendorSpecific(0x00124b, bytes(index, 3)));
                if (payloadLength > 0 || command) {
                    b.addPayloadIe(PayloadIe.payloadTermination());
                }
                break;
            case 3:  // an unknown header IE is preserved raw
                b.addHeaderIe(HeaderIe.of(0x40 + index % 16, bytes(index, 2)))
                        .addHeaderIe(HeaderIe.headerTermination1())
                        .addPayloadIe(PayloadIe.vendorSpecific(0xabcdef, bytes(index, 2)));
                if (payloadLength > 0 || command) {
                    b.addPayloadIe(PayloadIe.payloadTermination());
                }
                break;
            default:
                break;
        }
    }

    /**
     * A command that fits the addressing (802.15.4-2015 Table 7-49, 7.5): 0x04 Data Request needs a source address;
     * 0x07 Beacon Request goes to the broadcast address of the broadcast PAN without source. Other combinations get
     * the unassigned ID {@link #UNKNOWN_COMMAND_ID}, which the codec carries like any other.
     */
    private static int commandId(MacFrame.Builder b, AddressingMode dstMode, AddressingMode srcMode, int presence) {
        if (srcMode != AddressingMode.NONE) {
            return 0x04;
        }
        if (dstMode == AddressingMode.SHORT && (presence & PanIdCompression.DST_PAN) != 0) {
            b.destination(0xffff, ShortAddress.BROADCAST);
            return 0x07;
        }
        return UNKNOWN_COMMAND_ID;
    }

    static AuxiliarySecurityHeader security(int index, FrameVersion version) {
        SecurityLevel level = SecurityLevel.values()[1 + index / 5 % 7];
        KeyIdMode mode = KeyIdMode.values()[index / 5 % 4];
        boolean fcSuppressed = version == FrameVersion.IEEE_802_15_4_2015 && index % 15 == 0;
        byte[] keySource = bytes(index + 7, mode.keySourceLength());
        return new AuxiliarySecurityHeader(level, mode, fcSuppressed, false, fcSuppressed ? 0 : 0x1000L + index,
                keySource, mode == KeyIdMode.IMPLICIT ? 0 : 1 + index % 200);
    }

    static BeaconFields beaconFields(int index) {
        SuperframeSpec spec = SuperframeSpec.of(15, 15, 15, false, index % 2 == 0, true);
        if (index % 3 == 1) {
            return new BeaconFields(spec, true,
                    List.of(new GtsDescriptor(0x0010, 9, 2, true), new GtsDescriptor(0x0011, 11, 3, false)),
                    List.of(), List.of());
        }
        if (index % 3 == 2) {
            return new BeaconFields(spec, false, List.of(), List.of(ShortAddress.of(0x0042)),
                    List.of(ExtendedAddress.of(EUI_BASE + 0x42)));
        }
        return BeaconFields.of(spec);
    }

    static MacAddress address(AddressingMode mode, int index, boolean destination) {
        switch (mode) {
            case SHORT:
                return ShortAddress.of(destination ? (index % 4 == 0 ? 0xffff : 0x0001) : 0x0100 + index);
            case EXTENDED:
                return ExtendedAddress.of(EUI_BASE + (destination ? 1 : 0x1000 + index));
            default:
                return MacAddress.NONE;
        }
    }

    /** Octets 0x00, 0x01, ... offset by the index; starting at a small value keeps them from looking like an upper
     * layer (RFC 4944 5.1 dispatch 00xxxxxx is "not a LoWPAN frame"). */
    static byte[] bytes(int index, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i == 0 ? index % 0x40 : index + i);
        }
        return b;
    }
}
