package org.metermesh.telemetry.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6FormatException;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.ipv6.MeshRouter;
import org.metermesh.api.ipv6.UdpDatagram;
import org.metermesh.telemetry.coap.CoapCode;
import org.metermesh.telemetry.coap.CoapConfig;
import org.metermesh.telemetry.coap.CoapDecodeResult;
import org.metermesh.telemetry.coap.CoapEndpoint;
import org.metermesh.telemetry.coap.CoapEndpointListener;
import org.metermesh.telemetry.coap.CoapExchange;
import org.metermesh.telemetry.coap.CoapMessage;
import org.metermesh.telemetry.meter.MessageClass;
import org.metermesh.telemetry.meter.MessageDecodeResult;
import org.metermesh.telemetry.meter.MeterMessageCodec;
import org.metermesh.telemetry.meter.MeterProtocol;
import org.metermesh.telemetry.payload.KuraPayload;
import org.metermesh.telemetry.payload.KuraTopic;
import org.metermesh.telemetry.payload.KuraTopics;
import org.metermesh.telemetry.store.Acceptance;
import org.metermesh.telemetry.store.Outbox;
import org.metermesh.telemetry.store.OutboxEntry;
import org.metermesh.telemetry.store.Priority;

/**
 * The gateway end of the meter application protocol ({@link MeterProtocol}), sans-I/O on the stack's event loop:
 * meters' pushed messages arrive as CoAP on UDP 61616, become Kura payloads on the meter's topic and go into the
 * durable {@link Outbox} before the meter gets its 2.04 (DESIGN.md principle 7: nothing counts as accepted before
 * it is stored); the utility's requests ({@link RequestHandler}) go down to meters as COSEM requests over CoAP,
 * source-routed by the RPL root ({@link MeshRouter}), and their replies go through the outbox too.
 *
 * <p>Data topics: {@code {account}/{client-id}/{app-id}/meters/{meter}/{usage|billing|warning}}, the meter named
 * by its EUI-64 in hex ({@link MeterId}); payloads as {@link MeterPayloads} describes.
 *
 * <p>A meter that got no answer sends the same notification (same number) again in a new exchange; if it is among
 * the last ones stored for that meter ({@link RecentNotifications}) it is answered 2.04 and not stored twice
 * (counted as {@code duplicate}).
 *
 * <p>Counters: {@code accepted:<class>}, {@code duplicate}, {@code refused:<reason>}, {@code rejected:<reason>}
 * (undecodable messages), {@code dropped:*}, the request counters of {@link RequestHandler}, and CoAP's as {@code coap:*}.
 */
public final class GatewayApplication {

    /** What the application reports for logging; everything is counted as well. */
    public interface Events {
        default void meterMessageRejected(MeterId meter, String why) {
        }

        default void meterMessageRefused(MeterId meter, String why) {
        }

        default void requestUnanswerable(String topic, String why) {
        }
    }

    /**
     * RFC 7252's defaults, remembering an exchange of every meter of a large neighbourhood: in a Last Gasp storm all
     * of them retransmit within EXCHANGE_LIFETIME, and each repeat must be recognised (the route table's capacity).
     */
    static final CoapConfig COAP = CoapConfig.DEFAULTS.withMaxRememberedExchanges(65_536);

    /** Messages stored with one commit at most; more wait for the next. */
    static final int MAX_BATCH = 64;

    /** QoS 1: at least once, the broker acknowledges; subscribers de-duplicate on message.id. */
    static final int QOS = 1;

    private final Scheduler loop;
    private final TelemetrySettings settings;
    private final Outbox outbox;
    private final MeshRouter router;
    private final Runnable publish;
    private final Events events;
    private final Counters counters;
    private final CoapEndpoint<Ipv6Address> coap;
    private final RequestHandler requests;
    private final Set<MeterId> metersHeard = new HashSet<>();
    /** Each meter's notification numbers stored lately, to recognise a message sent again after a lost 2.04. */
    private final RecentNotifications recent = new RecentNotifications();
    /** Decoded messages waiting for the next group commit. */
    private final List<Pending> pending = new ArrayList<>();

