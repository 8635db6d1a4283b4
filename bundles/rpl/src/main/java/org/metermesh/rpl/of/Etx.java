package org.metermesh.rpl.of;

/**
 * ETX as RPL carries it: a fixed-point number with divisor 128 (RFC 6551 4.3.2: the ETX object is "ETX * 128"),
 * so 128 is one expected transmission, a perfect link. The same unit is MRHOF's link metric and, with
 * MinHopRankIncrease 128, its rank (RFC 6719 3.3).
 */
public final class Etx {

    /** The fixed-point divisor (RFC 6551 4.3.2). */
    public static final int DIVISOR = 128;

    /** ETX 1.0: every frame is acknowledged at the first attempt. */
    public static final int ONE = DIVISOR;

    /** The largest value of the 16-bit ETX object. */
    public static final int MAX = 0xffff;

    private Etx() {
    }

    /** {@code etx} (in transmissions) as fixed point, rounded, clamped to 0..{@link #MAX}. */
    public static int fromDouble(double etx) {
        if (Double.isNaN(etx)) {
            throw new IllegalArgumentException("ETX is NaN");
        }
        return (int) Math.max(0, Math.min(MAX, Math.round(etx * DIVISOR)));
    }

    /** Fixed point to transmissions. */
    public static double toDouble(int fixedPoint) {
        return fixedPoint / (double) DIVISOR;
    }
}
