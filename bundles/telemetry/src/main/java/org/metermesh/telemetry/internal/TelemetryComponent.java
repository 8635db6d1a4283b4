package org.metermesh.telemetry.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Listener;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.MeshRouter;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.api.state.StateStore;
import org.metermesh.api.status.StatusContributor;
import org.metermesh.telemetry.gateway.GatewayApplication;
import org.metermesh.telemetry.gateway.MeterId;
import org.metermesh.telemetry.gateway.OutboxSource;
import org.metermesh.telemetry.gateway.PayloadEncoding;
import org.metermesh.telemetry.gateway.TelemetrySettings;
import org.metermesh.telemetry.mqtt.LifecycleMessages;
import org.metermesh.telemetry.mqtt.MqttSession;
import org.metermesh.telemetry.mqtt.MqttSettings;
import org.metermesh.telemetry.mqtt.Publisher;
import org.metermesh.telemetry.payload.KuraPayload;
import org.metermesh.telemetry.store.Outbox;
import org.metermesh.telemetry.store.OutboxConfig;
import org.metermesh.telemetry.store.OutboxLimits;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Meter application messages to and from the utility over MQTT: meters' CoAP on UDP 61616 in, Kura payloads in the
 * Kura namespace out through the durable outbox, requests on {@code $EDC} down to meters. A thin shell: the logic
 * is in {@link GatewayApplication} (on the event loop), {@link Outbox}, {@link MqttSession} and {@link Publisher}.
 * The outbox lives in the platform's state store, so an update of this bundle loses nothing queued.
 */
@Component(name = TelemetryComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Ipv6Listener.class, TelemetryComponent.class, StatusContributor.class},
        property = {"osgi.command.scope=telemetry", "osgi.command.function=stats"})
@Designate(ocd = TelemetryComponent.Config.class)
public final class TelemetryComponent implements Ipv6Listener, StatusContributor {

    public static final String PID = "org.metermesh.telemetry";

    private static final Logger LOG = System.getLogger(TelemetryComponent.class.getName());
    private static final Duration LOOP_TIMEOUT = Duration.ofSeconds(5);

    @ObjectClassDefinition(id = PID, name = "MeterMesh telemetry",
            description = "Publishes meter readings and warnings in the Kura MQTT namespace and answers the "
                    + "utility's requests; every message goes through a durable outbox first.")
    public @interface Config {
        @AttributeDefinition(name = "Broker URL",
                description = "MQTT broker, tcp://host:port or ssl://host:port (TLS).")
        String broker_url() default "tcp://localhost:1883";

        @AttributeDefinition(name = "Account", description = "First level of the Kura topic namespace.")
        String account() default "metermesh";

        @AttributeDefinition(name = "Client ID", description = "MQTT client id and second topic level.")
        String client_id() default "gateway-1";

        @AttributeDefinition(name = "Application ID", description = "Third topic level of data, requests "
                + "and replies (Kura style: name and version).")
        String app_id() default "METERMESH-V1";

        @AttributeDefinition(name = "User name", required = false, description = "Empty: connect without.")
        String username() default "";

        @AttributeDefinition(name = "Password file", required = false, description = "A file holding the "
                + "broker password (kept out of the configuration, which is readable in the console).")
        String password_file() default "";

        @AttributeDefinition(name = "TLS trust store", required = false, description = "PKCS12 or JKS file "
                + "of the CAs to trust for ssl:// (empty: the JVM's).")
        String tls_truststore() default "";

        @AttributeDefinition(name = "Payload encoding", options = {
                @Option(value = "protobuf", label = "KuraPayload protobuf"),
                @Option(value = "protobuf-gzip", label = "KuraPayload protobuf, gzipped"),
                @Option(value = "json", label = "JSON")})
        String payload_encoding() default "protobuf";

        @AttributeDefinition(name = "In-flight window", min = "1", max = "65533",
                description = "QoS 1 publishes awaiting their PUBACK at most.")
        int inflight_window() default MqttSettings.DEFAULT_IN_FLIGHT_WINDOW;

        @AttributeDefinition(name = "Reconnect backoff min (s)", min = "1", max = "3600")
        int reconnect_min_s() default 1;

