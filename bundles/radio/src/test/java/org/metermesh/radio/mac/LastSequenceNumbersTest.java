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

        assertThat(table.put(source, 200)).isEqualTo(-1);
        assertThat(table.put(source, 200)).isEqualTo(200);
        assertThat(table.put(source, 0)).isEqualTo(200);
        assertThat(table.put(source, 255)).isEqualTo(0);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void aShortAndAnExtendedAddressWithTheSameValueAreDifferentSources() {
        assertThat(table.put(new ShortAddress(0x1234), 1)).isEqualTo(-1);
        assertThat(table.put(new ExtendedAddress(0x1234), 2)).isEqualTo(-1);
        assertThat(table.put(new ShortAddress(0x1234), 3)).isEqualTo(1);
        assertThat(table.put(new ExtendedAddress(0x1234), 4)).isEqualTo(2);
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
            assertThat(table.put(source, sequence)).isEqualTo(previous == null ? -1 : previous);
        }
        assertThat(table.size()).isEqualTo(model.size());
    }

    @Test
    void anAbsentSourceIsRefused() {
        assertThatThrownBy(() -> table.put(MacAddress.NONE, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no source address");
    }
}
