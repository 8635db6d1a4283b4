package org.metermesh.telemetry.cosem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObisCodeTest {

    @Test
    void parsesTheFullForm() {
        assertThat(ObisCode.parse("1-0:1.8.0.255")).isEqualTo(new ObisCode(1, 0, 1, 8, 0, 255));
    }

    @Test
    void groupFDefaultsTo255() {
        assertThat(ObisCode.parse("1-0:1.8.0")).isEqualTo(ObisCode.ACTIVE_ENERGY_IMPORT);
        assertThat(ObisCode.parse("0-0:96.3.10")).isEqualTo(ObisCode.DISCONNECT_CONTROL);
    }

    @Test
    void printsAllSixGroups() {
        assertThat(ObisCode.ACTIVE_ENERGY_IMPORT).hasToString("1-0:1.8.0.255");
        assertThat(ObisCode.parse(ObisCode.VOLTAGE_L1.toString())).isEqualTo(ObisCode.VOLTAGE_L1);
    }

    @Test
    void bytesRoundTrip() {
        assertThat(ObisCode.CLOCK.toBytes()).containsExactly(0, 0, 1, 0, 0, 0xFF);
        assertThat(ObisCode.fromBytes(ObisCode.CURRENT_L1.toBytes())).isEqualTo(ObisCode.CURRENT_L1);
    }

    @Test
    void constantsMatchTheirStandardNames() {
        assertThat(ObisCode.ACTIVE_ENERGY_EXPORT).hasToString("1-0:2.8.0.255");
        assertThat(ObisCode.ACTIVE_POWER_IMPORT).hasToString("1-0:1.7.0.255");
        assertThat(ObisCode.CURRENT_L1).hasToString("1-0:31.7.0.255");
        assertThat(ObisCode.METER_SERIAL).hasToString("0-0:96.1.0.255");
        assertThat(ObisCode.ALARM_REGISTER).hasToString("0-0:97.98.0.255");
        assertThat(ObisCode.STANDARD_EVENT_LOG).hasToString("0-0:99.98.0.255");
    }

    @Test
    void rejectsMalformedText() {
        assertThatThrownBy(() -> ObisCode.parse("1-0:1.8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObisCode.parse("1.0.1.8.0.255")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObisCode.parse("1-0:256.8.0")).hasMessageContaining("group C");
        assertThatThrownBy(() -> ObisCode.fromBytes(new byte[5])).hasMessageContaining("6 octets");
    }
}
