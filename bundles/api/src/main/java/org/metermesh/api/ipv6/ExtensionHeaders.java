package org.metermesh.api.ipv6;

/** Shared constants and checks of the extension header types. */
final class ExtensionHeaders {

    /** The longest extension header with an 8-bit Hdr Ext Len counting 8-octet units after the first 8. */
    static final int MAX_LENGTH = 8 * 256;

    private ExtensionHeaders() {
    }

    static void checkNextHeader(int nextHeader) {
        if (nextHeader < 0 || nextHeader > 255) {
            throw new IllegalArgumentException("next header " + nextHeader + " is outside 0..255");
        }
    }
}
