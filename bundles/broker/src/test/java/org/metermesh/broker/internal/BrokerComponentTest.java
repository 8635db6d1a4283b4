package org.metermesh.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.moquette.broker.Server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker against Mosquitto's own command-line clients (Debian mosquitto-clients). */
class BrokerComponentTest {

    private static final long CLIENT_SECONDS = 20;

    @TempDir
    Path dir;

    @Test
    void mosquittoClientsPublishAndSubscribeThroughTheEmbeddedBroker() throws Exception {
        int port = freePort();
        Server server = BrokerComponent.start("127.0.0.1", port, dir.resolve("broker"));
        assertThat(server).isNotNull();
        try {
            Process subscriber = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port),
                    "-t", "metermesh/test/#", "-v", "-C", "1", "-W", Long.toString(CLIENT_SECONDS), "-q", "1",
                    "-i", "sub-" + port, "-c").redirectErrorStream(true).start();
            // A persistent session (-c, QoS 1) receives the message even if it is published before the subscription
            // is in place: publish again until the subscriber has its message or the bound passes.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLIENT_SECONDS);
            while (subscriber.isAlive() && System.nanoTime() < deadline) {
                Process publisher = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p",
                        Integer.toString(port), "-t", "metermesh/test/reading", "-m", "1-0:1.8.0 1234 Wh", "-q", "1")
                        .redirectErrorStream(true).start();
                assertThat(publisher.waitFor(CLIENT_SECONDS, TimeUnit.SECONDS)).isTrue();
                assertThat(publisher.exitValue()).as(output(publisher)).isZero();
                subscriber.waitFor(500, TimeUnit.MILLISECONDS);
            }
            assertThat(subscriber.waitFor(CLIENT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(output(subscriber)).startsWith("metermesh/test/reading 1-0:1.8.0 1234 Wh");
            assertThat(subscriber.exitValue()).isZero();
        } finally {
            server.stopServer();
        }
    }

    @Test
    void aTakenPortLeavesTheBrokerUnstartedWithoutFailing() throws Exception {
        try (ServerSocket occupant = new ServerSocket(0)) {
            Server server = BrokerComponent.start("127.0.0.1", occupant.getLocalPort(), dir.resolve("broker"));
            assertThat(server).isNull();
        }
    }

    @Test
    void relativePersistenceDirectoriesResolveAgainstTheMeterMeshHome() {
        assertThat(BrokerComponent.resolve("/opt/metermesh", "data/broker"))
                .isEqualTo(Path.of("/opt/metermesh/data/broker"));
        assertThat(BrokerComponent.resolve("/opt/metermesh", "/var/lib/broker")).isEqualTo(Path.of("/var/lib/broker"));
        assertThat(BrokerComponent.resolve(null, "data/broker")).isEqualTo(Path.of("data/broker"));
    }

    @Test
    void moquetteNeverReportsTelemetryToItsAuthors() {
        assertThat(BrokerComponent.properties("127.0.0.1", 1883, dir).getProperty("telemetry_enabled"))
                .isEqualTo("false");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
