package org.metermesh.rpl.message;

/** Range checks for the fixed-width fields of message and option values; a value out of range is a caller bug. */
final class Fields {

    private Fields() {
    }

    static int u8(String name, int value) {
        return range(name, value, 0, 0xff);
    }

    static int u16(String name, int value) {
        return range(name, value, 0, 0xffff);
    }

    static long u32(String name, long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException(name + " " + value + " is outside 0..4294967295");
        }
        return value;
    }

    static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    static int prefixLength(int value) {
        return range("prefix length", value, 0, 128);
    }

    /** Octets needed to carry the first {@code prefixLength} bits. */
    static int prefixOctets(int prefixLength) {
        return (prefixLength + 7) / 8;
    }
}
