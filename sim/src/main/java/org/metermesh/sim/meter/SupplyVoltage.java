package org.metermesh.sim.meter;

import java.util.SplittableRandom;

/**
 * The supply voltage at one meter: nominal with a per-meter offset (its distance from the transformer) and a little
 * noise each sample, plus a scripted excursion when a test or scenario asks for one. EN 50160 allows +/- 10 % of
 * nominal; beyond it the meter raises an over- or under-voltage warning.
 */
final class SupplyVoltage {

    /** EN 50160: the supply voltage stays within +/- 10 % of nominal. */
    static final double TOLERANCE = 0.10;

    private final double nominal;
    private final double offset;
    private final SplittableRandom random;
    private double excursion;

    SupplyVoltage(double nominal, SplittableRandom random) {
        this.nominal = nominal;
        this.random = random;
        this.offset = (random.nextDouble() - 0.5) * 0.06 * nominal;
    }

    double nominal() {
        return nominal;
    }

    /** Shifts the voltage by {@code fraction} of nominal until cleared with 0 (e.g. 0.15 for a 15 % swell). */
    void excursion(double fraction) {
        this.excursion = fraction;
    }

    double volts() {
        double noise = (random.nextDouble() - 0.5) * 0.01 * nominal;
        return nominal + offset + noise + excursion * nominal;
    }

    boolean over(double volts) {
        return volts > nominal * (1 + TOLERANCE);
    }

    boolean under(double volts) {
        return volts < nominal * (1 - TOLERANCE);
    }
}
