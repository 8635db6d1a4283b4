package org.metermesh.telemetry.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentNotificationsTest {

    private static final MeterId A = new MeterId(1);
    private static final MeterId B = new MeterId(2);

    @Test
    void aNumberIsARepeatWhileItIsAmongTheMetersLastSixteen() {
        RecentNotifications recent = new RecentNotifications();
        recent.stored(A, 7);
        for (int n = 8; n < 8 + RecentNotifications.REMEMBERED - 1; n++) {
            recent.stored(A, n);
        }
        assertThat(recent.seen(A, 7)).isTrue();
        assertThat(recent.seen(B, 7)).as("another meter's number").isFalse();

        recent.stored(A, 100);                                       // the seventeenth: 7 is forgotten
        assertThat(recent.seen(A, 7)).isFalse();
        assertThat(recent.seen(A, 8)).isTrue();
        assertThat(recent.seen(A, 100)).isTrue();
    }
}
