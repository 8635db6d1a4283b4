package org.metermesh.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.metermesh.telemetry.meter.WarningType;

class ScriptedWarningTest {

    @Test
    void parsesMeterTypeAndStart() {
        assertThat(ScriptedWarning.parse(" 17:tamper_cover@2m ")).isEqualTo(new ScriptedWarning(17,
                WarningType.TAMPER_COVER, Duration.ofMinutes(2)));
        assertThat(ScriptedWarning.parse("5:OVER_VOLTAGE@90s").type()).isEqualTo(WarningType.OVER_VOLTAGE);
    }

    @Test
    void refusesAnythingElseNamingTheForm() {
        for (String bad : new String[] {"17:tamper_cover", ":tamper_cover@2m", "17@2m", "17:smoke@2m",
            "x:tamper_tilt@2m", "17:tamper_tilt@"}) {
            assertThatThrownBy(() -> ScriptedWarning.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("warning '" + bad + "' is not METER:TYPE@START, e.g. 17:tamper_cover@2m");
        }
    }
}
