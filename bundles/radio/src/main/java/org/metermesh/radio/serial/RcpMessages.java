package org.metermesh.radio.serial;

import java.nio.charset.StandardCharsets;

/** Argument checks shared by the {@link RcpMessage} records. */
final class RcpMessages {

    private RcpMessages() {
    }

    static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
        }
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
