package org.metermesh.launcher.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.metermesh.launcher.internal.TestDefinitions.ad;
import static org.metermesh.launcher.internal.TestDefinitions.ocd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

class RunConfigurationTest {

    private static final Map<String, ObjectClassDefinition> DEFINITIONS = Map.of(
            "org.metermesh.radio", ocd("org.metermesh.radio", ad("channel", AttributeDefinition.INTEGER, 0, 0, 128)),
            "org.metermesh.rpl", ocd("org.metermesh.rpl",
                    ad("dio.interval.min", AttributeDefinition.INTEGER, 0, 1, 24),
                    ad("instance.id", AttributeDefinition.INTEGER, 0, 0, 127)),
            "org.metermesh.sim", ocd("org.metermesh.sim", ad("meters", AttributeDefinition.INTEGER, 0, 0, 10000),
                    ad("profile", AttributeDefinition.STRING, 0, null, null)));

    @TempDir
    Path dir;

    private Path file(String name, String yaml) throws Exception {
        Path path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, yaml);
    }

    private Path config() throws Exception {
        return file("mesh-config.yaml", "radio:\n  channel: 17\nrpl:\n  dio.interval.min: 14\n  instance.id: 3\n");
    }

    @Test
    void withoutMetersTheRadioIsConfiguredAndTheSimulatedNeighbourhoodIsNot() throws Exception {
        Map<String, Hashtable<String, Object>> plan = RunConfiguration.plan(config(), dir.resolve("profiles"), null,
                null, DEFINITIONS);

        assertThat(plan).containsOnlyKeys("org.metermesh.radio", "org.metermesh.rpl");
        assertThat(RunConfiguration.simulatedMeters(plan)).isZero();
    }

    @Test
    void metersReplaceTheRadioWithTheSimulatedNeighbourhood() throws Exception {
        Map<String, Hashtable<String, Object>> plan = RunConfiguration.plan(config(), dir.resolve("profiles"), null,
                "10", DEFINITIONS);

        assertThat(plan).containsOnlyKeys("org.metermesh.sim", "org.metermesh.rpl");
        assertThat(plan.get("org.metermesh.sim")).containsEntry("meters", 10);
        assertThat(RunConfiguration.simulatedMeters(plan)).isEqualTo(10);
    }

    @Test
    void zeroMetersIsTheGatewayAloneOnItsRadio() throws Exception {
        Map<String, Hashtable<String, Object>> plan = RunConfiguration.plan(config(), dir.resolve("profiles"), null,
                "0", DEFINITIONS);

        assertThat(plan).containsKey("org.metermesh.radio").doesNotContainKey("org.metermesh.sim");
    }

    @Test
    void theProfileOverlayReplacesTheFilesKeysAndKeepsTheOthers() throws Exception {
        file("profiles/demo.yaml", "rpl:\n  dio.interval.min: 11\nsim:\n  profile: demo\n");

        Map<String, Hashtable<String, Object>> plan = RunConfiguration.plan(config(), dir.resolve("profiles"), "demo",
                "200", DEFINITIONS);

        assertThat(plan.get("org.metermesh.rpl")).containsEntry("dio.interval.min", 11).containsEntry("instance.id", 3);
        assertThat(plan.get("org.metermesh.sim")).containsEntry("profile", "demo").containsEntry("meters", 200);
    }

    @Test
    void anErrorInTheOverlayNamesTheOverlay() throws Exception {
        Path overlay = file("profiles/demo.yaml", "rpl:\n  dio.interval.min: 30\n");

        assertThatThrownBy(() -> RunConfiguration.plan(config(), dir.resolve("profiles"), "demo", null, DEFINITIONS))
                .isInstanceOf(MeshConfigException.class)
                .hasMessage(overlay + ":2: rpl.dio.interval.min: value 30 rejected: greater than maximum");
    }

    @Test
    void anErrorInTheBaseFileIsFoundEvenWhenTheOverlaySetsTheSameKey() throws Exception {
        Path config = file("mesh-config.yaml", "rpl:\n  dio.interval.min: 99\n");
        file("profiles/demo.yaml", "rpl:\n  dio.interval.min: 11\n");

        assertThatThrownBy(() -> RunConfiguration.plan(config, dir.resolve("profiles"), "demo", null, DEFINITIONS))
                .hasMessage(config + ":2: rpl.dio.interval.min: value 99 rejected: greater than maximum");
    }

    @Test
    void anUnknownProfileIsRefusedByName() throws Exception {
        Path config = config();

        assertThatThrownBy(() -> RunConfiguration.plan(config, dir.resolve("profiles"), "lab", null, DEFINITIONS))
                .hasMessage("--profile: no profile 'lab' (" + dir.resolve("profiles/lab.yaml")
                        + " is not a readable file)");
    }

    @Test
    void aProfileNameCannotReachOutsideTheProfilesDirectory() throws Exception {
        Path config = config();

        assertThatThrownBy(() -> RunConfiguration.plan(config, dir.resolve("profiles"), "../mesh-config", null,
                DEFINITIONS)).hasMessageStartingWith("--profile: '../mesh-config' is not a profile name");
    }

    @Test
    void aBadMeterCountNamesTheOption() throws Exception {
        Path config = config();

        assertThatThrownBy(() -> RunConfiguration.plan(config, dir.resolve("profiles"), null, "-1", DEFINITIONS))
                .hasMessage("--meters: sim.meters: value -1 rejected: lower than minimum");
        assertThatThrownBy(() -> RunConfiguration.plan(config, dir.resolve("profiles"), null, "many", DEFINITIONS))
                .hasMessage("--meters: sim.meters: 'many' is not an integer");
    }
}
