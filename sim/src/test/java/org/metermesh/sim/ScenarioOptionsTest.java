package org.metermesh.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.metermesh.rpl.message.RplMessage.Dio;

class ScenarioOptionsTest {

    @Test
    void readsEveryOption() {
        ScenarioOptions options = ScenarioOptions.parse("--meters", "1000", "--seed", "7", "--sim-time", "1h30m",
                "--layout", "random", "--density", "2500", "--loss", "0.05", "--pcap", "gw.pcap", "--report",
                "r.json", "--kill", "17@20m", "--cut", "0-3@10m");

        assertThat(options.meters()).isEqualTo(1000);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.simTime()).isEqualTo(Duration.ofMinutes(90));
        assertThat(options.layout()).isEqualTo(Neighbourhood.Layout.RANDOM);
        assertThat(options.density()).isEqualTo(2500);
        assertThat(options.extraLoss()).isEqualTo(0.05);
        assertThat(options.pcap()).isEqualTo(Path.of("gw.pcap"));
        assertThat(options.report()).isEqualTo(Path.of("r.json"));
        assertThat(options.kills()).containsExactly(new ScenarioOptions.Kill(17, Duration.ofMinutes(20)));
        assertThat(options.cuts()).containsExactly(new ScenarioOptions.Cut(0, 3, Duration.ofMinutes(10)));
    }

    @Test
    void defaultsAreAnHourOfASuburbWithSeedOne() {
        ScenarioOptions options = ScenarioOptions.parse("--meters", "10");

        assertThat(options.seed()).isEqualTo(1);
        assertThat(options.simTime()).isEqualTo(Duration.ofHours(1));
        assertThat(options.layout()).isEqualTo(Neighbourhood.Layout.STREETS);
        assertThat(options.kills()).isEmpty();
        assertThat(options.mop()).isEqualTo(Dio.MOP_NON_STORING);
        assertThat(options.hopping()).as("channel hopping unless asked otherwise").isTrue();
    }

    @Test
    void storingModeIsChosenByName() {
        assertThat(ScenarioOptions.parse("--meters", "10", "--mop", "storing").mop())
                .isEqualTo(Dio.MOP_STORING_NO_MULTICAST);
        assertThat(ScenarioOptions.parse("--meters", "10", "--mop", "non-storing").mop())
                .isEqualTo(Dio.MOP_NON_STORING);
        assertThat(ScenarioOptions.parse("--meters", "10", "--channels", "single").hopping()).isFalse();
        assertThat(ScenarioOptions.parse("--meters", "10", "--channels", "hopping").hopping()).isTrue();
        assertThatThrownBy(() -> ScenarioOptions.parse("--meters", "10", "--channels", "17"))
                .hasMessage("--channels '17' is not hopping or single");
        assertThatThrownBy(() -> ScenarioOptions.parse("--meters", "10", "--mop", "3"))
                .hasMessage("--mop '3' is not non-storing or storing");
    }

    @Test
    void badInputIsNamedPrecisely() {
        assertThatThrownBy(() -> ScenarioOptions.parse()).hasMessage("--meters is required");
        assertThatThrownBy(() -> ScenarioOptions.parse("--meters", "ten"))
                .hasMessage("--meters 'ten' is not a whole number");
        assertThatThrownBy(() -> ScenarioOptions.parse("--meters", "10", "--sim-time", "soon"))
                .hasMessage("'soon' is not a duration like 90s, 15m, 1h or 1h30m");
        assertThatThrownBy(() -> ScenarioOptions.parse("--meters", "10", "--loss", "2"))
                .hasMessage("--loss must be between 0 and 1: 2");
        assertThatThrownBy(() -> ScenarioOptions.parse("--meters", "10", "--kill", "11@1m"))
                .hasMessage("--kill names node 11, but nodes are 1..10");
        assertThatThrownBy(() -> ScenarioOptions.parse("--meters", "10", "--frobnicate", "1"))
                .hasMessage("unknown option '--frobnicate'");
        assertThatThrownBy(() -> ScenarioOptions.parse("--meters")).hasMessage("--meters needs a value");
    }
}
