package org.metermesh.radio.frame;

import org.metermesh.api.radio.AddressingMode;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import java.util.List;
import java.util.OptionalInt;

/**
 * Decodes one MPDU (FCS already checked and cut off) field by field, in the order of IEEE 802.15.4-2015 7.2.1
 * (Figure 7-1). Each step either consumes its field or throws a {@link DecodeException} with the reason.
 */
final class FrameDecoder {

    private FrameDecoder() {
    }

    static MacFrame decode(byte[] buf, int off, int len) throws DecodeException {
        ByteReader in = new ByteReader(buf, off, len);
        Head head = readHead(in);
        FrameControl fc = head.fc;
        FrameType type = fc.type();
        FrameVersion version = fc.version();
        MacFrame.Builder b = MacFrame.builder(type, version)
                .framePending(fc.framePending())
                .ackRequest(fc.ackRequest());
        if (head.sequenceNumber < 0) {
            b.suppressSequenceNumber();
        } else {
            b.sequenceNumber(head.sequenceNumber);
        }
        int srcPan = (head.presence & PanIdCompression.SRC_PAN) != 0
                ? in.u16(RejectReason.TRUNCATED_HEADER, "source PAN ID") : -1;
        MacAddress src = readAddress(in, fc.sourceMode(), "source address");
        b.destination(head.destination).destinationPanId(head.destinationPanId).source(src).sourcePanId(srcPan);

        // 7.2.8 / 9.4 Auxiliary Security Header: 2006 and 2015 only; 2003 security has none.
        AuxiliarySecurityHeader security = null;
        if (fc.securityEnabled()) {
            if (version == FrameVersion.IEEE_802_15_4_2003) {
                b.legacySecurityEnabled(true);
            } else {
                security = SecurityHeaderCodec.read(in, version);
                b.security(security);
            }
        }
        int micLength = security == null ? 0 : security.level().micLength();

        if (!version.isLegacy()) {
            decode2015Body(in, b, type, fc.iePresent(), security, micLength);
        } else {
            decodeLegacyBody(in, b, type, micLength);
        }
        return MacFrame.decoded(b, in.rest());
    }

    /** The fields up to the destination address, for a receiver's early filtering. */
    static FrameHead decodeHead(byte[] buf, int off, int len) throws DecodeException {
        Head head = readHead(new ByteReader(buf, off, len));
        return new FrameHead(head.fc.type(), head.sequenceNumber < 0 ? OptionalInt.empty()
                : OptionalInt.of(head.sequenceNumber), head.destinationPanId, head.destination);
    }

    /** 7.2.2 Frame Control, 7.2.3 Sequence Number, 7.2.4-7.2.5 destination PAN ID and address. */
    private static Head readHead(ByteReader in) throws DecodeException {
        FrameControl fc = FrameControl.decode(in.u16(RejectReason.PSDU_TOO_SHORT, "frame control"));
        int sequenceNumber = fc.sequenceNumberSuppressed() ? -1 : in.u8(RejectReason.TRUNCATED_HEADER,
                "sequence number");
        // Which PAN IDs are present depends on the version's compression rules.
        AddressingMode dstMode = fc.destinationMode();
        int presence = PanIdCompression.presence(fc.version(), dstMode, fc.sourceMode(), fc.panIdCompression());
        if (presence == PanIdCompression.INVALID) {
            throw new DecodeException(RejectReason.INVALID_PAN_ID_COMPRESSION, 0, "PAN ID compression with addressing "
                    + dstMode + "/" + fc.sourceMode() + " in frame version " + fc.version());
        }
        int dstPan = (presence & PanIdCompression.DST_PAN) != 0
                ? in.u16(RejectReason.TRUNCATED_HEADER, "destination PAN ID") : -1;
        MacAddress dst = readAddress(in, dstMode, "destination address");
        return new Head(fc, sequenceNumber, presence, dstPan, dst);
    }

    private record Head(FrameControl fc, int sequenceNumber, int presence, int destinationPanId,
            MacAddress destination) {
    }

    // 802.15.4-2006 7.2.2: beacon superframe fields and the command ID are part of the header (not encrypted).
    private static void decodeLegacyBody(ByteReader in, MacFrame.Builder b, FrameType type, int micLength)
            throws DecodeException {
        if (type == FrameType.BEACON) {
            b.beacon(BeaconFieldsCodec.read(in));
        } else if (type == FrameType.MAC_COMMAND) {
            b.commandId(in.u8(RejectReason.MISSING_COMMAND_ID, "command ID"));
        }
        requireMic(in, micLength);
    }

    // 802.15.4-2015 7.4: Header IEs (plaintext), then, unless secured, Payload IEs and the command ID (7.3.4).
    private static void decode2015Body(ByteReader in, MacFrame.Builder b, FrameType type, boolean iePresent,
            AuxiliarySecurityHeader security, int micLength) throws DecodeException {
        requireMic(in, micLength);
        List<HeaderIe> headerIes = List.of();
        if (iePresent) {
            in.shrinkEnd(micLength);  // header IEs never run into the MIC
            headerIes = IeListCodec.readHeaderIes(in);
            in.growEnd(micLength);
            b.headerIes(headerIes);
        }
        if (security != null) {
            return;  // payload IEs, command ID and payload are (or may be) encrypted: opaque
        }
        boolean ht1 = !headerIes.isEmpty() && headerIes.get(headerIes.size() - 1).elementId() == HeaderIe.ID_HT1;
        if (ht1) {
            b.payloadIes(IeListCodec.readPayloadIes(in));
        }
        if (type == FrameType.MAC_COMMAND) {
            b.commandId(in.u8(RejectReason.MISSING_COMMAND_ID, "command ID"));
        }
    }

    private static void requireMic(ByteReader in, int micLength) throws DecodeException {
        if (in.remaining() < micLength) {
            throw new DecodeException(RejectReason.TRUNCATED_MIC, in.offset(),
                    "secured frame needs a " + micLength + "-octet MIC, " + in.remaining() + " octets left");
        }
    }

    private static MacAddress readAddress(ByteReader in, AddressingMode mode, String what) throws DecodeException {
        switch (mode) {
            case SHORT:
                return new ShortAddress(in.u16(RejectReason.TRUNCATED_HEADER, what));
            case EXTENDED:
                return new ExtendedAddress(in.u64(RejectReason.TRUNCATED_HEADER, what));
            default:
                return MacAddress.NONE;
        }
    }
}
