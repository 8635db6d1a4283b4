package org.metermesh.radio.medium;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Path loss, link quality and packet errors of one link, from distance alone: deterministic for a seed.
 *
 * <p>Log-distance path loss with log-normal shadowing (Rappaport, Wireless Communications, 4.9-4.10). The
 * shadowing term is drawn once per pair of nodes from the seed and the pair, so a link is the same in both
 * directions and in every run. Used on its medium's thread only: it reuses a generator and fills caches as it goes.
 */
final class LinkModel {

    /** Frames are lost with certainty this far below sensitivity; nodes further away are not even considered. */
    static final double HEARING_MARGIN_DB = 10.0;
    private static final double PER_SLOPE_PER_DB = 1.2;
    private static final int PER_REFERENCE_OCTETS = 20;

    /** Width of the RSSI steps whose edge rates {@link #packetLost} keeps. */
    private static final double ERROR_STEP_DB = 1.0 / 32;
    /** Steps kept per frame length, from the edge of audibility up: 128 dB, far above any link's margin. */
    private static final int ERROR_STEPS = 128 * 32;
    /**
     * Relative slack around an edge rate, far above the few ulps by which the computed rate may miss being
     * monotonic in the RSSI: a draw this close to an edge gets the exact rate.
     */
    private static final double EDGE_MARGIN = 1e-9;
    /** Frame lengths with kept edge rates: every PSDU of the SUN PHYs (2,047 octets at most). */
    private static final int KEPT_LENGTHS = 2048;

    private final MediumSettings settings;
    private final double lowestAudibleDbm;
    private final double[][] errorEdges = new double[KEPT_LENGTHS][];
    private final PairStream pairStream = new PairStream();

    LinkModel(MediumSettings settings) {
        this.settings = settings;
        this.lowestAudibleDbm = settings.sensitivityDbm() - HEARING_MARGIN_DB;
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
        pairStream.seed = settings.seed() ^ mix(pair);
        return settings.shadowingSigmaDb() * pairStream.nextGaussian();
    }

    /**
     * The numbers of {@code new SplittableRandom(seed)} (SplitMix64: Steele, Lea, Flood 2014), reseeded for each pair
     * instead of allocated: a node's neighbours are found among thousands of candidates, each a draw.
     */
    private static final class PairStream implements RandomGenerator {
        private static final long GAMMA = 0x9e3779b97f4a7c15L; // SplittableRandom's GOLDEN_GAMMA
        long seed;

        @Override
        public long nextLong() {
            seed += GAMMA;
            return mix(seed);
        }
    }

    /** Furthest a node at {@code txPowerDbm} can be heard, allowing three standard deviations of shadowing. */
    double maxRangeMetres(double txPowerDbm) {
        double budget = txPowerDbm - (settings.sensitivityDbm() - HEARING_MARGIN_DB) - settings.referenceLossDb()
                + 3 * settings.shadowingSigmaDb();
        return Math.pow(10, budget / (10 * settings.pathLossExponent()));
    }

    boolean audible(double rssiDbm) {
        return rssiDbm >= lowestAudibleDbm;
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
     * Whether a {@code psduLength}-octet frame heard at {@code rssiDbm} is lost, for a uniform {@code draw} in [0, 1):
     * exactly {@code draw < packetErrorRate(rssiDbm, psduLength)}. The rate (an exponential and two powers) falls as
     * the RSSI rises, so the rates at the edges of the RSSI step around {@code rssiDbm}, kept per frame length for
     * the whole medium, decide nearly every draw; the exact rate is computed only for a draw between them.
     */
    boolean packetLost(double rssiDbm, int psduLength, double draw) {
        double position = (rssiDbm - lowestAudibleDbm) / ERROR_STEP_DB;
        int step = (int) position;
        if (position >= 0 && step < ERROR_STEPS - 1) {
            double[] edges = errorEdges(psduLength);
            if (edges != null) {
                double atStepTop = edge(edges, step + 1, psduLength); // the lowest rate within the step
                if (draw < atStepTop * (1 - EDGE_MARGIN)) {
                    return true;
                }
                double atStepBottom = edge(edges, step, psduLength); // the highest
                if (draw >= atStepBottom * (1 + EDGE_MARGIN)) {
                    return false;
                }
            }
        }
        return draw < packetErrorRate(rssiDbm, psduLength);
    }

    /** The rates at the step edges for one frame length, NaN until needed; null beyond the lengths kept. */
    private double[] errorEdges(int psduLength) {
        if (psduLength < 0 || psduLength >= errorEdges.length) {
            return null;
        }
        double[] edges = errorEdges[psduLength];
        if (edges == null) {
            edges = new double[ERROR_STEPS];
            Arrays.fill(edges, Double.NaN);
            errorEdges[psduLength] = edges;
        }
        return edges;
    }

    private double edge(double[] edges, int step, int psduLength) {
        double rate = edges[step];
        if (Double.isNaN(rate)) {
            rate = packetErrorRate(lowestAudibleDbm + step * ERROR_STEP_DB, psduLength);
            edges[step] = rate;
        }
        return rate;
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
