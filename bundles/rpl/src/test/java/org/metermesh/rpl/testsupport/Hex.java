package org.metermesh.rpl.testsupport;

import java.util.HexFormat;

/** Hex for test vectors: spaces and line breaks are ignored, so vectors can be laid out field by field. */
public final class Hex {

    private Hex() {
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    public static String string(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
