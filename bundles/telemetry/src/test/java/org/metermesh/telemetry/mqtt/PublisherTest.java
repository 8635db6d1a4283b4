package org.metermesh.telemetry.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metermesh.api.counters.Counters;
import org.metermesh.platform.clock.RealTimeScheduler;
import org.metermesh.testsupport.Mosquitto;
import org.metermesh.testsupport.MqttRecorder;
import org.metermesh.testsupport.TcpProxy;

/** The publishing pump against a real Mosquitto broker; what arrived is read by mosquitto_sub. */
class PublisherTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "acc/gw/meters/reading";

    private Mosquitto broker;
    private MqttRecorder recorder;
    private TcpProxy proxy;
    private final RealTimeScheduler loop = new RealTimeScheduler("mqtt-test-loop", Duration.ofSeconds(1));
    private MqttSession session;
    private final Counters counters = new Counters();
    private final SessionEvents events = new SessionEvents();
    private final MemoryPublishSource source = new MemoryPublishSource();

    @AfterEach
    void stopAll() throws Exception {
        if (session != null) {
            session.disconnect().get(10, TimeUnit.SECONDS);
        }
        loop.close();
        if (proxy != null) {
            proxy.close();
        }
        if (recorder != null) {
            recorder.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Payload of message i: its number in 4 octets, then bytes of every value so the hex check covers them. */
    static byte[] payload(int i) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 64 + i % 17);
        buffer.putInt(i);
        for (int k = 0; buffer.hasRemaining(); k++) {
            buffer.put((byte) (i * 31 + k * 7));
        }
        return buffer.array();
    }

    static int number(MqttRecorder.Message message) {
        return ByteBuffer.wrap(message.payload()).getInt();
    }

    private Publisher start(MqttSettings settings, PublishSource publishSource) {
        session = new MqttSession(settings, loop, MqttSessionTest.lifecycle(new AtomicInteger()), List.of(),
                counters);
        session.addListener(events);
        Publisher publisher = Publisher.attach(session, publishSource, loop, counters);
        session.start();
        return publisher;
    }

    private <T> T onLoop(Supplier<T> read) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(read.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aThousandMessagesArriveAllInOrderWithTheirContent() throws Exception {
        broker = Mosquitto.start();
        recorder = MqttRecorder.start(broker);
        int n = 1000;
        for (int i = 0; i < n; i++) {
            source.offer(new Outgoing(i, TOPIC, payload(i), 1, false));
        }
        Publisher publisher = start(MqttSessionTest.settings(broker.url()).withInFlightWindow(8), source);

        assertThat(source.awaitSettled(n, WAIT.toMillis())).as("all delivered; counters " + counters).isTrue();
        List<MqttRecorder.Message> received = recorder.awaitMatching(m -> m.topic().equals(TOPIC), n, WAIT);

        assertThat(received).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(received.get(i)).isEqualTo(new MqttRecorder.Message(TOPIC, payload(i), false, 1));
        }
        assertThat(source.deliveredIds()).hasSize(n).doesNotHaveDuplicates();
        assertThat(source.failures()).isEmpty();
        assertThat(counters.get("published")).isEqualTo(n);
        assertThat(counters.get("acked")).isEqualTo(n);
        assertThat(onLoop(publisher::inFlight)).isZero();
        assertThat(onLoop(publisher::maxInFlight)).as("the window is used and never exceeded").isEqualTo(8);
    }

    @Test
    void messagesOfferedLaterGoOutOnWake() throws Exception {
        broker = Mosquitto.start();
        recorder = MqttRecorder.start(broker);
        Publisher publisher = start(MqttSessionTest.settings(broker.url()), source);
        events.await("connected", 1, WAIT);
        source.offer(new Outgoing(1, TOPIC, payload(1), 0, false));
        source.offer(new Outgoing(2, "acc/gw/state", payload(2), 1, true));
        publisher.wake();
        assertThat(source.awaitSettled(2, WAIT.toMillis())).isTrue();
        assertThat(recorder.awaitCount(3, WAIT)).contains(new MqttRecorder.Message(TOPIC, payload(1), false, 0),
                new MqttRecorder.Message("acc/gw/state", payload(2), false, 1));
        try (MqttRecorder late = MqttRecorder.start(broker, "acc/gw/state")) {
            assertThat(late.awaitCount(1, WAIT)).containsExactly(
                    new MqttRecorder.Message("acc/gw/state", payload(2), true, 1));
        }
    }

    @Test
    void aMessageThatCanNeverBePublishedFailsAndTheRestGoOn() throws Exception {
        broker = Mosquitto.start();
        recorder = MqttRecorder.start(broker);
        source.offer(new Outgoing(1, TOPIC, payload(1), 1, false));
        source.offer(new Outgoing(2, "acc/+/wildcard", payload(2), 1, false));
        source.offer(new Outgoing(3, TOPIC, payload(3), 1, false));
        start(MqttSessionTest.settings(broker.url()), source);
        assertThat(source.awaitSettled(3, WAIT.toMillis())).isTrue();
        assertThat(source.deliveredIds()).containsExactly(1L, 3L);
        assertThat(source.failures()).containsOnlyKeys(2L);
        assertThat(source.failures().get(2L)).isInstanceOf(PublishRejectedException.class)
                .hasMessageContaining("INVALID");
        assertThat(recorder.awaitMatching(m -> m.topic().equals(TOPIC), 2, WAIT)).extracting(PublisherTest::number)
                .containsExactly(1, 3);
        assertThat(counters.get("rejected")).isEqualTo(1);
    }

    /**
     * A clean disconnect in mid-stream: acknowledgements that come while DC is on its way still reach the source,
     * every message reported delivered really reached the broker, and DC comes after all of them.
     */
    @Test
    void aCleanDisconnectMidStreamReportsExactlyWhatTheBrokerTook() throws Exception {
        broker = Mosquitto.start();
        recorder = MqttRecorder.start(broker);
        int n = 1000;
        for (int i = 0; i < n; i++) {
            source.offer(new Outgoing(i, TOPIC, payload(i), 1, false));
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        PublishSource disconnectingSource = new PublishSource() {
            @Override
            public List<Outgoing> next(int max) {
                return source.next(max);
            }

            @Override
            public void delivered(long id) {
                source.delivered(id);
                if (id == 200) {
                    session.disconnect().whenComplete((v, e) -> closed.complete(null));
                }
            }

            @Override
            public void failed(long id, Throwable cause) {
                source.failed(id, cause);
            }
        };
        Publisher publisher = start(MqttSessionTest.settings(broker.url()).withInFlightWindow(32),
                disconnectingSource);
        closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        session = null;

        List<Long> delivered = source.deliveredIds();
        assertThat(delivered).hasSizeGreaterThan(200).hasSizeLessThan(n);
        List<MqttRecorder.Message> received = recorder.awaitAll(
                all -> all.stream().anyMatch(m -> m.topic().endsWith("/MQTT/DC")), "DC", WAIT);
        List<Integer> beforeDc = new ArrayList<>();
        for (MqttRecorder.Message m : received) {
            if (m.topic().endsWith("/MQTT/DC")) {
                break;
            }
            if (m.topic().equals(TOPIC)) {
                beforeDc.add(number(m));
            }
        }
        assertThat(beforeDc).containsAll(delivered.stream().map(Long::intValue).toList());
        assertThat(onLoop(publisher::unacknowledged)).isEqualTo(n - delivered.size() - source.queuedCount());
    }

    /**
     * A clean disconnect while the whole window waits for acknowledgements (the proxy holds the broker's replies):
     * DC still has a client slot of its own and goes out after the telemetry; the session closes once the replies
     * come.
     */
    @Test
    void aFullWindowLeavesRoomForDc() throws Exception {
        broker = Mosquitto.start();
        recorder = MqttRecorder.start(broker);
        proxy = new TcpProxy(broker.port());
        for (int i = 0; i < 100; i++) {
            source.offer(new Outgoing(i, TOPIC, payload(i), 1, false));
        }
        Publisher publisher = start(MqttSessionTest.settings(proxy.url()).withInFlightWindow(8), source);
        events.await("connected", 1, WAIT);
        proxy.holdReplies();
        publisher.wake();
        awaitOnLoop(() -> publisher.inFlight() == 8, "a full window");
        CompletableFuture<Void> closed = session.disconnect();
        // The broker forwards DC to the recorder while its PUBACKs to the gateway are still held.
        List<MqttRecorder.Message> received = recorder.awaitAll(
                all -> all.stream().anyMatch(m -> m.topic().endsWith("/MQTT/DC")), "DC", WAIT);
        assertThat(closed).isNotDone();
        proxy.releaseReplies();
        closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        session = null;

        assertThat(counters.get("lifecycle-failures")).isZero();
        assertThat(received.get(received.size() - 1).topic()).endsWith("/MQTT/DC");
        assertThat(received.stream().filter(m -> m.topic().equals(TOPIC)).map(PublisherTest::number))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    /**
     * A broker outage in mid-stream: when message 300 is acknowledged the proxy in front of the broker starts holding
     * the broker's replies, so the window fills with publishes the broker took but the gateway never heard
     * acknowledged; then the connection is cut and the broker stopped. The session fails to connect four times (the
     * outage lasts through them, with nothing published meanwhile), then the broker comes back on the same port.
     * Broker and recorder sessions are persistent, so the recorder gets what the broker took before the stop and
     * everything after; the held window is sent again.
     */
    @Test
    void aBrokerOutageLosesNothingAndEveryMessageArrivesAtLeastOnce() throws Exception {
        broker = Mosquitto.start(true);
        recorder = MqttRecorder.startPersistent(broker, "recorder");
        proxy = new TcpProxy(broker.port());
        int n = 1000;
        for (int i = 0; i < n; i++) {
            source.offer(new Outgoing(i, TOPIC, payload(i), 1, false));
        }
        PublishSource holdingSource = new PublishSource() {
            @Override
            public List<Outgoing> next(int max) {
                return source.next(max);
            }

            @Override
            public void delivered(long id) {
                source.delivered(id);
                if (id == 300) {
                    proxy.holdReplies();  // on the loop, before the window is refilled
                }
            }

            @Override
            public void failed(long id, Throwable cause) {
                source.failed(id, cause);
            }
        };
        Publisher publisher = start(MqttSessionTest.settings(proxy.url()).withInFlightWindow(32)
                .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(1)), holdingSource);
        awaitOnLoop(() -> publisher.inFlight() == 32 && source.deliveredIds().size() > 300, "a full held window");
        proxy.cutAll();
        broker.stop();

        events.await("disconnected:lost", 1, WAIT);
        long lostAt = System.nanoTime();
        long publishedAtLoss = counters.get("published");
        awaitCounter("connect-failures", 4);  // about 2 to 3 s of outage: 0.25 + 0.5 + 1 + 1 s of backoff, jittered
        assertThat(Duration.ofNanos(System.nanoTime() - lostAt)).isGreaterThan(Duration.ofMillis(900));
        assertThat(counters.get("published")).as("nothing is published while disconnected").isEqualTo(publishedAtLoss);
        assertThat(source.deliveredIds()).as("the outage came in mid-stream").hasSizeLessThan(n);
        broker.startAgain();

        assertThat(source.awaitSettled(n, WAIT.toMillis())).as("all delivered; counters " + counters).isTrue();
        List<MqttRecorder.Message> received = recorder.awaitAll(
                all -> all.stream().filter(m -> m.topic().equals(TOPIC)).map(PublisherTest::number).distinct()
                        .count() == n, "all " + n + " messages at least once", WAIT);

        Set<Integer> firstSeen = new LinkedHashSet<>();
        for (MqttRecorder.Message m : received) {
            if (m.topic().equals(TOPIC)) {
                assertThat(m.payload()).isEqualTo(payload(number(m)));
                firstSeen.add(number(m));
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        assertThat(firstSeen).containsExactlyElementsOf(expected);  // first arrivals in publishing order
        assertThat(source.deliveredIds()).hasSize(n).doesNotHaveDuplicates();
        assertThat(counters.get("reconnects")).isEqualTo(1);
        assertThat(counters.get("resent")).as("the held window").isEqualTo(32);
        assertThat(onLoop(publisher::inFlight)).isZero();
        assertThat(onLoop(publisher::maxInFlight)).isLessThanOrEqualTo(32);
    }

    private void awaitOnLoop(Supplier<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Object monitor = new Object();
        while (!onLoop(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what + "; counters " + counters);
            }
            synchronized (monitor) {
                monitor.wait(20);  // poll interval of a bounded await
            }
        }
    }

    private void awaitCounter(String name, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Object monitor = new Object();
        while (counters.get(name) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not reach " + atLeast + " within " + WAIT + ": " + counters);
            }
            synchronized (monitor) {
                monitor.wait(20);  // poll interval of a bounded await
            }
        }
    }
}