        @AttributeDefinition(name = "Reconnect backoff max (s)", min = "1", max = "3600")
        int reconnect_max_s() default 60;

        @AttributeDefinition(name = "Keepalive (s)", min = "5", max = "3600")
        int keepalive_s() default 30;

        @AttributeDefinition(name = "Outbox capacity (messages)", min = "100", max = "10000000",
                description = "Beyond it the oldest usage readings are dropped; warnings, bills and replies never.")
        int outbox_max_messages() default 100_000;

        @AttributeDefinition(name = "Outbox capacity (MiB)", min = "1", max = "65536")
        int outbox_max_mib() default 64;
    }

    private final Scheduler loop;
    private final Counters counters = new Counters();
    private final Counters mqttCounters = new Counters();
    private final Counters outboxCounters = new Counters();
    private final MeshRouter router = new CurrentRouter();
    private final Outbox outbox;
    private final MqttSession session;
    private final Publisher publisher;
    private final GatewayApplication application;
    private final long startedNanos;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MeshRouter boundRouter;

    @Activate
    public TelemetryComponent(Config config, @Reference Scheduler loop, @Reference StateStore store,
            BundleContext context) {
        this.loop = loop;
        this.startedNanos = loop.nanoTime();
        TelemetrySettings settings = new TelemetrySettings(config.account(), config.client_id(), config.app_id(),
                PayloadEncoding.named(config.payload_encoding()), TelemetrySettings.DEFAULT_READ);
        this.outbox = Outbox.open(store, new OutboxConfig(OutboxConfig.DEFAULT_MAP, limits(config),
                OutboxConfig.DEFAULT.deliveredCommitBatch()), loop, outboxCounters);
        String version = context.getBundle().getVersion().toString();
        this.session = new MqttSession(mqttSettings(config), loop, lifecycle(settings, version),
                List.of("GET", "PUT", "POST", "DEL", "EXEC").stream().map(method -> "$EDC/" + settings.account()
                        + "/" + settings.clientId() + "/" + settings.appId() + "/" + method + "/#").toList(),
                mqttCounters);
        Events events = new Events();
        OutboxSource source = new OutboxSource(outbox, events::unpublishable);
        this.publisher = Publisher.attach(session, source, loop, mqttCounters);
        this.application = new GatewayApplication(loop, settings, outbox, router, publisher::wake, events, counters);
        session.addListener(new org.metermesh.telemetry.mqtt.MqttSessionListener() {
            @Override
            public void messageArrived(String topic, byte[] payload) {
                application.request(topic, payload);
            }
        });
        session.start();
        LOG.log(Level.INFO, "telemetry to " + config.broker_url() + " as " + settings.account() + "/"
                + settings.clientId() + "/" + settings.appId() + ", " + outbox.size() + " messages queued");
    }

