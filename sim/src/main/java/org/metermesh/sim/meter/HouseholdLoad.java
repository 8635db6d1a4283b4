package org.metermesh.sim.meter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * One household's electricity use over the day: a standby base load, a morning and a larger evening peak (the
 * shape of residential load profiles such as the UK Elexon profile class 1 or the German BDEW H0), scaled per
 * household, with a little noise each time it is sampled. Deterministic for its random source.
 */
final class HouseholdLoad {

    private static final double SECONDS_PER_DAY = 86_400;

    private final double baseWatts;
    private final double morningPeakWatts;
    private final double eveningPeakWatts;
    private final SplittableRandom random;

    HouseholdLoad(SplittableRandom random) {
        this.random = random;
        double scale = 0.6 + random.nextDouble() * 0.9;     // small flats to large houses
        this.baseWatts = 120 + random.nextDouble() * 180;    // fridge, standby, heating circulation pump
        this.morningPeakWatts = 900 * scale;
        this.eveningPeakWatts = 1800 * scale;
    }

    /** Active power drawn at {@code time} (UTC as local time: the shape, not the timezone, matters here). */
    double watts(Instant time) {
        double hour = time.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / SECONDS_PER_DAY * 24;
        double load = baseWatts + morningPeakWatts * bump(hour, 7.5, 1.2) + eveningPeakWatts * bump(hour, 19, 2.0);
        double noise = 1 + (random.nextDouble() - 0.5) * 0.3;
        return Math.max(0, load * noise);
    }

    /** A bell of height 1 centred on {@code centre} hours, {@code width} hours wide (one standard deviation). */
    private static double bump(double hour, double centre, double width) {
        double d = Math.abs(hour - centre);
        d = Math.min(d, 24 - d); // the day wraps around
        return Math.exp(-d * d / (2 * width * width));
    }
}
