package org.metermesh.radio.phy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ChannelHoppingTest {

    private static final ChannelPlan PLAN = ChannelPlan.sunFskNorthAmerica(150);
    private static final ChannelHopping HOPPING = ChannelHopping.wiSun(PLAN, 0xcafe);
    private static final long MS = 1_000_000;

    @Test
    void theBroadcastWindowOpensAtTheStartOfEveryInterval() {
        assertThat(HOPPING.inBroadcastWindow(0)).isTrue();
        assertThat(HOPPING.inBroadcastWindow(254 * MS)).isTrue();
        assertThat(HOPPING.inBroadcastWindow(255 * MS)).isFalse();
        assertThat(HOPPING.inBroadcastWindow(1019 * MS)).isFalse();
        assertThat(HOPPING.inBroadcastWindow(1020 * MS)).isTrue();
        assertThat(HOPPING.untilBroadcastWindow(100 * MS)).isZero();
        assertThat(HOPPING.untilBroadcastWindow(300 * MS)).isEqualTo(720 * MS);
        assertThat(HOPPING.untilBroadcastWindow(1019 * MS)).isEqualTo(MS);
        assertThat(HOPPING.untilWindowCloses(100 * MS)).isEqualTo(155 * MS);
        assertThat(HOPPING.untilWindowCloses(1020 * MS)).isEqualTo(255 * MS);
        assertThat(HOPPING.untilWindowCloses(300 * MS)).isZero();
    }

    @Test
    void inTheWindowEveryNodeListensOnTheBroadcastChannel() {
        for (long t = 0; t < 20 * 1020 * MS; t += 1020 * MS) {
            int broadcast = HOPPING.broadcastChannel(t + 5 * MS);
            for (long node = 1; node < 50; node++) {
                assertThat(HOPPING.listeningChannel(node, t + 5 * MS)).isEqualTo(broadcast);
            }
        }
    }

    @Test
    void outsideTheWindowNodesSpreadOverThePlanAndChangeChannelEveryDwell() {
        Set<Integer> used = new HashSet<>();
        int same = 0;
        for (long node = 1; node <= 200; node++) {
            // Unicast dwells are 510-765 ms and 765-1020 ms of the first interval.
            int first = HOPPING.listeningChannel(node, 510 * MS);
            int next = HOPPING.listeningChannel(node, 765 * MS);
            assertThat(HOPPING.listeningChannel(node, 764 * MS)).as("within one dwell").isEqualTo(first);
            assertThat(first).isBetween(PLAN.firstChannel(), PLAN.lastChannel());
            used.add(first);
            if (first == next) {
                same++;
            }
        }
        assertThat(used).as("200 nodes over 129 channels").hasSizeGreaterThan(70);
        assertThat(same).as("a dwell later almost every node is elsewhere").isLessThan(10);
    }

    @Test
    void theBroadcastSequenceDependsOnThePan() {
        ChannelHopping otherPan = ChannelHopping.wiSun(PLAN, 0xbeef);
        int differing = 0;
        for (long interval = 0; interval < 50; interval++) {
            if (HOPPING.broadcastChannel(interval * 1020 * MS) != otherPan.broadcastChannel(interval * 1020 * MS)) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThan(40);
    }

    @Test
    void aWindowAsLongAsItsIntervalIsRefused() {
        assertThatThrownBy(() -> new ChannelHopping(PLAN, 255 * MS, 1020 * MS, 1020 * MS, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broadcast window");
        assertThatThrownBy(() -> new ChannelHopping(PLAN, 0, 1020 * MS, 255 * MS, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
