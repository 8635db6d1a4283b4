package org.metermesh.launcher.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.metermesh.launcher.internal.TestDefinitions.parse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshConfigFileTest {

    @Test
    void readsSectionsPropertiesListsAndLines() throws Exception {
        List<MeshConfigFile.Setting> settings = parse("""
                # comment
                radio:
                  pan.id: 0xcafe
                  channel: 17
                rpl:
                  prefixes: [fd00::/64, fd01::/64]
                """);

        assertThat(settings).containsExactly(
                new MeshConfigFile.Setting("radio", 2, "pan.id", List.of("0xcafe"), false, 3),
                new MeshConfigFile.Setting("radio", 2, "channel", List.of("17"), false, 4),
                new MeshConfigFile.Setting("rpl", 5, "prefixes", List.of("fd00::/64", "fd01::/64"), true, 6));
    }

    @Test
    void anEmptyFileOrEmptySectionConfiguresNothing() throws Exception {
        assertThat(parse("")).isEmpty();
        assertThat(parse("radio:\n")).isEmpty();
    }

    @Test
    void invalidYamlNamesTheLine() {
        assertThatThrownBy(() -> parse("radio:\n  channel: [1\n"))
                .isInstanceOf(MeshConfigException.class)
                .hasMessageStartingWith("mesh-config.yaml:3: not valid YAML: expected ',' or ']'");
    }

    @Test
    void aTopLevelThatIsNotAMappingIsRefused() {
        assertThatThrownBy(() -> parse("- radio\n- rpl\n"))
                .hasMessage("mesh-config.yaml:1: the top level must map section names to settings");
    }

    @Test
    void aSectionThatIsNotAMappingIsRefused() {
        assertThatThrownBy(() -> parse("radio: 17\n"))
                .hasMessage("mesh-config.yaml:1: radio: a section must map property names to values");
    }

    @Test
    void aNestedMappingAsValueIsRefused() {
        assertThatThrownBy(() -> parse("radio:\n  channel:\n    plan: sun\n"))
                .hasMessage("mesh-config.yaml:3: radio.channel: expected a value or a list of values, found a mapping");
    }

    @Test
    void duplicateSectionsAndPropertiesAreRefused() {
        assertThatThrownBy(() -> parse("radio:\n  channel: 1\nradio:\n  channel: 2\n"))
                .hasMessage("mesh-config.yaml:3: radio: section appears twice");
        assertThatThrownBy(() -> parse("radio:\n  channel: 1\n  channel: 2\n"))
                .hasMessage("mesh-config.yaml:3: radio.channel: property appears twice");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> MeshConfigFile.read(missing))
                .hasMessageStartingWith(missing + ": cannot read");
    }

    @Test
    void theShippedDefaultFileParses() throws Exception {
        Path shipped = Path.of("../../mesh-config.yaml");
        assertThat(Files.exists(shipped)).as("mesh-config.yaml at the repository root").isTrue();

        assertThat(MeshConfigFile.read(shipped)).extracting(MeshConfigFile.Setting::section)
                .contains("platform.state", "radio", "rpl", "telemetry");
    }
}
