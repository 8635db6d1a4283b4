package org.metermesh.sixlowpan.iphc;

/**
 * The 6LoWPAN dispatch types, told apart by the first octet of a header (RFC 4944 section 5.1, with IPHC from
 * RFC 6282 section 3.1 and the page switch of RFC 8025).
 */
public enum Dispatch {
    /** 00xxxxxx: not a LoWPAN frame. */
    NALP,
    /** 01000001: an uncompressed IPv6 header follows (RFC 4944 section 5.1). */
    IPV6,
    /** 01000010: LOWPAN_HC1, obsoleted by RFC 6282 and not supported. */
    HC1,
    /** 01010000: LOWPAN_BC0 broadcast header with a sequence number (RFC 4944 section 11.1). */
    BC0,
    /** 011xxxxx: LOWPAN_IPHC (RFC 6282 section 3.1). */
    IPHC,
    /** 10xxxxxx: mesh addressing header (RFC 4944 section 5.2). */
    MESH,
    /** 11000xxx: first fragment (RFC 4944 section 5.3). */
    FRAG1,
    /** 11100xxx: subsequent fragment (RFC 4944 section 5.3). */
    FRAGN,
    /** 1111xxxx: page switch (RFC 8025), not supported. */
    PAGE,
    /** Any other pattern: reserved. */
    RESERVED;

    /** The dispatch type of a header that starts with octet {@code b} (0-255). */
    public static Dispatch of(int b) {
        b &= 0xff;
        if ((b & 0xc0) == 0x00) {
            return NALP;
        }
        if ((b & 0xe0) == 0x60) {
            return IPHC;
        }
        if ((b & 0xc0) == 0x80) {
            return MESH;
        }
        if ((b & 0xf8) == 0xc0) {
            return FRAG1;
        }
        if ((b & 0xf8) == 0xe0) {
            return FRAGN;
        }
        if ((b & 0xf0) == 0xf0) {
            return PAGE;
        }
        switch (b) {
            case 0x41:
                return IPV6;
            case 0x42:
                return HC1;
            case 0x50:
                return BC0;
            default:
                return RESERVED;
        }
    }
}