    @Deactivate
    void deactivate() {
        try {
            session.disconnect().get(LOOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(Level.WARNING, "MQTT disconnect did not complete cleanly: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.call("telemetry", LOOP_TIMEOUT, () -> {
            application.close();
            outbox.flush();
            return null;
        });
    }

    // ---- Ipv6Listener: called on the event loop ----

    @Override
    public void received(Ipv6Packet packet, MacAddress linkSource, int rssiDbm, int lqi) {
        application.received(packet);
    }

    // ---- console ----

    /** Broker connection, queue depth and counts: {@code telemetry:stats}. */
    public String stats() {
        return loop.call("telemetry", LOOP_TIMEOUT, () -> {
            StringBuilder sb = new StringBuilder();
            sb.append("broker ").append(session.settings().brokerUrl())
                    .append(session.isConnected() ? " connected" : " NOT connected")
                    .append(", ").append(outbox.size()).append(" queued (").append(outbox.octets())
                    .append(" octets), ").append(publisher.inFlight()).append(" in flight, ")
                    .append(application.metersHeard()).append(" meters heard\n");
            counts().forEach((name, count) -> sb.append(String.format("  %-32s %d%n", name, count)));
            return sb.toString();
        });
    }

    /** Every count of the component, prefixed by where it comes from. */
    public Map<String, Long> counts() {
        Map<String, Long> all = new TreeMap<>();
        counters.snapshot().forEach((k, v) -> all.put("app:" + k, v));
        application.coapCounters().snapshot().forEach((k, v) -> all.put("coap:" + k, v));
        outboxCounters.snapshot().forEach((k, v) -> all.put("outbox:" + k, v));
        mqttCounters.snapshot().forEach((k, v) -> all.put("mqtt:" + k, v));
        return all;
    }

    /** For the console's status line: published since start, queued now (the outbox is safe from any thread). */
    @Override
    public Map<String, Long> status() {
        return Map.of(PUBLISHED, published(), QUEUE, (long) outbox.size());
    }

    /** Messages in the durable outbox, not yet acknowledged by the broker. */
    public int queued() {
        return loop.call("telemetry", LOOP_TIMEOUT, outbox::size);
    }

    public long published() {
        return mqttCounters.get("acked");
    }

    // ---- wiring ----

    private static OutboxLimits limits(Config config) {
        long octets = (long) config.outbox_max_mib() << 20;
        int entries = config.outbox_max_messages();
        // The never-drop headroom: a quarter more, as the default limits have it.
        return new OutboxLimits(entries, octets, entries + entries / 4, octets + octets / 4);
    }

    private static MqttSettings mqttSettings(Config config) {
        MqttSettings s = MqttSettings.of(config.broker_url(), config.client_id(), config.account())
                .withInFlightWindow(config.inflight_window())
                .withBackoff(Duration.ofSeconds(config.reconnect_min_s()), Duration.ofSeconds(config.reconnect_max_s()))
                .withKeepAlive(Duration.ofSeconds(config.keepalive_s()));
        if (!config.username().isBlank()) {
            s = s.withCredentials(config.username(), password(config.password_file()));
        }
        if (!config.tls_truststore().isBlank()) {
            s = s.withTrustStore(Path.of(config.tls_truststore()), "");
        }
        return s;
    }

    private static String password(String file) {
        if (file.isBlank()) {
            return "";
        }
        try {
            return java.nio.file.Files.readString(Path.of(file)).strip();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("password.file: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Kura's BIRTH carries the device's identity; DC and the last will say how long it was up. */
    private LifecycleMessages lifecycle(TelemetrySettings settings, String version) {
        Supplier<byte[]> birth = () -> settings.encoding().encode(KuraPayload.builder().timestamp(loop.now())
                .metric("display_name", settings.clientId())
                .metric("model_name", "MeterMesh gateway")
                .metric("firmware_version", version)
                .metric("application_ids", settings.appId())
                .metric("uptime", uptimeMillis())
                .build());
        Supplier<byte[]> down = () -> settings.encoding().encode(KuraPayload.builder().timestamp(loop.now())
                .metric("uptime", uptimeMillis()).build());
        return new LifecycleMessages(birth, down, down);
    }

    private long uptimeMillis() {
        return (loop.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Logs what the application reports; it counts everything itself. */
    private static final class Events implements GatewayApplication.Events {
        @Override
        public void meterMessageRejected(MeterId meter, String why) {
            LOG.log(Level.WARNING, "meter " + meter + ": message rejected: " + why);
        }

        @Override
        public void meterMessageRefused(MeterId meter, String why) {
            LOG.log(Level.WARNING, "meter " + meter + ": message refused by the outbox: " + why);
        }

        @Override
        public void requestUnanswerable(String topic, String why) {
            LOG.log(Level.WARNING, "request on " + topic + " cannot be answered: " + why);
        }

        void unpublishable(long id, Throwable cause) {
            LOG.log(Level.ERROR, "message " + id + " can never be published and was dropped: " + cause);
        }
    }

    /** The router bound now; without one nothing is routable and downlink packets fail. */
    private final class CurrentRouter implements MeshRouter {
        @Override
        public Optional<Ipv6Address> globalAddress() {
            MeshRouter r = boundRouter;
            return r == null ? Optional.empty() : r.globalAddress();
        }

        @Override
        public boolean hasRoute(Ipv6Address destination) {
            MeshRouter r = boundRouter;
            return r != null && r.hasRoute(destination);
        }

        @Override
        public CompletionStage<TxStatus> send(Ipv6Packet packet) {
            MeshRouter r = boundRouter;
            return r != null ? r.send(packet)
                    : CompletableFuture.failedFuture(new NoRouteException(packet.destination()));
        }
    }
}
