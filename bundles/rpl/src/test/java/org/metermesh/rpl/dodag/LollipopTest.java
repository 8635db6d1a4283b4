package org.metermesh.rpl.dodag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 6550 7.2 lollipop counters. */
class LollipopTest {

    @Test
    void incrementClimbsTheStickThenCirclesTheCandy() {
        assertThat(Lollipop.INIT).isEqualTo(240);
        assertThat(Lollipop.increment(240)).isEqualTo(241);
        assertThat(Lollipop.increment(255)).isZero();
        assertThat(Lollipop.increment(126)).isEqualTo(127);
        assertThat(Lollipop.increment(127)).isZero();
    }

    @Test
    void stickAgainstCircle() {
        // Rule 1: a freshly initialised counter (stick) beats a long-lived circular value...
        assertThat(Lollipop.compare(240, 20)).isEqualTo(1);
        // ...unless the circular value has just left the stick (within SEQUENCE_WINDOW of the wrap).
        assertThat(Lollipop.compare(255, 0)).isEqualTo(-1);
        assertThat(Lollipop.compare(250, 5)).isEqualTo(-1);
        assertThat(Lollipop.compare(5, 250)).isEqualTo(1);
    }

    @Test
    void sameRegion() {
        assertThat(Lollipop.compare(241, 240)).isEqualTo(1);
        assertThat(Lollipop.compare(240, 241)).isEqualTo(-1);
        assertThat(Lollipop.compare(17, 1)).isEqualTo(1);
        assertThat(Lollipop.compare(2, 126)).isEqualTo(1);           // wrapped around the circle
        assertThat(Lollipop.compare(126, 2)).isEqualTo(-1);
        assertThat(Lollipop.compare(7, 7)).isZero();
    }

    @Test
    void farApartValuesAreNotComparable() {
        assertThat(Lollipop.compare(50, 10)).isEqualTo(Lollipop.INCOMPARABLE);
        assertThat(Lollipop.compare(200, 250)).isEqualTo(Lollipop.INCOMPARABLE);
        assertThat(Lollipop.greaterThan(50, 10)).isFalse();
        assertThat(Lollipop.greaterThan(10, 50)).isFalse();
    }

    @Test
    void everyIncrementIsNewer() {
        int v = Lollipop.INIT;
        for (int i = 0; i < 600; i++) {
            int next = Lollipop.increment(v);
            assertThat(Lollipop.greaterThan(next, v)).as("%d after %d", next, v).isTrue();
            assertThat(Lollipop.compare(v, next)).isEqualTo(-1);
            v = next;
        }
    }

    @Test
    void rejectsValuesOutsideAnOctet() {
        assertThatThrownBy(() -> Lollipop.increment(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lollipop.compare(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
