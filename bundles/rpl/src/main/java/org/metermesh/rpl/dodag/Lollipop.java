package org.metermesh.rpl.dodag;

/**
 * The 8-bit lollipop sequence counters of RFC 6550 7.2, used for the DODAG Version Number, the DTSN, the
 * DAOSequence and the Path Sequence: values 128-255 form the linear "stick" a counter starts on after a reboot
 * ({@link #INIT} = 256 - SEQUENCE_WINDOW = 240), values 0-127 the circular "candy" it wraps around in.
 *
 * <p>Comparison follows RFC 6550 7.2: a value on the stick is older than one in the circle unless the circle value
 * is within SEQUENCE_WINDOW of the wrap (rule 1); two values in the same region compare by serial-number arithmetic
 * when they are within SEQUENCE_WINDOW of each other (rule 2a), the circular region wrapping from 127 to 0 as
 * Contiki-NG's {@code rpl_lollipop_greater_than} does (os/net/routing/rpl-lite/rpl-types.h); values further apart
 * are desynchronised and not comparable (rule 2b), which {@link #compare} reports as {@link #INCOMPARABLE} so that
 * the caller can apply rule 3.
 */
public final class Lollipop {

    /** SEQUENCE_WINDOW (RFC 6550 7.2). */
    public static final int SEQUENCE_WINDOW = 16;
    /** The initial value, 256 - SEQUENCE_WINDOW (RFC 6550 7.2). */
    public static final int INIT = 256 - SEQUENCE_WINDOW;
    /** What {@link #compare} returns for desynchronised values (RFC 6550 7.2 rule 2b). */
    public static final int INCOMPARABLE = Integer.MIN_VALUE;

    private static final int CIRCULAR_REGION = 127;

    private Lollipop() {
    }

    /** The value after {@code value}: 255 wraps to 0 and 127 to 0 (RFC 6550 7.2). */
    public static int increment(int value) {
        check(value);
        return value > CIRCULAR_REGION ? (value + 1) & 0xff : (value + 1) & CIRCULAR_REGION;
    }

    /** Whether {@code a} is newer than {@code b}. */
    public static boolean greaterThan(int a, int b) {
        check(a);
        check(b);
        if (a > CIRCULAR_REGION && b <= CIRCULAR_REGION) {
            // Rule 1 with a on the stick: b is newer iff 256 + b - a <= SEQUENCE_WINDOW.
            return 256 + b - a > SEQUENCE_WINDOW;
        }
        if (a <= CIRCULAR_REGION && b > CIRCULAR_REGION) {
            return 256 + a - b <= SEQUENCE_WINDOW;
        }
        // Rule 2: same region; the circle wraps from 127 to 0.
        return a > b && a - b <= SEQUENCE_WINDOW
                || a < b && b <= CIRCULAR_REGION && b - a > CIRCULAR_REGION + 1 - SEQUENCE_WINDOW;
    }

    /**
     * 1 if {@code a} is newer than {@code b}, -1 if older, 0 if equal, {@link #INCOMPARABLE} if they are
     * desynchronised (RFC 6550 7.2 rule 2b).
     */
    public static int compare(int a, int b) {
        if (a == b) {
            check(a);
            return 0;
        }
        if (greaterThan(a, b)) {
            return 1;
        }
        return greaterThan(b, a) ? -1 : INCOMPARABLE;
    }

    private static void check(int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("lollipop counter " + value + " is outside 0..255");
        }
    }
}
