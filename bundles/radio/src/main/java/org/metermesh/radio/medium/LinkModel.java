package org.metermesh.radio.medium;

import java.util.SplittableRandom;

/**
 * Path loss, link quality and packet errors of one link, from distance alone: deterministic for a seed.
 *
 * <p>Log-distance path loss with log-normal shadowing (Rappaport, Wireless Communications, 4.9-4.10). The
 * shadowing term is drawn once per pair of nodes from the seed and the pair, so a link is the same in both
 * directions and in every run.
 */
final class LinkModel {

    /** Frames are lost with certainty this far below sensitivity; nodes further away are not even considered. */
    static final double HEARING_MARGIN_DB = 10.0;
    private static final double PER_SLOPE_PER_DB = 1.2;
    private static final int PER_REFERENCE_OCTETS = 20;

    private final MediumSettings settings;

    LinkModel(MediumSettings settings) {
        this.settings = settings;
    }

    /** Path loss between two nodes {@code distanceMetres} apart, shadowing included. */
    double pathLossDb(int a, int b, double distanceMetres) {
        double distance = Math.max(1.0, distanceMetres);
        double mean = settings.referenceLossDb() + 10 * settings.pathLossExponent() * Math.log10(distance);
        return mean + shadowingDb(Math.min(a, b), Math.max(a, b));
    }

    private double shadowingDb(int low, int high) {
        if (settings.shadowingSigmaDb() == 0) {
            return 0;
        }
        long pair = ((long) low << 32) | (high & 0xffffffffL);
        double gaussian = new SplittableRandom(settings.seed() ^ mix(pair)).nextGaussian();
        return settings.shadowingSigmaDb() * gaussian;
    }

    /** Furthest a node at {@code txPowerDbm} can be heard, allowing three standard deviations of shadowing. */
    double maxRangeMetres(double txPowerDbm) {
        double budget = txPowerDbm - (settings.sensitivityDbm() - HEARING_MARGIN_DB) - settings.referenceLossDb()
                + 3 * settings.shadowingSigmaDb();
        return Math.pow(10, budget / (10 * settings.pathLossExponent()));
    }

    boolean audible(double rssiDbm) {
        return rssiDbm >= settings.sensitivityDbm() - HEARING_MARGIN_DB;
    }

    /**
     * LQI rises linearly from 0 at sensitivity to 255 at 40 dB above it, the shape many 802.15.4 transceivers
     * report (IEEE 802.15.4-2015 10.2.6 leaves the mapping to the implementation).
     */
    int lqi(double rssiDbm) {
        double above = rssiDbm - settings.sensitivityDbm();
        return (int) Math.round(Math.max(0, Math.min(255, above * 255 / 40)));
    }

    /**
     * Packet error rate: a logistic curve through 50 % at sensitivity for a 20-octet PSDU, scaled to the frame's
     * length as independent octet errors would.
     */
    double packetErrorRate(double rssiDbm, int psduLength) {
        double margin = rssiDbm - settings.sensitivityDbm();
        double reference = 1 / (1 + Math.exp(PER_SLOPE_PER_DB * margin));
        double octetSuccess = Math.pow(1 - reference, 1.0 / PER_REFERENCE_OCTETS);
        return 1 - Math.pow(octetSuccess, Math.max(1, psduLength));
    }

    /** SplitMix64's finaliser: spreads pair ids so that neighbouring pairs get unrelated shadowing. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
