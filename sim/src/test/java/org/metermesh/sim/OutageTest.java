package org.metermesh.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class OutageTest {

    @Test
    void parsesStreetStartAndLength() {
        assertThat(Outage.parse(" 2@5m+1m ")).isEqualTo(new Outage(2, Duration.ofMinutes(5), Duration.ofMinutes(1)));
        assertThat(Outage.parse("-1@90s+1h30m")).isEqualTo(new Outage(-1, Duration.ofSeconds(90),
                Duration.ofMinutes(90)));
    }

    @Test
    void refusesAnythingElseNamingTheForm() {
        for (String bad : new String[] {"2@5m", "@5m+1m", "2+1m", "x@5m+1m", "2@5m+", "2@five+1m"}) {
            assertThatThrownBy(() -> Outage.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("outage '" + bad + "' is not STREET@START+LENGTH, e.g. 2@5m+1m");
        }
    }

    @Test
    void aStreetIsABandOfTheStreetGrid() {
        assertThat(Neighbourhood.street(new org.metermesh.radio.medium.Position(40, 15))).isZero();
        assertThat(Neighbourhood.street(new org.metermesh.radio.medium.Position(-40, 115))).isEqualTo(1);
        assertThat(Neighbourhood.street(new org.metermesh.radio.medium.Position(0, -85))).isEqualTo(-1);
    }
}
