package org.metermesh.itest.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The standalone gateway as a person runs it: it boots with the shipped mesh-config.yaml and says so, stops cleanly
 * when asked, and refuses a bad configuration with one line and exit status 78.
 */
public class StandaloneGatewayIT {

    private static final long START_SECONDS = 60;
    /** The demo profile's meters join within seconds; the bound leaves room for a loaded build machine. */
    private static final long JOIN_SECONDS = 120;
    private static final long MQTT_SECONDS = 30;
    private static final String MOQUETTE_SUBSCRIBE_RACE =
            "WARNING io.moquette.broker.MQTTConnection: SUBSCRIBE received on already closed connection";

    @Rule
    public TemporaryFolder home = new TemporaryFolder();

    @Test
    public void bootsWithTheShippedConfigurationPrintsTheSummaryAndStopsCleanly() throws Exception {
        Path dir = home.getRoot().toPath();
        try (GatewayProcess gateway = GatewayProcess.start(dir, GatewayProcess.DEFAULT_CONFIG)) {
            assertTrue("no summary: " + gateway.stdout() + " " + gateway.stderr(),
                    gateway.awaitStdout("stop with Ctrl-C", START_SECONDS));
            List<String> out = gateway.stdout();
            assertTrue(out.toString(), out.stream().anyMatch(l -> l.matches("  bundles:       12/12 MeterMesh bundles active \\(\\d+ in total\\)")));
            assertTrue(out.toString(), out.stream().anyMatch(l -> l.matches("  components:    (\\d+)/\\1 active")));
            assertTrue(out.toString(), out.contains("  configuration: " + GatewayProcess.DEFAULT_CONFIG
                    + " (10 components configured)"));
            // platform.state.directory is data/state, relative to the MeterMesh home.
            assertTrue("state store not opened where configured",
                    Files.exists(dir.resolve("data/state/metermesh-state.mv")));

            int status = gateway.terminate(30);

            assertTrue(gateway.stdout().toString(), gateway.stdout().contains("MeterMesh gateway stopped"));
            assertEquals("exit status after SIGTERM", 143, status);
            assertEquals("warnings or errors in the log", List.of(), gateway.problems());
        }
    }

    /**
     * {@code ./metermesh run --meters 10 --profile demo}: ten simulated meters around the gateway join its DODAG in
     * real time; the status line counts the routes the gateway's own RPL root holds.
     */
    @Test
    public void tenSimulatedMetersJoinTheGatewaysDodagInTheDemoProfile() throws Exception {
        Path dir = home.getRoot().toPath();
        copyProfiles(dir);
        try (GatewayProcess gateway = GatewayProcess.start(dir, GatewayProcess.DEFAULT_CONFIG, "metermesh.meters=10",
                "metermesh.profile=demo")) {
            assertTrue("no summary: " + gateway.stdout() + " " + gateway.stderr(),
                    gateway.awaitStdout("stop with Ctrl-C", START_SECONDS));
            List<String> out = gateway.stdout();
            assertTrue(out.toString(), out.contains("  configuration: " + GatewayProcess.DEFAULT_CONFIG
                    + " (10 components configured, profile demo)"));
            assertTrue(out.toString(), out.stream().anyMatch(l -> l.startsWith("  meters:        10 simulated")));
            assertTrue(out.toString(), out.stream().anyMatch(l -> l.matches("  components:    (\\d+)/\\1 active")));

            assertTrue("the gateway's root did not route all ten meters: " + gateway.stdout(),
                    gateway.awaitStdout("meters joined 10/10 [" + "#".repeat(30) + "]", JOIN_SECONDS));

            assertEquals("exit status after SIGTERM", 143, gateway.terminate(30));
            assertEquals("warnings or errors in the log", List.of(), gateway.problems());
        }
    }

