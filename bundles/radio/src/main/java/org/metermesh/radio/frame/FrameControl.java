package org.metermesh.radio.frame;

import org.metermesh.api.radio.AddressingMode;

/**
 * The Frame Control field (IEEE 802.15.4-2015 7.2.2, Figure 7-2), little-endian on air: Frame Type b0-b2,
 * Security Enabled b3, Frame Pending b4, AR b5, PAN ID Compression b6, reserved b7, Sequence Number Suppression b8,
 * IE Present b9, Destination Addressing Mode b10-b11, Frame Version b12-b13, Source Addressing Mode b14-b15.
 * In frame versions 0b00/0b01, b7-b9 are reserved (802.15.4-2006 7.2.1.1) and ignored on reception.
 */
record FrameControl(FrameType type, FrameVersion version, AddressingMode destinationMode,
        AddressingMode sourceMode, boolean securityEnabled, boolean framePending, boolean ackRequest,
        boolean panIdCompression, boolean sequenceNumberSuppressed, boolean iePresent) {

    /** Parses the field value; reserved codes are rejections. */
    static FrameControl decode(int fcf) throws DecodeException {
        FrameType type = FrameType.ofCode(fcf & 0x07);
        if (type == null) {
            int code = fcf & 0x07;
            if (code == FrameType.CODE_RESERVED) {
                throw new DecodeException(RejectReason.RESERVED_FRAME_TYPE, 0, "frame type 0b100 is reserved");
            }
            throw new DecodeException(RejectReason.UNSUPPORTED_FRAME_TYPE, 0, "frame type 0b"
                    + Integer.toBinaryString(code) + " (multipurpose, fragment or extended) is not carried");
        }
        FrameVersion version = FrameVersion.ofCode((fcf >>> 12) & 0x03);
        if (version == null) {
            throw new DecodeException(RejectReason.RESERVED_FRAME_VERSION, 1, "frame version 0b11 is reserved");
        }
        boolean v2015 = !version.isLegacy();
        return new FrameControl(type, version, addressingMode((fcf >>> 10) & 0x03, "destination"),
                addressingMode((fcf >>> 14) & 0x03, "source"), (fcf & 0x0008) != 0, (fcf & 0x0010) != 0,
                (fcf & 0x0020) != 0, (fcf & 0x0040) != 0, v2015 && (fcf & 0x0100) != 0, v2015 && (fcf & 0x0200) != 0);
    }

    /** The Frame Control field a frame is sent with; PAN ID compression and IE Present follow from its content. */
    static FrameControl of(MacFrame f) {
        return new FrameControl(f.type(), f.version(), f.destination().mode(), f.source().mode(),
                f.securityEnabled(), f.framePending(), f.ackRequest(), f.panIdCompression(),
                f.sequenceNumberSuppressed(), !f.headerIes().isEmpty());
    }

    /** The 16-bit field value. */
    int value() {
        return type.code()
                | (securityEnabled ? 0x0008 : 0)
                | (framePending ? 0x0010 : 0)
                | (ackRequest ? 0x0020 : 0)
                | (panIdCompression ? 0x0040 : 0)
                | (sequenceNumberSuppressed ? 0x0100 : 0)
                | (iePresent ? 0x0200 : 0)
                | destinationMode.code() << 10
                | version.code() << 12
                | sourceMode.code() << 14;
    }

    private static AddressingMode addressingMode(int code, String which) throws DecodeException {
        AddressingMode mode = AddressingMode.ofCode(code);
        if (mode == null) {
            throw new DecodeException(RejectReason.RESERVED_ADDRESSING_MODE, 1,
                    which + " addressing mode 0b01 is reserved");
        }
        return mode;
    }
}
