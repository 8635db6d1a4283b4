package org.metermesh.radio.frame;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The Auxiliary Security Header, present when the Security Enabled bit is set in frame versions 0b01 and 0b10.
 *
 * <p>IEEE 802.15.4-2015 9.4 (Figure 9-7): Security Control (1 octet: Security Level b0-b2, Key Identifier Mode
 * b3-b4, Frame Counter Suppression b5, ASN in Nonce b6, reserved b7; 9.4.2), Frame Counter (0 or 4 octets,
 * little-endian; 9.4.3), Key Identifier (0/1/5/9 octets: Key Source then Key Index; 9.4.4). In 802.15.4-2006
 * (7.6.2) b5-b7 are reserved, so Frame Counter Suppression and ASN in Nonce are 2015-only.
 *
 * <p>The codec has no keys: it carries this header and leaves the secured payload (and MIC) opaque.
 *
 * @param level                  security level
 * @param keyIdMode              key identifier mode
 * @param frameCounterSuppressed 2015 only: the Frame Counter field is omitted (TSCH uses the ASN instead)
 * @param asnInNonce             2015 only: the nonce uses the ASN instead of the frame counter
 * @param frameCounter           0..0xffffffff; 0 when suppressed
 * @param keySource              0, 4 or 8 octets as sent, matching {@code keyIdMode}
 * @param keyIndex               0..255; 0 for {@link KeyIdMode#IMPLICIT}
 */
public record AuxiliarySecurityHeader(SecurityLevel level, KeyIdMode keyIdMode, boolean frameCounterSuppressed,
        boolean asnInNonce, long frameCounter, byte[] keySource, int keyIndex) {

    private static final byte[] NO_KEY_SOURCE = new byte[0];

    public AuxiliarySecurityHeader {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(keyIdMode, "keyIdMode");
        keySource = keySource == null ? NO_KEY_SOURCE : keySource.clone();
        if (frameCounter < 0 || frameCounter > 0xffff_ffffL) {
            throw new IllegalArgumentException("frame counter " + frameCounter + " is not a 32-bit unsigned value");
        }
        if (frameCounterSuppressed && frameCounter != 0) {
            throw new IllegalArgumentException("a suppressed frame counter must be 0");
        }
        if (keySource.length != keyIdMode.keySourceLength()) {
            throw new IllegalArgumentException("key id mode " + keyIdMode + " needs a " + keyIdMode.keySourceLength()
                    + "-octet key source, got " + keySource.length);
        }
        if (keyIndex < 0 || keyIndex > 0xff || (keyIdMode == KeyIdMode.IMPLICIT && keyIndex != 0)) {
            throw new IllegalArgumentException("key index " + keyIndex + " is invalid for key id mode " + keyIdMode);
        }
    }

    /** Implicit key (mode 0) with a frame counter. */
    public static AuxiliarySecurityHeader implicitKey(SecurityLevel level, long frameCounter) {
        return new AuxiliarySecurityHeader(level, KeyIdMode.IMPLICIT, false, false, frameCounter, null, 0);
    }

    /** Key Index only (mode 1) with a frame counter. */
    public static AuxiliarySecurityHeader keyIndex(SecurityLevel level, long frameCounter, int keyIndex) {
        return new AuxiliarySecurityHeader(level, KeyIdMode.KEY_INDEX, false, false, frameCounter, null, keyIndex);
    }

    /** Key Source (4 or 8 octets, mode 2 or 3) and Key Index with a frame counter. */
    public static AuxiliarySecurityHeader keySource(SecurityLevel level, long frameCounter, byte[] keySource,
            int keyIndex) {
        KeyIdMode mode = keySource.length == 4 ? KeyIdMode.KEY_SOURCE_4 : KeyIdMode.KEY_SOURCE_8;
        return new AuxiliarySecurityHeader(level, mode, false, false, frameCounter, keySource, keyIndex);
    }

    /** Returns a copy of the Key Source octets. */
    @Override
    public byte[] keySource() {
        return keySource.clone();
    }

    /** The Security Control octet (9.4.2). */
    public int securityControl() {
        return level.code() | keyIdMode.code() << 3 | (frameCounterSuppressed ? 0x20 : 0) | (asnInNonce ? 0x40 : 0);
    }

    /** Octets on air. */
    public int length() {
        return 1 + (frameCounterSuppressed ? 0 : 4) + keyIdMode.keyIdentifierLength();
    }

    void writeKeySource(byte[] dst, int off) {
        System.arraycopy(keySource, 0, dst, off, keySource.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuxiliarySecurityHeader h && level == h.level && keyIdMode == h.keyIdMode
                && frameCounterSuppressed == h.frameCounterSuppressed && asnInNonce == h.asnInNonce
                && frameCounter == h.frameCounter && keyIndex == h.keyIndex && Arrays.equals(keySource, h.keySource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, keyIdMode, frameCounterSuppressed, asnInNonce, frameCounter, keyIndex)
                * 31 + Arrays.hashCode(keySource);
    }

    @Override
    public String toString() {
        return "AuxSec[" + level + ", " + keyIdMode
                + (frameCounterSuppressed ? ", fc suppressed" : ", fc=" + frameCounter)
                + (asnInNonce ? ", asn-in-nonce" : "")
                + (keySource.length > 0 ? ", src=" + HexFormat.of().formatHex(keySource) : "")
                + (keyIdMode != KeyIdMode.IMPLICIT ? ", idx=" + keyIndex : "") + "]";
    }
}
