package org.metermesh.platform.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.metermesh.api.state.StateMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvStateStoreTest {

    @TempDir
    Path dir;

    @Test
    void putGetRemoveAndKeysInOrder() {
        try (MvStateStore store = MvStateStore.open(dir.resolve("s.mv"), 0)) {
            StateMap routes = store.map("rpl.routes");
            routes.put("meter-2", bytes("via 1"));
            routes.put("meter-1", bytes("direct"));

            assertThat(routes.get("meter-1")).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("direct"));
            assertThat(routes.keys()).containsExactly("meter-1", "meter-2");
            assertThat(routes.remove("meter-1")).isTrue();
            assertThat(routes.remove("meter-1")).isFalse();
            assertThat(routes.get("meter-1")).isEmpty();
            assertThat(routes.size()).isEqualTo(1);
        }
    }

    @Test
    void valuesAreCopiedInAndOut() {
        try (MvStateStore store = MvStateStore.open(dir.resolve("s.mv"), 0)) {
            StateMap map = store.map("security.counters");
            byte[] value = {1, 2, 3};
            map.put("k", value);
            value[0] = 9;
            map.get("k").orElseThrow()[1] = 9;

            assertThat(map.get("k")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
        }
    }

    @Test
    void mapsAreSeparateByName() {
        try (MvStateStore store = MvStateStore.open(dir.resolve("s.mv"), 0)) {
            store.map("a").put("k", bytes("in a"));

            assertThat(store.map("b").get("k")).isEmpty();
        }
    }

    @Test
    void committedStateSurvivesReopening() {
        Path file = dir.resolve("nested/dir/state.mv");
        try (MvStateStore store = MvStateStore.open(file, 0)) {
            store.map("telemetry.queue").put("42", bytes("reading"));
            store.commit();
        }
        assertThat(Files.exists(file)).isTrue();

        try (MvStateStore reopened = MvStateStore.open(file, 0)) {
            assertThat(reopened.map("telemetry.queue").get("42"))
                    .hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("reading"));
        }
    }

    @Test
    void rejectsBlankMapNames() {
        try (MvStateStore store = MvStateStore.open(dir.resolve("s.mv"), 0)) {
            assertThatThrownBy(() -> store.map(" ")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not be blank");
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedGivesAClearError() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> MvStateStore.open(blocker.resolve("state.mv"), 0))
                .hasMessageContaining("cannot create state directory").hasMessageContaining("not-a-dir");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
