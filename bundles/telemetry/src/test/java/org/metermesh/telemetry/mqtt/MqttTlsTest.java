package org.metermesh.telemetry.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.api.counters.Counters;
import org.metermesh.platform.clock.RealTimeScheduler;
import org.metermesh.testsupport.Mosquitto;

/**
 * ssl:// against a Mosquitto TLS listener with a throw-away self-signed certificate (made by openssl, put in a
 * PKCS12 trust store by keytool): trusted, the session connects and publishes; untrusted, every attempt fails.
 */
class MqttTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private Mosquitto broker;
    private final RealTimeScheduler loop = new RealTimeScheduler("mqtt-test-loop", Duration.ofSeconds(1));
    private MqttSession session;
    private final Counters counters = new Counters();
    private final SessionEvents events = new SessionEvents();

    @AfterEach
    void stopAll() throws Exception {
        if (session != null) {
            session.disconnect().get(10, TimeUnit.SECONDS);
        }
        loop.close();
        if (broker != null) {
            broker.close();
        }
    }

    private Path makeCertificateAndTrustStore() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir.resolve("key.pem").toString(),
                "-out", dir.resolve("cert.pem").toString());
        Path trust = dir.resolve("trust.p12");
        run("keytool", "-importcert", "-noprompt", "-alias", "broker", "-file", dir.resolve("cert.pem").toString(),
                "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        broker = Mosquitto.startTls(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        return trust;
    }

    @Test
    void aTrustedBrokerCertificateConnectsAndCarriesPublishes() throws Exception {
        Path trust = makeCertificateAndTrustStore();
        assertThat(broker.url()).startsWith("ssl://");
        MqttSettings settings = MqttSessionTest.settings(broker.url()).withTrustStore(trust, "changeit");
        MemoryPublishSource source = new MemoryPublishSource();
        source.offer(new Outgoing(7, "acc/gw/tls", "over tls".getBytes(StandardCharsets.UTF_8), 1, false));
        session = new MqttSession(settings, loop, MqttSessionTest.lifecycle(new AtomicInteger()), List.of(),
                counters);
        session.addListener(events);
        Publisher.attach(session, source, loop, counters);
        session.start();
        events.await("connected", 1, WAIT);
        assertThat(source.awaitSettled(1, WAIT.toMillis())).isTrue();
        assertThat(source.deliveredIds()).containsExactly(7L);
    }

    @Test
    void anUntrustedBrokerCertificateIsRefused() throws Exception {
        makeCertificateAndTrustStore();
        session = new MqttSession(MqttSessionTest.settings(broker.url()), loop,
                MqttSessionTest.lifecycle(new AtomicInteger()), List.of(), counters);  // JVM default trust only
        session.addListener(events);
        session.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        Object monitor = new Object();
        while (counters.get("connect-failures") < 2) {
            assertThat(System.nanoTime()).as("two refused attempts; counters " + counters).isLessThan(deadline);
            synchronized (monitor) {
                monitor.wait(20);  // poll interval of a bounded await
            }
        }
        assertThat(events.events()).doesNotContain("connected");
    }

    private void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
