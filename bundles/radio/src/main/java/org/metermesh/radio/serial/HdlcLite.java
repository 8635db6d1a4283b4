package org.metermesh.radio.serial;

/**
 * Octets with a meaning on an HDLC-lite link.
 *
 * <p>HDLC-lite is the byte-stuffed framing of <a href="https://www.rfc-editor.org/rfc/rfc1662#section-4">RFC 1662
 * section 4</a> without address and control fields, as the Spinel protocol recommends for UART links
 * (<a href="https://datatracker.ietf.org/doc/html/draft-rquattle-spinel-unified">draft-rquattle-spinel-unified</a>,
 * appendix "Framing Protocol", HDLC-Lite) and as OpenThread's RCP link implements it (src/lib/hdlc/hdlc.cpp):
 * {@code 7E | escaped(payload | FCS-16 little-endian) | 7E}.
 */
final class HdlcLite {

    /** RFC 1662 4.1: Flag Sequence, delimits frames. */
    static final int FLAG = 0x7e;
    /** RFC 1662 4.2: Control Escape; the next octet is XORed with 0x20. */
    static final int ESCAPE = 0x7d;
    static final int ESCAPE_XOR = 0x20;
    /** Octets of the frame check sequence after the payload. */
    static final int FCS_LENGTH = 2;

    private HdlcLite() {
    }

    /**
     * Whether an octet is sent escaped. Besides flag and escape, OpenThread escapes XON (0x11) and XOFF (0x13), so
     * software flow control never sees them in data, and 0xF8, which its UART drivers reserve.
     */
    static boolean needsEscape(int octet) {
        return octet == FLAG || octet == ESCAPE || octet == 0x11 || octet == 0x13 || octet == 0xf8;
    }
}
