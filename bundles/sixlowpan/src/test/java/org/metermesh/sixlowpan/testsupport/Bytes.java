package org.metermesh.sixlowpan.testsupport;

import java.util.HexFormat;
import java.util.SplittableRandom;

/** Small byte helpers for tests. */
public final class Bytes {

    private Bytes() {
    }

    /** Hex with optional spaces, e.g. {@code "c5 00 12 34"}. */
    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", "").replace("\n", ""));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Deterministic pseudo-random content. */
    public static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
