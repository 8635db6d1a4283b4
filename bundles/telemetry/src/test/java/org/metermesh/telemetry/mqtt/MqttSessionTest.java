package org.metermesh.telemetry.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metermesh.api.counters.Counters;
import org.metermesh.platform.clock.RealTimeScheduler;
import org.metermesh.testsupport.Mosquitto;
import org.metermesh.testsupport.MqttRecorder;
import org.metermesh.testsupport.TcpProxy;

/** The session against a real Mosquitto broker, watched by an independent client (mosquitto_sub). */
class MqttSessionTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final List<String> REQUEST_TOPICS = List.of("$EDC/acc/gw/+/GET/#", "$EDC/acc/gw/+/PUT/#",
            "$EDC/acc/gw/+/EXEC/#", "$EDC/acc/gw/+/POST/#", "$EDC/acc/gw/+/DEL/#");

    private Mosquitto broker;
    private MqttRecorder recorder;
    private RealTimeScheduler loop;
    private MqttSession session;
    private final Counters counters = new Counters();
    private final SessionEvents events = new SessionEvents();
    private final AtomicInteger births = new AtomicInteger();

    @BeforeEach
    void startBroker() throws Exception {
        broker = Mosquitto.start();
        recorder = MqttRecorder.start(broker);
        loop = new RealTimeScheduler("mqtt-test-loop", Duration.ofSeconds(1));
    }

    @AfterEach
    void stopAll() throws Exception {
        if (session != null) {
            session.disconnect().get(10, TimeUnit.SECONDS);
        }
        loop.close();
        recorder.close();
        broker.close();
    }

    static LifecycleMessages lifecycle(AtomicInteger births) {
        return new LifecycleMessages(() -> ("birth-" + births.incrementAndGet()).getBytes(StandardCharsets.UTF_8),
                () -> "dc".getBytes(StandardCharsets.UTF_8), () -> "lwt".getBytes(StandardCharsets.UTF_8));
    }

    static MqttSettings settings(String url) {
        return MqttSettings.of(url, "gw", "acc").withKeepAlive(Duration.ofSeconds(5))
                .withConnectTimeout(Duration.ofSeconds(5))
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(400));
    }

    private MqttSession start(String url) {
        session = new MqttSession(settings(url), loop, lifecycle(births), REQUEST_TOPICS, counters);
        session.addListener(events);
        session.start();
        return session;
    }

    @Test
    void connectsAndPublishesBirthSeenByAnIndependentSubscriber() throws Exception {
        start(broker.url());
        events.await("connected", 1, WAIT);
        MqttRecorder.Message birth = recorder.awaitFirst(m -> m.topic().equals("$EDC/acc/gw/MQTT/BIRTH"), WAIT);
        assertThat(birth.text()).isEqualTo("birth-1");
        assertThat(birth.qos()).isEqualTo(1);
        assertThat(birth.retained()).isFalse();
        assertThat(events.threads()).containsOnly("mqtt-test-loop");
        assertThat(counters.get("connects")).isEqualTo(1);
    }

    @Test
    void aRequestFromAnotherClientReachesTheListenerOnTheLoop() throws Exception {
        start(broker.url());
        events.await("connected", 1, WAIT);
        recorder.awaitFirst(m -> m.topic().endsWith("/MQTT/BIRTH"), WAIT);  // subscribed before BIRTH is sent
        publishWithMosquittoPub("$EDC/acc/gw/app/GET/meters/123", "read");
        publishWithMosquittoPub("$EDC/acc/other-gw/app/GET/meters/9", "not for us");
        events.await(e -> e.startsWith("message:"), 1, WAIT);
        assertThat(events.events()).contains("message:$EDC/acc/gw/app/GET/meters/123:read")
                .noneMatch(e -> e.contains("other-gw"));
        assertThat(events.threads()).containsOnly("mqtt-test-loop");
    }

    @Test
    void cleanDisconnectPublishesDcAndNoWill() throws Exception {
        start(broker.url());
        events.await("connected", 1, WAIT);
        session.disconnect().get(10, TimeUnit.SECONDS);
        session = null;
        events.await("disconnected:clean", 1, WAIT);
        MqttRecorder.Message dc = recorder.awaitFirst(m -> m.topic().equals("$EDC/acc/gw/MQTT/DC"), WAIT);
        assertThat(dc.text()).isEqualTo("dc");
        // A marker published after the disconnect arrives after any will the broker would have sent.
        publishWithMosquittoPub("marker", "after");
        recorder.awaitFirst(m -> m.topic().equals("marker"), WAIT);
        assertThat(recorder.on("$EDC/acc/gw/MQTT/LWT")).isEmpty();
        assertThat(broker.log()).contains("Client gw disconnected.");
    }

    /**
     * An unclean loss: a TCP relay between client and broker closes both sockets with no DISCONNECT packet, as a
     * broken link or a crashed gateway would. The broker must publish the will (MQTT 3.1.1 section 3.1.2.5), and
     * the session reconnects through the relay and is born again.
     */
    @Test
    void anUncleanLossMakesTheBrokerPublishTheWillAndTheSessionComesBack() throws Exception {
        try (TcpProxy proxy = new TcpProxy(broker.port())) {
            start(proxy.url());
            events.await("connected", 1, WAIT);
            recorder.awaitFirst(m -> m.text().equals("birth-1"), WAIT);
            proxy.cutAll();
            MqttRecorder.Message will = recorder.awaitFirst(m -> m.topic().equals("$EDC/acc/gw/MQTT/LWT"), WAIT);
            assertThat(will.text()).isEqualTo("lwt");
            events.await("disconnected:lost", 1, WAIT);
            events.await("connected", 2, WAIT);
            assertThat(recorder.awaitFirst(m -> m.text().equals("birth-2"), WAIT).topic())
                    .isEqualTo("$EDC/acc/gw/MQTT/BIRTH");
            assertThat(counters.get("reconnects")).isEqualTo(1);
            assertThat(proxy.accepted()).isEqualTo(2);
        }
    }

    @Test
    void noBrokerMeansConnectFailuresWithBackoffUntilItComes() throws Exception {
        broker.stop();
        start(broker.url());
        await(() -> counters.get("connect-failures") >= 2, "two failed connects");
        broker.startAgain();
        events.await("connected", 1, WAIT);
        recorder.close();  // its connection died with the broker; the BIRTH is checked in the log instead
        await(() -> broker.log().contains("Client gw") || broker.log().contains("as gw "), "broker saw gw");
    }

    private void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what + "; counters " + counters);
            }
            synchronized (monitor) {
                monitor.wait(20);  // poll interval of a bounded await
            }
        }
    }

    private void publishWithMosquittoPub(String topic, String text) throws Exception {
        Process pub = new ProcessBuilder("/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p",
                Integer.toString(broker.port()), "-q", "1", "-t", topic, "-m", text).redirectErrorStream(true).start();
        assertThat(pub.waitFor(10, TimeUnit.SECONDS)).as("mosquitto_pub finished").isTrue();
        assertThat(pub.exitValue()).as(new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
    }
}
