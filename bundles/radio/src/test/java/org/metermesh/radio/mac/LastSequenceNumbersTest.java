package org.metermesh.radio.mac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.junit.jupiter.api.Test;

class LastSequenceNumbersTest {

    private final LastSequenceNumbers table = new LastSequenceNumbers();

    @Test
    void aNewSourceHasNoPreviousSequenceThenItsLastOne() {
        ExtendedAddress source = new ExtendedAddress(0x02004d6d00000007L);

        assertThat(table.put(source, 200, 0)).isEqualTo(-1);
        assertThat(table.put(source, 200, 0)).isEqualTo(200);
        assertThat(table.put(source, 0, 0)).isEqualTo(200);
        assertThat(table.put(source, 255, 0)).isEqualTo(0);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void aShortAndAnExtendedAddressWithTheSameValueAreDifferentSources() {
        assertThat(table.put(new ShortAddress(0x1234), 1, 0)).isEqualTo(-1);
        assertThat(table.put(new ExtendedAddress(0x1234), 2, 0)).isEqualTo(-1);
        assertThat(table.put(new ShortAddress(0x1234), 3, 0)).isEqualTo(1);
        assertThat(table.put(new ExtendedAddress(0x1234), 4, 0)).isEqualTo(2);
    }

    @Test
    void agreesWithAMapOverThousandsOfSourcesThroughGrowth() {
        Map<MacAddress, Integer> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 50_000; i++) {
            MacAddress source = random.nextBoolean()
                    ? new ExtendedAddress(0x02004d6d00000000L + random.nextInt(3_000))
                    : new ShortAddress(random.nextInt(3_000));
            int sequence = random.nextInt(256);
            Integer previous = model.put(source, sequence);
            assertThat(table.put(source, sequence, i)).isEqualTo(previous == null ? -1 : previous);
        }
        assertThat(table.size()).isEqualTo(model.size());
    }

    @Test
    void aRecordCountsForTwentySecondsOnly() {
        ShortAddress source = new ShortAddress(0x0042);
        long age = LastSequenceNumbers.MAX_AGE_NANOS;

        assertThat(table.put(source, 9, 1_000)).isEqualTo(-1);
        assertThat(table.put(source, 9, 1_000 + age)).as("just within the age").isEqualTo(9);
        assertThat(table.put(source, 9, 1_001 + 2 * age)).as("silent for longer: wrapped around, not a repeat")
                .isEqualTo(-1);
        assertThat(table.put(source, 10, 2 + 2 * age)).as("the record was renewed by the frame before")
                .isEqualTo(9);
    }

    @Test
    void sourcesSilentForTwentySecondsGiveWayInsteadOfGrowingTheTable() {
        long second = 1_000_000_000L;
        for (int minute = 0; minute < 60; minute++) {
            for (int k = 0; k < 20; k++) { // twenty new sources every minute, each heard once
                table.put(new ShortAddress(minute * 20 + k), k, minute * 60 * second + k);
            }
        }
        assertThat(table.size()).as("at most the last minute's sources, plus those not yet dropped")
                .isLessThanOrEqualTo(40);
    }

    @Test
    void anAbsentSourceIsRefused() {
        assertThatThrownBy(() -> table.put(MacAddress.NONE, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no source address");
    }
}
