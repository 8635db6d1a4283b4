package org.metermesh.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.api.counters.Counters;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.platform.state.MvStateStore;

/**
 * Kills (SIGKILL) a JVM that is accepting entries, and checks that every entry it reported as accepted is in the
 * store afterwards: acceptance means durable.
 */
class OutboxCrashTest {

    private static final int ACCEPTED_BEFORE_KILL = 500;

    @TempDir
    Path dir;

    @Test
    void everyAcceptedEntrySurvivesSigkill() throws Exception {
        Path file = dir.resolve("state.mv");
        Set<Long> reported = runAndKill(file, 8);
        assertThat(reported.size()).isGreaterThanOrEqualTo(ACCEPTED_BEFORE_KILL);

        try (MvStateStore store = MvStateStore.open(file, 0)) {
            Outbox outbox = Outbox.open(store, OutboxConfig.DEFAULT, new VirtualScheduler(2), new Counters());
            assertThat(outbox.recovery().corrupt()).isEmpty();
            Set<Long> found = new TreeSet<>();
            outbox.nextBatch(Integer.MAX_VALUE, Set.of()).forEach(m -> found.add(m.id()));
            assertThat(found).containsAll(reported);
            // the child may have written (not yet reported) more; ids continue after all of them
            long highest = found.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(outbox.nextId()).isGreaterThan(highest);
        }
    }

    /** Runs the child until it has reported at least the wanted number of accepted ids, then kills it. */
    private static Set<Long> runAndKill(Path file, int batchSize) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OutboxCrashChild.class.getName(), file.toString(), Integer.toString(batchSize))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Set<Long> reported = new TreeSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            // readLine blocks until the child prints or exits; a child that dies early ends the loop with null
            while (reported.size() < ACCEPTED_BEFORE_KILL && (line = out.readLine()) != null) {
                assertThat(line).startsWith("accepted ");
                reported.add(Long.parseLong(line.substring("accepted ".length())));
            }
            assertThat(child.isAlive()).as("child still accepting when killed").isTrue();
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no store close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child gone after SIGKILL").isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("killed by signal 9").isEqualTo(137);
        return reported;
    }
}
