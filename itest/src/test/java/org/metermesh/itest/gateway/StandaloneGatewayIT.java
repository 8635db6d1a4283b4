package org.metermesh.itest.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The standalone gateway as a person runs it: it boots with the shipped mesh-config.yaml and says so, stops cleanly
 * when asked, and refuses a bad configuration with one line and exit status 78.
 */
public class StandaloneGatewayIT {

    private static final long START_SECONDS = 60;

    @Rule
    public TemporaryFolder home = new TemporaryFolder();

    @Test
    public void bootsWithTheShippedConfigurationPrintsTheSummaryAndStopsCleanly() throws Exception {
        Path dir = home.getRoot().toPath();
        try (GatewayProcess gateway = GatewayProcess.start(dir, GatewayProcess.DEFAULT_CONFIG)) {
            assertTrue("no summary: " + gateway.stdout() + " " + gateway.stderr(),
                    gateway.awaitStdout("stop with Ctrl-C", START_SECONDS));
            List<String> out = gateway.stdout();
            assertTrue(out.toString(), out.stream().anyMatch(l -> l.matches("  bundles:       10/10 MeterMesh bundles active \\(\\d+ in total\\)")));
            assertTrue(out.toString(), out.stream().anyMatch(l -> l.matches("  components:    (\\d+)/\\1 active")));
            assertTrue(out.toString(), out.contains("  configuration: " + GatewayProcess.DEFAULT_CONFIG
                    + " (9 components configured)"));
            // platform.state.directory is data/state, relative to the MeterMesh home.
            assertTrue("state store not opened where configured",
                    Files.exists(dir.resolve("data/state/metermesh-state.mv")));

            int status = gateway.terminate(30);

            assertTrue(gateway.stdout().toString(), gateway.stdout().contains("MeterMesh gateway stopped"));
            assertEquals("exit status after SIGTERM", 143, status);
            assertEquals("warnings or errors in the log", List.of(), gateway.problems());
        }
    }

    @Test
    public void aValueOutOfBoundsIsRefusedWithOneLineAndExitStatus78() throws Exception {
        Path dir = home.getRoot().toPath();
        Path config = Files.writeString(dir.resolve("mesh-config.yaml"), "radio:\n  channel: 300\n");
        try (GatewayProcess gateway = GatewayProcess.start(dir, config)) {
            assertEquals(78, gateway.exitStatus(START_SECONDS));
            assertEquals(List.of("metermesh: configuration error: " + config
                    + ":2: radio.channel: value 300 rejected: greater than maximum"), gateway.stderr());
            assertTrue("it must not claim to have started: " + gateway.stdout(),
                    gateway.stdout().stream().noneMatch(l -> l.contains("started")));
        }
    }

    @Test
    public void malformedYamlIsRefusedWithOneLineAndExitStatus78() throws Exception {
        Path dir = home.getRoot().toPath();
        Path config = Files.writeString(dir.resolve("broken.yaml"), "radio:\n  channel: [17\n");
        try (GatewayProcess gateway = GatewayProcess.start(dir, config)) {
            assertEquals(78, gateway.exitStatus(START_SECONDS));
            List<String> errors = gateway.stderr();
            assertEquals(errors.toString(), 1, errors.size());
            assertTrue(errors.get(0), errors.get(0).startsWith("metermesh: configuration error: " + config
                    + ":3: not valid YAML"));
        }
    }
}
