package org.metermesh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.metermesh.api.counters.Counters;
import org.metermesh.platform.clock.RealTimeScheduler;
import org.metermesh.platform.state.MvStateStore;
import org.metermesh.telemetry.gateway.OutboxSource;
import org.metermesh.telemetry.mqtt.LifecycleMessages;
import org.metermesh.telemetry.mqtt.MqttSession;
import org.metermesh.telemetry.mqtt.MqttSessionListener;
import org.metermesh.telemetry.mqtt.MqttSettings;
import org.metermesh.telemetry.mqtt.Publisher;
import org.metermesh.telemetry.store.Acceptance;
import org.metermesh.telemetry.store.Outbox;
import org.metermesh.telemetry.store.OutboxConfig;
import org.metermesh.telemetry.store.OutboxEntry;
import org.metermesh.telemetry.store.Priority;
import org.metermesh.testsupport.Mosquitto;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Sustained QoS 1 publish rate to a real Mosquitto broker (started here on a free localhost port, no persistence,
 * no subscribers), messages per second, both with the in-flight window of {@link MqttSettings} (32):
 *
 * <ul>
 * <li>{@code rawPaho}: a bare Paho {@link MqttAsyncClient} keeps 32 publishes in flight; an invocation ends when
 * the broker acknowledged (PUBACK) all of its messages.</li>
 * <li>{@code durableOutbox}: the gateway's path. On one {@link RealTimeScheduler} event loop, as in the gateway,
 * the messages are accepted into the {@link Outbox} on an {@link MvStateStore} file in a temporary directory in
 * group commits of 64 (one disk sync each, as {@code GatewayApplication} stores what arrived), each commit wakes
 * the {@link Publisher}, which publishes from the {@link OutboxSource} through an {@link MqttSession}. An
 * invocation ends when every message was acknowledged and the outbox is empty again.</li>
 * </ul>
 *
 * <p>Each invocation is {@value #MESSAGES} messages of {@value #PAYLOAD_OCTETS} octets (about one encoded Kura
 * reading) on the usage topics of 64 meters; the score counts messages, not invocations. The async completion is
 * awaited inside the invocation, so JMH's time per invocation is the time until the last PUBACK.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class MqttPublishRateBenchmark {

    static final int MESSAGES = 5_000;
    static final int PAYLOAD_OCTETS = 150;
    /** GatewayApplication stores at most this many messages with one commit. */
    static final int GROUP_COMMIT = 64;
    static final int WINDOW = MqttSettings.DEFAULT_IN_FLIGHT_WINDOW;
    static final int METERS = 64;
    /** The platform's default background commit delay of the state store (StateStoreComponent). */
    static final int AUTO_COMMIT_DELAY_MS = 1000;
    /** An invocation that takes longer than this has lost messages: the benchmark fails. */
    static final Duration LIMIT = Duration.ofSeconds(120);

    /** The same payload and topics for both paths. */
    static byte[] payload() {
        byte[] payload = new byte[PAYLOAD_OCTETS];
        new SplittableRandom(1).nextBytes(payload);
        return payload;
    }

    static List<String> topics() {
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < METERS; i++) {
            topics.add(String.format("metermesh/gateway-1/METERMESH-V1/meters/02004d6d000000%02x/usage", i));
        }
        return topics;
    }

    /** A bare Paho client on its own broker. */
    @State(Scope.Benchmark)
    public static class RawPaho {
        Mosquitto broker;
        MqttAsyncClient client;
        final byte[] payload = payload();
        final List<String> topics = topics();

        @Setup(Level.Trial)
        public void setUp() throws IOException, MqttException {
            broker = Mosquitto.startQuiet();
            client = new MqttAsyncClient(broker.url(), "bench-raw", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(true);
            options.setMaxInflight(WINDOW);
            client.connect(options).waitForCompletion(LIMIT.toMillis());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws MqttException {
            try {
                client.disconnect().waitForCompletion(LIMIT.toMillis());
                client.close();
            } finally {
                broker.close();
            }
        }

        void publishAll() throws MqttException, InterruptedException {
            Semaphore window = new Semaphore(WINDOW);
            CountDownLatch acknowledged = new CountDownLatch(MESSAGES);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            IMqttActionListener listener = new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    window.release();
                    acknowledged.countDown();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    failure.compareAndSet(null, cause);
                    window.release();
                    acknowledged.countDown();
                }
            };
            for (int i = 0; i < MESSAGES; i++) {
                window.acquire();
                client.publish(topics.get(i % METERS), payload, 1, false, null, listener);
            }
            if (!acknowledged.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(acknowledged.getCount() + " of " + MESSAGES
                        + " publishes not acknowledged within " + LIMIT);
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a publish failed", failure.get());
            }
        }
    }

    /** The gateway's outbox, session and publisher on one event loop, on their own broker. */
    @State(Scope.Benchmark)
    public static class DurableOutbox {
        Mosquitto broker;
        Path dir;
        MvStateStore store;
        RealTimeScheduler loop;
        Outbox outbox;
        MqttSession session;
        Publisher publisher;
        final Counters mqttCounters = new Counters();
        final AtomicInteger unpublishable = new AtomicInteger();
        List<OutboxEntry> entries;
        /** The invocation under way; completed on the loop once all is acknowledged and the outbox is empty. */
        private Run run;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            broker = Mosquitto.startQuiet();
            dir = Files.createTempDirectory("publish-rate-bench");
            store = MvStateStore.open(dir.resolve("state.mv"), AUTO_COMMIT_DELAY_MS);
            loop = new RealTimeScheduler("bench-loop", Duration.ofSeconds(1));
            outbox = Outbox.open(store, OutboxConfig.DEFAULT, loop, new Counters());
            MqttSettings settings = MqttSettings.of(broker.url(), "bench-gateway", "metermesh");
            byte[] lifecycle = new byte[0];
            session = new MqttSession(settings, loop, new LifecycleMessages(() -> lifecycle, () -> lifecycle,
                    () -> lifecycle), List.of(), mqttCounters);
            publisher = Publisher.attach(session, new OutboxSource(outbox, (id, cause) -> unpublishable
                    .incrementAndGet()), loop, mqttCounters);
            CompletableFuture<Void> connected = new CompletableFuture<>();
            // Added after the publisher: by the time this hears of a PUBACK, the outbox has dropped the message.
            session.addListener(new MqttSessionListener() {
                @Override
                public void connected() {
                    connected.complete(null);
                }

                @Override
                public void published(long publishId) {
                    if (run != null) {
                        run.checkDone();
                    }
                }
            });
            session.start();
            connected.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            byte[] payload = payload();
            List<String> topics = topics();
            entries = new ArrayList<>();
            for (int i = 0; i < GROUP_COMMIT; i++) {
                String topic = topics.get(i % METERS);
                entries.add(new OutboxEntry(topic.split("/")[4], Priority.USAGE, topic, payload, 1));
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            try {
                session.disconnect().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                loop.close();
                store.close();
                TempDirectories.delete(dir);
            } finally {
                broker.close();
            }
            if (unpublishable.get() != 0) {
                throw new IllegalStateException(unpublishable.get() + " messages could not be published");
            }
        }

        void publishAll() throws Exception {
            Run current = new Run();
            loop.execute(() -> {
                run = current;
                current.acceptNext();
            });
            try {
                current.done.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("not all " + MESSAGES + " messages acknowledged within " + LIMIT
                        + "; counters " + mqttCounters.snapshot(), e);
            }
        }

        /** One invocation's messages, accepted a group commit at a time; every step on the loop. */
        private final class Run {
            final CompletableFuture<Void> done = new CompletableFuture<>();
            int accepted;

            void acceptNext() {
                int n = Math.min(GROUP_COMMIT, MESSAGES - accepted);
                for (Acceptance acceptance : outbox.accept(entries.subList(0, n))) {
                    if (!(acceptance instanceof Acceptance.Accepted)) {
                        done.completeExceptionally(new IllegalStateException("outbox refused: " + acceptance));
                        return;
                    }
                }
                accepted += n;
                publisher.wake();
                if (accepted < MESSAGES) {
                    // After what is due already (PUBACKs to hand on), as meters' next packets would be.
                    loop.execute(this::acceptNext);
                }
            }

            void checkDone() {
                if (accepted == MESSAGES && outbox.size() == 0 && publisher.unacknowledged() == 0) {
                    run = null;
                    done.complete(null);
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void rawPaho(RawPaho state) throws Exception {
        state.publishAll();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void durableOutbox(DurableOutbox state) throws Exception {
        state.publishAll();
    }
}
