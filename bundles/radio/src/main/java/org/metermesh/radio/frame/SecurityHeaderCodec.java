package org.metermesh.radio.frame;

/** Reads and writes the Auxiliary Security Header (IEEE 802.15.4-2015 9.4, Figure 9-7; 802.15.4-2006 7.6.2). */
final class SecurityHeaderCodec {

    private SecurityHeaderCodec() {
    }

    static AuxiliarySecurityHeader read(ByteReader in, FrameVersion version) throws DecodeException {
        RejectReason truncated = RejectReason.TRUNCATED_SECURITY_HEADER;
        // 9.4.2 Security Control: level b0-b2, key id mode b3-b4, frame counter suppression b5 and ASN in nonce b6
        // (both 2015 only; reserved in 2006 7.6.2.2), b7 reserved.
        int control = in.u8(truncated, "security control");
        boolean v2015 = version == FrameVersion.IEEE_802_15_4_2015;
        boolean fcSuppressed = v2015 && (control & 0x20) != 0;
        boolean asnInNonce = v2015 && (control & 0x40) != 0;
        KeyIdMode mode = KeyIdMode.ofCode(control >>> 3);
        // 9.4.3 Frame Counter, little-endian.
        long frameCounter = fcSuppressed ? 0 : in.u32(truncated, "frame counter");
        // 9.4.4 Key Identifier: Key Source (mode 2: 4 octets, mode 3: 8 octets) then Key Index.
        byte[] keySource = in.bytes(mode.keySourceLength(), truncated, "key source");
        int keyIndex = mode == KeyIdMode.IMPLICIT ? 0 : in.u8(truncated, "key index");
        return new AuxiliarySecurityHeader(SecurityLevel.ofCode(control), mode, fcSuppressed, asnInNonce,
                frameCounter, keySource, keyIndex);
    }

    static void write(ByteWriter out, AuxiliarySecurityHeader h) {
        out.u8(h.securityControl());
        if (!h.frameCounterSuppressed()) {
            out.u32(h.frameCounter());
        }
        if (h.keyIdMode() != KeyIdMode.IMPLICIT) {
            h.writeKeySource(out.array(), out.skip(h.keyIdMode().keySourceLength()));
            out.u8(h.keyIndex());
        }
    }
}
