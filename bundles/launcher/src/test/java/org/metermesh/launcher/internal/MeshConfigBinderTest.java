package org.metermesh.launcher.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.metermesh.launcher.internal.TestDefinitions.parse;

import java.util.Hashtable;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MeshConfigBinderTest {

    private final MeshConfigBinder binder = new MeshConfigBinder("mesh-config.yaml", TestDefinitions.radioAndRpl());

    @Test
    void bindsTypedValuesAndGivesEveryKnownPidAConfiguration() throws Exception {
        Map<String, Hashtable<String, Object>> plan = binder.bind(parse("""
                radio:
                  pan.id: 0xcafe
                  channel: 17
                  extended.address: 02004d6d00000001
                rpl:
                  storing.mode: false
                  lifetime.s: 3600
                  prefixes: [fd00::/64]
                """));

        assertThat(plan).containsOnlyKeys("org.metermesh.radio", "org.metermesh.rpl");
        assertThat(plan.get("org.metermesh.radio")).containsEntry("pan.id", 0xcafe).containsEntry("channel", 17)
                .containsEntry("extended.address", "02004d6d00000001");
        assertThat(plan.get("org.metermesh.rpl")).containsEntry("storing.mode", false)
                .containsEntry("lifetime.s", 3600L);
        assertThat((String[]) plan.get("org.metermesh.rpl").get("prefixes")).containsExactly("fd00::/64");
    }

    @Test
    void anEmptyListBindsToAnEmptyArrayOfTheAttributesType() throws Exception {
        Map<String, Hashtable<String, Object>> plan = binder.bind(parse("rpl:\n  prefixes: []\n"));

        assertThat(plan.get("org.metermesh.rpl").get("prefixes")).isInstanceOf(String[].class)
                .isEqualTo(new String[0]);
    }

    @Test
    void sectionsLeftOutStillGetAnEmptyConfigurationSoTheirDefaultsApply() throws Exception {
        Map<String, Hashtable<String, Object>> plan = binder.bind(parse("radio:\n  channel: 11\n"));

        assertThat(plan.get("org.metermesh.rpl")).isEmpty();
    }

    @Test
    void unknownSectionIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> binder.bind(parse("radoi:\n  channel: 3\n")))
                .hasMessage("mesh-config.yaml:1: radoi: unknown section; known sections: radio, rpl");
    }

    @Test
    void unknownPropertyIsRefusedWithTheSectionsProperties() {
        assertThatThrownBy(() -> binder.bind(parse("radio:\n  chanel: 3\n")))
                .hasMessage("mesh-config.yaml:2: radio.chanel: unknown property; radio has: pan.id, channel, "
                        + "extended.address");
    }

    @Test
    void valueOutOfBoundsIsRefused() {
        assertThatThrownBy(() -> binder.bind(parse("radio:\n  pan.id: 0x1cafe\n")))
                .hasMessage("mesh-config.yaml:2: radio.pan.id: value 0x1cafe rejected: greater than maximum");
    }

    @Test
    void valueOfTheWrongTypeIsRefused() {
        assertThatThrownBy(() -> binder.bind(parse("radio:\n  channel: eleven\n")))
                .hasMessage("mesh-config.yaml:2: radio.channel: 'eleven' is not an integer");
        assertThatThrownBy(() -> binder.bind(parse("rpl:\n  storing.mode: maybe\n")))
                .hasMessage("mesh-config.yaml:2: rpl.storing.mode: 'maybe' is not true or false");
        assertThatThrownBy(() -> binder.bind(parse("radio:\n  channel: 99999999999\n")))
                .hasMessage("mesh-config.yaml:2: radio.channel: '99999999999' is not an integer (out of range)");
    }

    @Test
    void listsOnlyWhereTheAttributeTakesSeveralValues() {
        assertThatThrownBy(() -> binder.bind(parse("radio:\n  channel: [11, 12]\n")))
                .hasMessage("mesh-config.yaml:2: radio.channel: takes a single value, not a list");
        assertThatThrownBy(() -> binder.bind(parse("rpl:\n  prefixes: [a, b, c, d, e]\n")))
                .hasMessage("mesh-config.yaml:2: rpl.prefixes: at most 4 values allowed, found 5");
    }

    @Test
    void theFirstErrorStopsTheWholeFile() {
        assertThatThrownBy(() -> binder.bind(parse("radio:\n  channel: 11\nrpl:\n  trickle.k: 300\n")))
                .hasMessageContaining("rpl.trickle.k");
    }
}
