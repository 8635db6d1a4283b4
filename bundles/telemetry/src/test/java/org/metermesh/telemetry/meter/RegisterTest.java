package org.metermesh.telemetry.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.metermesh.telemetry.cosem.ObisCode;

class RegisterTest {

    @Test
    void scalesByThePowerOfTen() {
        Register energy = new Register(ObisCode.ACTIVE_ENERGY_IMPORT, 12345, 0, Unit.WATT_HOUR);
        assertThat(energy.scaledValue()).isEqualByComparingTo("12345");
        Register voltage = new Register(ObisCode.VOLTAGE_L1, 2301, -1, Unit.VOLT);
        assertThat(voltage.scaledValue()).isEqualByComparingTo(new BigDecimal("230.1"));
        assertThat(voltage.doubleValue()).isEqualTo(230.1);
        Register big = new Register(ObisCode.ACTIVE_ENERGY_IMPORT, 42, 3, Unit.WATT_HOUR);
        assertThat(big.scaledValue()).isEqualByComparingTo("42000");
    }

    @Test
    void displaysEnergyAndPowerInKilo() {
        assertThat(new Register(ObisCode.ACTIVE_ENERGY_IMPORT, 12345, 0, Unit.WATT_HOUR).display())
                .isEqualTo("12.345 kWh");
        assertThat(new Register(ObisCode.ACTIVE_POWER_IMPORT, 1500, 0, Unit.WATT).display()).isEqualTo("1.5 kW");
        assertThat(new Register(ObisCode.VOLTAGE_L1, 2301, -1, Unit.VOLT).display()).isEqualTo("230.1 V");
        assertThat(new Register(ObisCode.CURRENT_L1, 512, -2, Unit.AMPERE).display()).isEqualTo("5.12 A");
        assertThat(new Register(ObisCode.parse("0-0:96.15.0"), 7, 0, Unit.COUNT).display()).isEqualTo("7");
    }

    @Test
    void unitsCarryTheBlueBookCodes() {
        assertThat(Unit.WATT_HOUR.code()).isEqualTo(30);
        assertThat(Unit.VAR_HOUR.code()).isEqualTo(32);
        assertThat(Unit.WATT.code()).isEqualTo(27);
        assertThat(Unit.VAR.code()).isEqualTo(29);
        assertThat(Unit.VOLT.code()).isEqualTo(35);
        assertThat(Unit.AMPERE.code()).isEqualTo(33);
        assertThat(Unit.HERTZ.code()).isEqualTo(44);
        assertThat(Unit.COUNT.code()).isEqualTo(255);
        assertThat(Unit.ofCode(35)).isEqualTo(Unit.VOLT);
        assertThat(Unit.ofCode(3)).isNull();
    }

    @Test
    void scalerIsInteger8() {
        assertThatThrownBy(() -> new Register(ObisCode.VOLTAGE_L1, 1, 128, Unit.VOLT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