    /**
     * @param router  routes downlink packets, also the gateway's own address
     * @param publish called after messages were accepted, to wake the MQTT publisher
     */
    public GatewayApplication(Scheduler loop, TelemetrySettings settings, Outbox outbox, MeshRouter router,
            Runnable publish, Events events, Counters counters) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.router = Objects.requireNonNull(router, "router");
        this.publish = Objects.requireNonNull(publish, "publish");
        this.events = Objects.requireNonNull(events, "events");
        this.counters = Objects.requireNonNull(counters, "counters");
        Counters coapCounters = new Counters();
        this.coap = new CoapEndpoint<>(loop, this::sendDatagram, COAP, coapCounters, this::serve,
                new CoapEndpointListener<>() {
                    @Override
                    public void rejected(Ipv6Address peer, CoapDecodeResult.Rejected rejection) {
                        events.meterMessageRejected(MeterId.of(peer), "not CoAP: " + rejection.detail());
                    }
                });
        this.requests = new RequestHandler(loop, settings, new MeterClient(coap), new Requests(), counters);
    }

    public Counters counters() {
        return counters;
    }

    public Counters coapCounters() {
        return coap.counters();
    }

    /** Meters heard from since this instance started. */
    public int metersHeard() {
        return metersHeard.size();
    }

    /** A packet the link delivered: CoAP on UDP 61616 to this gateway is ours. Runs on the loop. */
    public void received(Ipv6Packet packet) {
        if (packet.upperLayerProtocol() != UdpDatagram.PROTOCOL) {
            return;
        }
        UdpDatagram udp;
        try {
            udp = packet.udp();
        } catch (Ipv6FormatException e) {
            counters.increment("dropped:bad-udp");
            return;
        }
        if (udp.destinationPort() != MeterProtocol.PORT) {
            return;
        }
        if (router.globalAddress().filter(packet.destination()::equals).isEmpty()) {
            counters.increment("dropped:not-for-us");
            return;
        }
        coap.receive(packet.source(), udp.data());
    }

    /** A message on one of the request topics. Runs on the loop. */
    public void request(String topic, byte[] payload) {
        requests.handle(topic, payload);
    }

    /** Fails every CoAP exchange still waiting. */
    public void close() {
        coap.close();
    }

    // ---- uplink ----

    private void serve(CoapExchange<Ipv6Address> exchange) {
        CoapMessage request = exchange.request();
        MeterId meter = MeterId.of(exchange.peer());
        if (!MeterProtocol.isPost(request, MeterProtocol.NOTIFY_PATH)) {
            counters.increment("dropped:unknown-resource");
            exchange.respond(CoapCode.NOT_FOUND, utf8("use POST /" + MeterProtocol.NOTIFY_PATH));
            return;
        }
        metersHeard.add(meter);
        MessageDecodeResult decoded = MeterMessageCodec.DEFAULT.decode(request.payload());
        if (decoded instanceof MessageDecodeResult.Rejected rejected) {
            counters.increment("rejected:" + rejected.reason().name().toLowerCase(Locale.ROOT));
            events.meterMessageRejected(meter, rejected.detail());
            exchange.respond(CoapCode.BAD_REQUEST, utf8(rejected.reason() + ": " + rejected.detail()));
            return;
        }
        MessageDecodeResult.Decoded message = (MessageDecodeResult.Decoded) decoded;
        if (recent.seen(meter, message.sequence())) {
            // The meter sent it again in a new exchange: our 2.04 was lost, the message is stored already.
            counters.increment("duplicate");
            exchange.respond(CoapCode.CHANGED, new byte[0]);
            return;
        }
        pending.add(new Pending(exchange, meter, message));
        if (pending.size() >= MAX_BATCH) {
            flush();
        } else if (pending.size() == 1) {
            loop.execute(this::flush);
        }
    }

    /**
     * Stores what arrived since the last flush with one commit (the disk sync is most of an accept's cost: a Last
     * Gasp storm is thousands of messages in seconds), then answers each meter: 2.04 once stored, 5.03 if refused.
     * The answers still ride on the CoAP ACKs, well within the separate-response delay.
     */
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> batch = new ArrayList<>(pending);
        pending.clear();
        List<Acceptance> results;
        try {
            results = outbox.acceptNumbered(batch.stream().map(p -> (LongFunction<OutboxEntry>) id -> entry(p, id))
                    .toList());
        } catch (RuntimeException e) {
            counters.increment("refused:store-failure");
            for (Pending p : batch) {
                events.meterMessageRefused(p.meter, "the durable store failed: " + e);
                p.exchange.respond(CoapCode.SERVICE_UNAVAILABLE, utf8("store failure"));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            if (results.get(i) instanceof Acceptance.Refused refused) {
                counters.increment("refused:" + refused.reason().name().toLowerCase(Locale.ROOT));
                events.meterMessageRefused(p.meter, refused.detail());
                p.exchange.respond(CoapCode.SERVICE_UNAVAILABLE, utf8(refused.detail()));
            } else {
                counters.increment("accepted:" + p.className());
                recent.stored(p.meter, p.decoded.sequence());
                p.exchange.respond(CoapCode.CHANGED, new byte[0]);
            }
        }
        publish.run();
    }

    /** A decoded message waiting for the next flush. */
    private record Pending(CoapExchange<Ipv6Address> exchange, MeterId meter, MessageDecodeResult.Decoded decoded) {
        String className() {
            return decoded.message().messageClass().name().toLowerCase(Locale.ROOT);
        }
    }

    /** The outbox entry of a pending message, its payload carrying the id it is stored under. */
    private OutboxEntry entry(Pending p, long id) {
        KuraPayload payload = MeterPayloads.pushed(p.decoded.message(), p.meter, id, p.decoded.sequence());
        String topic = KuraTopics.data(settings.account(), settings.clientId(), settings.appId(), "meters",
                p.meter.toString(), p.className()).topic();
        return new OutboxEntry(p.meter.toString(), priorityOf(p.decoded.message().messageClass()), topic,
                settings.encoding().encode(payload), QOS);
    }

    /** Warnings first, then replies and controls, bills, readings (seed 003's classes, store priorities). */
    static Priority priorityOf(MessageClass messageClass) {
        return switch (messageClass) {
            case WARNING -> Priority.WARNING;
            case CONTROL, REQUEST -> Priority.CONTROL;
            case BILLING -> Priority.BILLING;
            case USAGE -> Priority.USAGE;
        };
    }

    private void sendDatagram(Ipv6Address peer, byte[] datagram) {
        Optional<Ipv6Address> self = router.globalAddress();
        if (self.isEmpty()) {
            counters.increment("dropped:no-address");
            return;
        }
        Ipv6Packet packet = Ipv6Packet.builder().source(self.get()).destination(peer).hopLimit(64)
                .udp(MeterProtocol.PORT, MeterProtocol.PORT, datagram).build();
        router.send(packet).whenComplete((status, failure) -> {
            if (failure != null) {
                counters.increment("dropped:no-route");
            }
        });
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What the request handler needs from the gateway. */
    private final class Requests implements RequestHandler.Gateway {
        @Override
        public Optional<Ipv6Address> routableAddress(MeterId meter) {
            return router.globalAddress().map(self -> meter.address(new Ipv6Prefix(self, 64)))
                    .filter(router::hasRoute);
        }

        @Override
        public void reply(String orderKey, KuraTopic.Reply topic, KuraPayload payload) {
            Acceptance acceptance = outbox.accept(new OutboxEntry(orderKey, Priority.CONTROL, topic.topic(),
                    settings.encoding().encode(payload), QOS));
            if (acceptance instanceof Acceptance.Refused refused) {
                counters.increment("replies:refused");
                events.requestUnanswerable(topic.topic(), "the outbox refused the reply: " + refused.detail());
                return;
            }
            publish.run();
        }

        @Override
        public void status(KuraPayload.Builder b) {
            b.metric("meters.heard", metersHeard.size())
                    .metric("outbox.messages", outbox.size())
                    .metric("outbox.octets", outbox.octets());
            for (Priority priority : Priority.values()) {
                b.metric("outbox." + priority.name().toLowerCase(Locale.ROOT), outbox.size(priority));
            }
            counters.snapshot().forEach((name, count) -> b.metric("count." + name, count));
        }

        @Override
        public void unanswerable(String topic, String why) {
            events.requestUnanswerable(topic, why);
        }
    }
}
