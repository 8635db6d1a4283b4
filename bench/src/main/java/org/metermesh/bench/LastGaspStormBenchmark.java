package org.metermesh.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6FormatException;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.ipv6.MeshRouter;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.platform.clock.RealTimeScheduler;
import org.metermesh.platform.state.MvStateStore;
import org.metermesh.telemetry.coap.CoapCode;
import org.metermesh.telemetry.coap.CoapConfig;
import org.metermesh.telemetry.coap.CoapEndpoint;
import org.metermesh.telemetry.coap.CoapEndpointListener;
import org.metermesh.telemetry.coap.CoapMessage;
import org.metermesh.telemetry.cosem.ObisCode;
import org.metermesh.telemetry.gateway.GatewayApplication;
import org.metermesh.telemetry.gateway.MeterId;
import org.metermesh.telemetry.gateway.OutboxSource;
import org.metermesh.telemetry.gateway.PayloadEncoding;
import org.metermesh.telemetry.gateway.TelemetrySettings;
import org.metermesh.telemetry.meter.MeterAgent;
import org.metermesh.telemetry.meter.MeterMessage;
import org.metermesh.telemetry.meter.MeterProtocol;
import org.metermesh.telemetry.meter.Register;
import org.metermesh.telemetry.meter.Unit;
import org.metermesh.telemetry.meter.WarningType;
import org.metermesh.telemetry.mqtt.LifecycleMessages;
import org.metermesh.telemetry.mqtt.MqttSession;
import org.metermesh.telemetry.mqtt.MqttSettings;
import org.metermesh.telemetry.mqtt.Publisher;
import org.metermesh.telemetry.payload.KuraPayloadCodec;
import org.metermesh.telemetry.payload.MetricValue;
import org.metermesh.telemetry.payload.PayloadDecodeResult;
import org.metermesh.telemetry.store.Outbox;
import org.metermesh.telemetry.store.OutboxConfig;
import org.metermesh.testsupport.Mosquitto;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * A Last Gasp storm: {@value #METERS} meters lose power together and each sends one Last Gasp warning (a COSEM
 * data-notification from {@link MeterAgent}, in a CoAP CON POST to {@code /n} on UDP 61616, as the simulated meters
 * send it) to a {@link GatewayApplication} on a real-time event loop, with the durable outbox on an
 * {@link MvStateStore} file and the {@link MqttSession}/{@link Publisher} to a real Mosquitto broker. A separate Paho
 * subscriber on the warning topics decodes every message's {@code message.id}.
 *
 * <p>One iteration is one storm (single shot): the score is the time from the first notification until the
 * subscriber holds all {@value #METERS} distinct message ids. The meters run on their own event loop and hand
 * their packets straight to the gateway's loop (no radio, no 6LoWPAN: the mesh would spread the storm over
 * seconds; here the gateway's part alone is measured, with all of it arriving at once). After each storm the
 * benchmark waits until every publish has reached the subscriber and checks, printing the result: every meter
 * got its 2.04, every meter's warning arrived, none is missing and none is there twice after de-duplication by
 * {@code message.id}; a failed check fails the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class LastGaspStormBenchmark {

    static final int METERS = 5_000;
    private static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("fd00:cafe::/64");
    private static final Ipv6Address GATEWAY = PREFIX.withInterfaceId(1);
    private static final long FIRST_METER = 0x02004d6d00100000L;
    private static final String ACCOUNT = "metermesh";
    private static final String CLIENT_ID = "gateway-1";
    private static final String APP_ID = "METERMESH-V1";
    private static final String WARNINGS = ACCOUNT + "/" + CLIENT_ID + "/" + APP_ID + "/meters/+/warning";
    /** The platform's default background commit delay of the state store (StateStoreComponent). */
    private static final int AUTO_COMMIT_DELAY_MS = 1000;
    /** A storm that takes longer than this has lost messages: the run fails. */
    private static final Duration LIMIT = Duration.ofSeconds(120);

    private Mosquitto broker;
    private Storm storm;

    @Setup(Level.Trial)
    public void startBroker() throws Exception {
        broker = Mosquitto.startQuiet();
    }

    @TearDown(Level.Trial)
    public void stopBroker() {
        broker.close();
    }

    @Setup(Level.Iteration)
    public void setUp() throws Exception {
        storm = new Storm(broker);
    }

    @TearDown(Level.Iteration)
    public void checkAndClose() throws Exception {
        try {
            storm.check();
        } finally {
            storm.close();
        }
    }

    @Benchmark
    public int lastGaspStorm() throws Exception {
        return storm.run();
    }

    /** One storm's gateway, meters and subscriber, all new: a fresh store, session and broker subscription. */
    static final class Storm {
        final Path dir;
        final MvStateStore store;
        final RealTimeScheduler gatewayLoop = new RealTimeScheduler("gateway-loop", Duration.ofSeconds(1));
        final RealTimeScheduler meterLoop = new RealTimeScheduler("meters-loop", Duration.ofSeconds(1));
        final Outbox outbox;
        final Counters mqttCounters = new Counters();
        final MqttSession session;
        final Publisher publisher;
        final GatewayApplication app;
        final Map<Ipv6Address, StormMeter> meters = new HashMap<>();
        final Subscriber subscriber;
        final AtomicInteger changed = new AtomicInteger();
        final AtomicInteger notChanged = new AtomicInteger();
        final AtomicLong lastChangedNanos = new AtomicLong();
        final AtomicInteger unpublishable = new AtomicInteger();
        long startNanos;
        long onBrokerNanos;

        Storm(Mosquitto broker) throws Exception {
            dir = Files.createTempDirectory("storm-bench");
            store = MvStateStore.open(dir.resolve("state.mv"), AUTO_COMMIT_DELAY_MS);
            outbox = Outbox.open(store, OutboxConfig.DEFAULT, gatewayLoop, new Counters());
            TelemetrySettings settings = new TelemetrySettings(ACCOUNT, CLIENT_ID, APP_ID, PayloadEncoding.PROTOBUF,
                    TelemetrySettings.DEFAULT_READ);
            byte[] lifecycle = new byte[0];
            session = new MqttSession(MqttSettings.of(broker.url(), CLIENT_ID, ACCOUNT), gatewayLoop,
                    new LifecycleMessages(() -> lifecycle, () -> lifecycle, () -> lifecycle), List.of(),
                    mqttCounters);
            publisher = Publisher.attach(session, new OutboxSource(outbox,
                    (id, cause) -> unpublishable.incrementAndGet()), gatewayLoop, mqttCounters);
            app = new GatewayApplication(gatewayLoop, settings, outbox, new Mesh(), publisher::wake,
                    new GatewayApplication.Events() { }, new Counters());
            CompletableFuture<Void> connected = new CompletableFuture<>();
            session.addListener(new org.metermesh.telemetry.mqtt.MqttSessionListener() {
                @Override
                public void connected() {
                    connected.complete(null);
                }
            });
            subscriber = new Subscriber(broker);
            onMeterLoop(() -> {
                for (int i = 0; i < METERS; i++) {
                    StormMeter meter = new StormMeter(new MeterId(FIRST_METER + i));
                    meters.put(meter.address, meter);
                }
                return null;
            });
            session.start();
            connected.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The storm; returns once the subscriber has every warning. */
        int run() throws Exception {
            startNanos = System.nanoTime();
            meterLoop.execute(() -> meters.values().forEach(StormMeter::lastGasp));
            if (!subscriber.all.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the subscriber has " + subscriber.ids.size() + " of " + METERS
                        + " warnings after " + LIMIT + "; gateway " + app.counters().snapshot() + ", mqtt "
                        + mqttCounters.snapshot());
            }
            onBrokerNanos = subscriber.allNanos - startNanos;
            return subscriber.ids.size();
        }

        /**
         * Waits until the publisher has nothing unacknowledged and the subscriber received as many messages as were
         * published (resends included), so a late duplicate would be seen, then checks and prints.
         */
        void check() throws Exception {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (true) {
                long[] state = onGatewayLoop(() -> new long[] {outbox.size(), publisher.unacknowledged(),
                        mqttCounters.get("published")});
                if (state[0] == 0 && state[1] == 0 && subscriber.received.get() >= state[2]) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not settled within " + LIMIT + ": outbox " + state[0]
                            + ", unacknowledged " + state[1] + ", published " + state[2] + ", received "
                            + subscriber.received.get());
                }
                subscriber.awaitMore(Duration.ofMillis(50));  // bounded wait for the next arrival
            }
            Map<String, Integer> idsPerMeter = new HashMap<>();
            subscriber.ids.values().forEach(meter -> idsPerMeter.merge(meter, 1, Integer::sum));
            long metersTwice = idsPerMeter.values().stream().filter(n -> n > 1).count();
            int lost = METERS - idsPerMeter.size();
            int received = subscriber.received.get();
            Map<String, Long> gateway = app.counters().snapshot();
            Map<String, Long> coap = app.coapCounters().snapshot();
            String line = String.format("storm: %d meters, %d answered 2.04 (%d otherwise) within %d ms, all %d"
                    + " warnings on the broker after %d ms; distinct message.id %d, meters lost %d, meters twice"
                    + " after de-dup %d, deliveries %d (repeated %d); gateway accepted %d, duplicate %d,"
                    + " CoAP duplicates %d; MQTT published %d, acked %d, resent %d; unpublishable %d",
                    METERS, changed.get(), notChanged.get(), (lastChangedNanos.get() - startNanos) / 1_000_000,
                    METERS, onBrokerNanos / 1_000_000, subscriber.ids.size(), lost, metersTwice, received,
                    received - subscriber.ids.size(), gateway.getOrDefault("accepted:warning", 0L),
                    gateway.getOrDefault("duplicate", 0L), coap.getOrDefault("duplicates", 0L),
                    mqttCounters.get("published"), mqttCounters.get("acked"), mqttCounters.get("resent"),
                    unpublishable.get());
            System.out.println();
            System.out.println(line);
            if (changed.get() != METERS || lost != 0 || metersTwice != 0 || subscriber.ids.size() != METERS
                    || subscriber.undecodable.get() != 0 || unpublishable.get() != 0) {
                throw new IllegalStateException("storm check FAILED (" + subscriber.undecodable.get()
                        + " undecodable): " + line);
            }
            System.out.println("storm check passed: none lost, none duplicated after de-dup");
        }

        void close() throws Exception {
            try {
                session.disconnect().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                onGatewayLoop(() -> {
                    app.close();
                    outbox.flush();
                    return null;
                });
            } finally {
                subscriber.close();
                gatewayLoop.close();
                meterLoop.close();
                store.close();
                TempDirectories.delete(dir);
            }
        }

        private <T> T onGatewayLoop(Supplier<T> work) throws Exception {
            return on(gatewayLoop, work);
        }

        private <T> T onMeterLoop(Supplier<T> work) throws Exception {
            return on(meterLoop, work);
        }

        private static <T> T on(RealTimeScheduler loop, Supplier<T> work) throws Exception {
            CompletableFuture<T> result = new CompletableFuture<>();
            loop.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            return result.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** A meter next to the gateway: its COSEM server behind a CoAP endpoint, on the meters' loop. */
        final class StormMeter {
            final Ipv6Address address;
            final MeterAgent agent;
            final CoapEndpoint<Ipv6Address> coap;

            StormMeter(MeterId id) {
                this.address = id.address(PREFIX);
                this.agent = new MeterAgent(meterLoop, String.format("MM%08d", id.eui64() - FIRST_METER));
                agent.putRegister(new Register(ObisCode.VOLTAGE_L1, 2298, -1, Unit.VOLT));
                this.coap = new CoapEndpoint<>(meterLoop, (peer, datagram) -> {
                    Ipv6Packet packet = Ipv6Packet.builder().source(address).destination(peer).hopLimit(64)
                            .udp(MeterProtocol.PORT, MeterProtocol.PORT, datagram).build();
                    gatewayLoop.execute(() -> app.received(packet));
                }, CoapConfig.DEFAULTS, new Counters(), exchange -> exchange.respond(CoapCode.CONTENT,
                        agent.handle(exchange.request().payload()).octets()), new CoapEndpointListener<>() { });
            }

            void lastGasp() {
                MeterMessage.Warning warning = agent.warning(WarningType.LAST_GASP,
                        Optional.of(ObisCode.VOLTAGE_L1));
                CompletionStage<CoapMessage> answer = coap.request(GATEWAY, CoapMessage.request(
                        MeterProtocol.typeFor(warning.messageClass()), CoapCode.POST, MeterProtocol.NOTIFY_PATH,
                        agent.push(warning)));
                answer.whenComplete((response, failure) -> {
                    if (failure == null && response.code().equals(CoapCode.CHANGED)) {
                        changed.incrementAndGet();
                        lastChangedNanos.accumulateAndGet(System.nanoTime(), Math::max);
                    } else {
                        if (notChanged.incrementAndGet() == 1) {
                            System.out.println("first meter without 2.04: " + (failure != null ? failure
                                    : response));
                        }
                    }
                });
            }

            void received(Ipv6Packet packet) {
                try {
                    coap.receive(packet.source(), packet.udp().data());
                } catch (Ipv6FormatException e) {
                    throw new IllegalStateException("the gateway sent a bad UDP datagram", e);
                }
            }
        }

        /** One hop to every meter, packets handed to the meters' loop. */
        final class Mesh implements MeshRouter {
            @Override
            public Optional<Ipv6Address> globalAddress() {
                return Optional.of(GATEWAY);
            }

            @Override
            public boolean hasRoute(Ipv6Address destination) {
                return true;  // every meter of the storm, fixed before it starts
            }

            @Override
            public CompletionStage<TxStatus> send(Ipv6Packet packet) {
                meterLoop.execute(() -> {
                    StormMeter meter = meters.get(packet.destination());
                    if (meter == null) {
                        throw new IllegalStateException("the gateway sent to an unknown meter "
                                + packet.destination());
                    }
                    meter.received(packet);
                });
                return CompletableFuture.completedFuture(TxStatus.ACKED);
            }
        }
    }

    /** A Paho client subscribed with QoS 1 to the warning topics, recording each message's message.id. */
    static final class Subscriber implements AutoCloseable {
        final MqttAsyncClient client;
        final KuraPayloadCodec codec = new KuraPayloadCodec();
        /** message.id to the meter it names. */
        final Map<Long, String> ids = new ConcurrentHashMap<>();
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger undecodable = new AtomicInteger();
        final CountDownLatch all = new CountDownLatch(1);
        volatile long allNanos;

        Subscriber(Mosquitto broker) throws Exception {
            client = new MqttAsyncClient(broker.url(), "storm-subscriber", new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    System.err.println("storm subscriber lost its connection: " + cause);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    record(message.getPayload());
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(true);
            client.connect(options).waitForCompletion(LIMIT.toMillis());
            client.subscribe(WARNINGS, 1).waitForCompletion(LIMIT.toMillis());
        }

        private void record(byte[] payload) {
            PayloadDecodeResult result = codec.decode(payload);
            if (result instanceof PayloadDecodeResult.Decoded decoded
                    && decoded.payload().metric("message.id").orElse(null) instanceof MetricValue.OfLong id
                    && decoded.payload().metric("meter").orElse(null) instanceof MetricValue.OfString meter) {
                ids.put(id.value(), meter.value());
                if (ids.size() == METERS && allNanos == 0) {
                    allNanos = System.nanoTime();
                    all.countDown();
                }
            } else {
                undecodable.incrementAndGet();
            }
            received.incrementAndGet();
            synchronized (this) {
                notifyAll();
            }
        }

        synchronized void awaitMore(Duration atMost) throws InterruptedException {
            TimeUnit.NANOSECONDS.timedWait(this, atMost.toNanos());
        }

        @Override
        public void close() throws Exception {
            client.disconnect().waitForCompletion(LIMIT.toMillis());
            client.close();
        }
    }
}
