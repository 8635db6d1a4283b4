package org.metermesh.radio.medium;

/**
 * How radio waves behave in the simulated neighbourhood.
 *
 * @param seed                 all randomness of the medium (shadowing, packet errors) derives from it
 * @param referenceLossDb      path loss at 1 m; 31.7 dB is free space at 915 MHz (20 log10(4 pi f / c))
 * @param pathLossExponent     log-distance exponent n; 2 is free space, about 3 suits meters near the ground
 * @param shadowingSigmaDb     standard deviation of the log-normal shadowing, fixed per link and symmetric
 * @param sensitivityDbm       receiver sensitivity: packet error rate 50 % for a 20-octet PSDU at this RSSI
 * @param ccaThresholdDbm      energy above which clear channel assessment reports busy
 * @param collisions           whether overlapping transmissions on one channel destroy each other
 * @param captureThresholdDb   a frame survives an overlapping one that is at least this much weaker
 * @param extraLoss            probability of losing any frame on top of the model, 0 to 1
 */
public record MediumSettings(long seed, double referenceLossDb, double pathLossExponent, double shadowingSigmaDb,
        double sensitivityDbm, double ccaThresholdDbm, boolean collisions, double captureThresholdDb,
        double extraLoss) {

    public MediumSettings {
        if (pathLossExponent <= 0 || shadowingSigmaDb < 0 || captureThresholdDb < 0) {
            throw new IllegalArgumentException("path loss exponent must be positive, sigma and capture threshold "
                    + "not negative");
        }
        if (extraLoss < 0 || extraLoss > 1) {
            throw new IllegalArgumentException("extra loss " + extraLoss + " is not a probability");
        }
    }

    /** A suburban 915 MHz neighbourhood: n = 3, 6 dB shadowing, -100 dBm sensitivity, collisions on. */
    public static MediumSettings suburban(long seed) {
        return new MediumSettings(seed, 31.7, 3.0, 6.0, -100.0, -95.0, true, 10.0, 0.0);
    }

    public MediumSettings withExtraLoss(double probability) {
        return new MediumSettings(seed, referenceLossDb, pathLossExponent, shadowingSigmaDb, sensitivityDbm,
                ccaThresholdDbm, collisions, captureThresholdDb, probability);
    }

    public MediumSettings withCollisions(boolean on) {
        return new MediumSettings(seed, referenceLossDb, pathLossExponent, shadowingSigmaDb, sensitivityDbm,
                ccaThresholdDbm, on, captureThresholdDb, extraLoss);
    }
}
