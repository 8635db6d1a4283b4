package org.metermesh.rpl.of;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.metermesh.rpl.message.RplOption.DodagConfiguration;

class ObjectiveFunctionsTest {

    private static DodagConfiguration config(int ocp, int minHop) {
        return new DodagConfiguration(false, 0, 8, 12, 10, 1024, minHop, ocp, 120, 60);
    }

    @Test
    void picksTheObjectiveFunctionTheRootAdvertises() {
        assertThat(ObjectiveFunctions.forConfiguration(config(0, 256))).get().isInstanceOf(Of0.class)
                .extracting(ObjectiveFunction::minHopRankIncrease).isEqualTo(256);
        assertThat(ObjectiveFunctions.forConfiguration(config(1, 128))).get().isInstanceOf(Mrhof.class)
                .extracting(ObjectiveFunction::maxRankIncrease).isEqualTo(1024);
    }

    @Test
    void metersRunMrhofWithAThreeTransmissionSwitchThreshold() {
        assertThat(ObjectiveFunctions.forConfiguration(config(1, 128))).get()
                .extracting(ObjectiveFunction::switchThreshold).isEqualTo(3 * Etx.ONE);
        assertThat(new Mrhof(128, 1024).switchThreshold()).isEqualTo(Mrhof.PARENT_SWITCH_THRESHOLD);
    }

    @Test
    void refusesUnknownOcpsAndAZeroMinHopRankIncrease() {
        assertThat(ObjectiveFunctions.forConfiguration(config(2, 128))).isEmpty();
        assertThat(ObjectiveFunctions.forConfiguration(config(1, 0))).isEmpty();
    }

    @Test
    void meterMeshMrhofDefaults() {
        Mrhof m = Mrhof.meterMeshDefaults();
        assertThat(m.minHopRankIncrease()).isEqualTo(128);
        assertThat(m.maxRankIncrease()).isEqualTo(1024);
    }
}
