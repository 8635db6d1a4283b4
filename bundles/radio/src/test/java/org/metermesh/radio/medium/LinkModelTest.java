package org.metermesh.radio.medium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LinkModelTest {

    private final LinkModel model = new LinkModel(MediumSettings.suburban(3));

    @Test
    void aLossIsDecidedExactlyAsTheLinksErrorRateSaysForAnyRssiLengthAndDraw() {
        SplittableRandom random = new SplittableRandom(11);
        // An acknowledgement, short and long frames, the longest PSDU, and lengths whose rates the model does not keep.
        int[] lengths = {5, 7, 20, 61, 127, 400, 2047, 2048, 2100};
        int lost = 0;
        for (int i = 0; i < 200_000; i++) {
            double rssi = -110 + random.nextDouble() * 100; // from the edge of audibility to 90 dB above it
            int length = lengths[random.nextInt(lengths.length)];
            double rate = model.packetErrorRate(rssi, length);
            // A draw anywhere, and draws at the exact rate and one step either side of it.
            for (double draw : new double[] {random.nextDouble(), rate, Math.nextDown(rate), Math.nextUp(rate)}) {
                if (draw >= 1) {
                    continue;
                }
                boolean expected = draw < rate;
                assertThat(model.packetLost(rssi, length, draw))
                        .as("rssi %s dBm, %d octets, draw %s against rate %s", rssi, length, draw, rate)
                        .isEqualTo(expected);
                lost += expected ? 1 : 0;
            }
        }
        assertThat(lost).as("the sample holds losses and deliveries alike").isBetween(100_000, 700_000);
    }

    @Test
    void shadowingIsTheSeededGaussianOfThePairTheSameInBothDirections() {
        MediumSettings settings = MediumSettings.suburban(3);
        SplittableRandom pairs = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            int a = pairs.nextInt(1 << 20);
            int b = pairs.nextInt(1 << 20);
            double distance = 1 + pairs.nextDouble() * 2000;
            long pair = ((long) Math.min(a, b) << 32) | Math.max(a, b);
            double expected = settings.referenceLossDb() + 10 * settings.pathLossExponent() * Math.log10(distance)
                    + settings.shadowingSigmaDb()
                            * new SplittableRandom(settings.seed() ^ LinkModel.mix(pair)).nextGaussian();
            assertThat(model.pathLossDb(a, b, distance)).isEqualTo(expected);
            assertThat(model.pathLossDb(b, a, distance)).isEqualTo(expected);
        }
    }

    @Test
    void theErrorRateFallsAsTheSignalRises() {
        for (int length : new int[] {5, 20, 127, 2047}) {
            double previous = 1;
            for (double rssi = -110; rssi <= 0; rssi += 1.0 / 64) {
                double rate = model.packetErrorRate(rssi, length);
                assertThat(rate).as("%d octets at %s dBm", length, rssi).isLessThanOrEqualTo(previous);
                previous = rate;
            }
        }
    }
}