    /** The embedded broker runs inside the exported gateway: Mosquitto's clients publish and subscribe through it. */
    @Test
    public void theEmbeddedBrokerCarriesMessagesBetweenMosquittoClients() throws Exception {
        Path dir = home.getRoot().toPath();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(dir.resolve("profiles/broker-test.yaml"), "broker:\n  port: " + port + "\n");
        try (GatewayProcess gateway = GatewayProcess.start(dir, GatewayProcess.DEFAULT_CONFIG,
                "metermesh.profile=broker-test", "metermesh.meters=0")) {
            assertTrue("the broker did not start: " + gateway.stdout() + " " + gateway.stderr(),
                    gateway.awaitLog("embedded MQTT broker listening on 127.0.0.1:" + port, START_SECONDS));
            // Retained, so the subscriber gets it whenever its subscription is in place.
            Process publisher = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port),
                    "-t", "metermesh/itest", "-m", "hello", "-q", "1", "-r").redirectErrorStream(true).start();
            assertTrue("mosquitto_pub hung", publisher.waitFor(MQTT_SECONDS, TimeUnit.SECONDS));
            assertEquals(new String(publisher.getInputStream().readAllBytes(), StandardCharsets.UTF_8), 0,
                    publisher.exitValue());
            Process subscriber = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port),
                    "-t", "metermesh/#", "-v", "-C", "1", "-W", Long.toString(MQTT_SECONDS), "-q", "1")
                    .redirectErrorStream(true).start();
            assertTrue("mosquitto_sub hung", subscriber.waitFor(MQTT_SECONDS + 5, TimeUnit.SECONDS));
            assertEquals("metermesh/itest hello", new String(subscriber.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8).trim());

            assertEquals("exit status after SIGTERM", 143, gateway.terminate(30));
            // Moquette 0.17 races a SUBSCRIBE sent right after CONNACK against its own bookkeeping of the
            // connection: now and then it drops that connection once with this warning, and mosquitto_sub
            // reconnects and subscribes. It is the broker's, not the gateway's; every other warning counts.
            assertEquals("warnings or errors in the log", List.of(), gateway.problems().stream()
                    .filter(line -> !line.endsWith(MOQUETTE_SUBSCRIBE_RACE)).toList());
            assertTrue("broker persistence not where configured", Files.isDirectory(dir.resolve("data/broker")));
        }
    }

    @Test
    public void anUnknownProfileIsRefusedWithOneLineAndExitStatus78() throws Exception {
        Path dir = home.getRoot().toPath();
        copyProfiles(dir);
        try (GatewayProcess gateway = GatewayProcess.start(dir, GatewayProcess.DEFAULT_CONFIG,
                "metermesh.profile=lab")) {
            assertEquals(78, gateway.exitStatus(START_SECONDS));
            assertEquals(List.of("metermesh: configuration error: --profile: no profile 'lab' ("
                    + dir.resolve("profiles/lab.yaml") + " is not a readable file)"), gateway.stderr());
        }
    }

    @Test
    public void aNegativeMeterCountIsRefusedWithOneLineAndExitStatus78() throws Exception {
        Path dir = home.getRoot().toPath();
        try (GatewayProcess gateway = GatewayProcess.start(dir, GatewayProcess.DEFAULT_CONFIG,
                "metermesh.meters=-3")) {
            assertEquals(78, gateway.exitStatus(START_SECONDS));
            List<String> errors = gateway.stderr();
            assertEquals(errors.toString(), 1, errors.size());
            assertTrue(errors.get(0), errors.get(0).startsWith(
                    "metermesh: configuration error: --meters: sim.meters: value -3 rejected: "));
        }
    }

    /** The profile overlays live in the MeterMesh home, beside the shipped mesh-config.yaml. */
    private static void copyProfiles(Path home) throws Exception {
        Path source = GatewayProcess.DEFAULT_CONFIG.getParent().resolve("profiles");
        Files.createDirectories(home.resolve("profiles"));
        try (var files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, home.resolve("profiles").resolve(file.getFileName()));
            }
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
