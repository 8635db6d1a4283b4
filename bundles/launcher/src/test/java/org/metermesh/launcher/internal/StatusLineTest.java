package org.metermesh.launcher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class StatusLineTest {

    @Test
    void showsTheRoutedMetersOfTheSimulatedOnesWithABar() {
        assertThat(StatusLine.render(Map.of("meters.routed", 143L, "meters.attached", 150L, "meters.total", 200L,
                "published", 1234L, "queue", 0L)))
                .isEqualTo("meters joined 143/200 [" + "#".repeat(21) + ".".repeat(9) + "] | published 1234 | queue 0");
    }

    @Test
    void withoutAnRplRootTheAttachedMetersCount() {
        assertThat(StatusLine.render(Map.of("meters.attached", 200L, "meters.total", 200L)))
                .isEqualTo("meters joined 200/200 [" + "#".repeat(30) + "]");
    }

    @Test
    void partsNobodyReportsAreLeftOut() {
        assertThat(StatusLine.render(Map.of("meters.routed", 0L))).isEqualTo("meters joined 0");
        assertThat(StatusLine.render(Map.of("queue", 7L))).isEqualTo("queue 7");
        assertThat(StatusLine.render(Map.of())).isNull();
    }

    @Test
    void aStaleRouteToAMeterNoLongerSimulatedDoesNotOverfillTheBar() {
        assertThat(StatusLine.render(Map.of("meters.routed", 12L, "meters.total", 10L)))
                .isEqualTo("meters joined 12/10 [" + "#".repeat(30) + "]");
    }
}
