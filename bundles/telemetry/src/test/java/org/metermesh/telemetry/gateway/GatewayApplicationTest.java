package org.metermesh.telemetry.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.ipv6.MeshRouter;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.api.state.StateMap;
import org.metermesh.api.state.StateStore;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.platform.state.MvStateStore;
import org.metermesh.telemetry.coap.CoapCode;
import org.metermesh.telemetry.coap.CoapConfig;
import org.metermesh.telemetry.coap.CoapEndpoint;
import org.metermesh.telemetry.coap.CoapEndpointListener;
import org.metermesh.telemetry.coap.CoapMessage;
import org.metermesh.telemetry.coap.CoapType;
import org.metermesh.telemetry.cosem.ObisCode;
import org.metermesh.telemetry.meter.MeterAgent;
import org.metermesh.telemetry.meter.MeterMessage;
import org.metermesh.telemetry.meter.MeterProtocol;
import org.metermesh.telemetry.meter.Register;
import org.metermesh.telemetry.meter.Unit;
import org.metermesh.telemetry.meter.WarningType;
import org.metermesh.telemetry.payload.KuraPayload;
import org.metermesh.telemetry.payload.KuraPayloadCodec;
import org.metermesh.telemetry.payload.MetricValue;
import org.metermesh.telemetry.payload.PayloadDecodeResult;
import org.metermesh.telemetry.store.Outbox;
import org.metermesh.telemetry.store.OutboxConfig;
import org.metermesh.telemetry.store.OutboxMessage;

/** The gateway application between meters (CoAP over an in-memory mesh) and the durable outbox. */
class GatewayApplicationTest {

    private static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("fd00:cafe::/64");
    private static final Ipv6Address GATEWAY = PREFIX.withInterfaceId(1);
    private static final MeterId METER = new MeterId(0x02004d6d00000005L);
    private static final Duration HOP = Duration.ofMillis(20);
    private static final String REQUESTS = "$EDC/metermesh/gateway-1/METERMESH-V1/";

    @TempDir
    Path dir;

    private final VirtualScheduler loop = new VirtualScheduler(7);
    private final Map<Ipv6Address, FakeMeter> meters = new HashMap<>();
    private final List<String> unanswerable = new ArrayList<>();
    private MvStateStore store;
    private Outbox outbox;
    private GatewayApplication app;
    private int wakes;
    private int commits;

    @BeforeEach
    void setUp() {
        store = MvStateStore.open(dir.resolve("state.mv"), 0);
        StateStore counting = new StateStore() {
            @Override
            public StateMap map(String name) {
                return store.map(name);
            }

            @Override
            public void commit() {
                commits++;
                store.commit();
            }
        };
        outbox = Outbox.open(counting, OutboxConfig.DEFAULT, loop, new Counters());
        TelemetrySettings settings = new TelemetrySettings("metermesh", "gateway-1", "METERMESH-V1",
                PayloadEncoding.PROTOBUF, TelemetrySettings.DEFAULT_READ);
        app = new GatewayApplication(loop, settings, outbox, new Mesh(), () -> wakes++,
                new GatewayApplication.Events() {
                    @Override
                    public void requestUnanswerable(String topic, String why) {
                        unanswerable.add(why);
                    }
                }, new Counters());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aWarningIsInTheDurableOutboxBeforeTheMeterGetsItsAcknowledgement() {
        FakeMeter meter = meter(METER);
        CompletionStage<CoapMessage> answer = meter.push(meter.agent.warning(WarningType.LAST_GASP,
                Optional.of(ObisCode.VOLTAGE_L1)));
        loop.runFor(Duration.ofSeconds(1));

        assertThat(answer.toCompletableFuture().join().code()).isEqualTo(CoapCode.CHANGED);
        List<OutboxMessage> queued = outbox.nextBatch(10, java.util.Set.of());
        assertThat(queued).hasSize(1);
        OutboxMessage m = queued.get(0);
        assertThat(m.entry().topic()).isEqualTo("metermesh/gateway-1/METERMESH-V1/meters/02004d6d00000005/warning");
        assertThat(m.entry().qos()).isEqualTo(1);
        KuraPayload payload = decode(m.entry().payload());
        assertThat(payload.metric("message.id")).contains(new MetricValue.OfLong(m.id()));
        assertThat(payload.metric("meter")).contains(new MetricValue.OfString("02004d6d00000005"));
        assertThat(payload.metric("warning")).contains(new MetricValue.OfString("last_gasp"));
        assertThat(payload.metric("event.code")).contains(new MetricValue.OfInt(1));
        assertThat(payload.metric("1-0:32.7.0.255")).contains(new MetricValue.OfDouble(229.8));
        assertThat(payload.metric("1-0:32.7.0.255.unit")).contains(new MetricValue.OfString("V"));
        assertThat(wakes).isEqualTo(1);
        assertThat(app.counters().get("accepted:warning")).isEqualTo(1);
    }

    @Test
    void aLastGaspStormIsStoredWithOneCommitPerBatchAndEveryPayloadCarriesItsOwnId() {
        List<CompletionStage<CoapMessage>> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            FakeMeter meter = meter(new MeterId(0x02004d6d00001000L + i));
            answers.add(meter.push(meter.agent.warning(WarningType.LAST_GASP, Optional.empty())));
        }
        int before = commits;
        loop.runFor(Duration.ofSeconds(1));

        assertThat(answers).allSatisfy(a -> assertThat(a.toCompletableFuture().join().code())
                .isEqualTo(CoapCode.CHANGED));
        assertThat(commits - before).isLessThanOrEqualTo(300 / GatewayApplication.MAX_BATCH + 1);
        List<OutboxMessage> queued = outbox.nextBatch(1000, java.util.Set.of());
        assertThat(queued).hasSize(300).allSatisfy(m -> assertThat(decode(m.entry().payload())
                .metric("message.id")).contains(new MetricValue.OfLong(m.id())));
    }

    @Test
    void aUsageReadingGoesNonConfirmableAndCarriesItsRegisters() {
        FakeMeter meter = meter(METER);
        CompletionStage<CoapMessage> answer = meter.push(meter.agent.usageReading(Duration.ofMinutes(15)));
        loop.runFor(Duration.ofSeconds(1));

        assertThat(meter.sentTypes).containsExactly(CoapType.NON);
        assertThat(answer.toCompletableFuture().join().code()).isEqualTo(CoapCode.CHANGED);
        KuraPayload payload = decode(outbox.nextBatch(1, java.util.Set.of()).get(0).entry().payload());
        assertThat(payload.metric("class")).contains(new MetricValue.OfString("usage"));
        assertThat(payload.metric("interval.s")).contains(new MetricValue.OfLong(900));
        assertThat(payload.metric("1-0:1.8.0.255")).contains(new MetricValue.OfDouble(1234567));
        assertThat(payload.metric("1-0:1.8.0.255.unit")).contains(new MetricValue.OfString("Wh"));
    }

    @Test
    void aNotificationSentAgainAfterALostAnswerIsStoredOnce() {
        FakeMeter meter = meter(METER);
        byte[] octets = meter.agent.push(meter.agent.billingSnapshot());
        meter.coap.request(GATEWAY, CoapMessage.request(CoapType.CON, CoapCode.POST, MeterProtocol.NOTIFY_PATH,
                octets));
        loop.runFor(Duration.ofSeconds(1));
        CompletionStage<CoapMessage> again = meter.coap.request(GATEWAY, CoapMessage.request(CoapType.CON,
                CoapCode.POST, MeterProtocol.NOTIFY_PATH, octets));
        loop.runFor(Duration.ofSeconds(1));

        assertThat(again.toCompletableFuture().join().code()).isEqualTo(CoapCode.CHANGED);
        assertThat(outbox.size()).isEqualTo(1);
        assertThat(app.counters().get("duplicate")).isEqualTo(1);
    }

    @Test
    void aMalformedNotificationIsAnsweredBadRequestAndNothingIsStored() {
        FakeMeter meter = meter(METER);
        CompletionStage<CoapMessage> answer = meter.coap.request(GATEWAY, CoapMessage.request(CoapType.CON,
                CoapCode.POST, MeterProtocol.NOTIFY_PATH, new byte[] {0x0F, 0x00, 0x01}));
        loop.runFor(Duration.ofSeconds(1));

        CoapMessage response = answer.toCompletableFuture().join();
        assertThat(response.code()).isEqualTo(CoapCode.BAD_REQUEST);
        assertThat(response.payloadString()).isNotBlank();
        assertThat(outbox.size()).isZero();
        assertThat(app.counters().snapshot().keySet()).anyMatch(k -> k.startsWith("rejected:"));
    }

    @Test
    void anOnDemandReadReachesTheMeterAndItsReplyGoesToTheRequester() {
        meter(METER);
        app.request(REQUESTS + "GET/meters/02004d6d00000005/registers",
                request("req-1", "utility-7", "1-0:1.8.0.255, 1-0:32.7.0"));
        loop.runFor(Duration.ofSeconds(5));

        OutboxMessage reply = single();
        assertThat(reply.entry().topic()).isEqualTo("$EDC/metermesh/utility-7/METERMESH-V1/REPLY/req-1");
        KuraPayload payload = decode(reply.entry().payload());
        assertThat(payload.metric("response.code")).contains(new MetricValue.OfInt(200));
        assertThat(payload.metric("1-0:1.8.0.255")).contains(new MetricValue.OfDouble(1234567));
        assertThat(payload.metric("1-0:32.7.0.255")).contains(new MetricValue.OfDouble(229.8));
    }

    @Test
    void aRemoteDisconnectOpensTheMetersSwitch() {
        FakeMeter meter = meter(METER);
        app.request(REQUESTS + "EXEC/meters/02004d6d00000005/disconnect", request("r2", "utility-7", null));
        loop.runFor(Duration.ofSeconds(5));

        assertThat(meter.agent.connected()).isFalse();
        KuraPayload payload = decode(single().entry().payload());
        assertThat(payload.metric("response.code")).contains(new MetricValue.OfInt(200));
        assertThat(payload.metric("command")).contains(new MetricValue.OfString("remote_disconnect"));
    }

    @Test
    void anUnknownMeterGets404AndAnUnknownResource404() {
        app.request(REQUESTS + "GET/meters/02004d6d000000ff", request("r3", "utility-7", null));
        assertThat(code(single())).isEqualTo(404);
        assertThat(message(single())).contains("unknown meter 02004d6d000000ff");
        outbox.delivered(single().id());

        app.request(REQUESTS + "GET/transformers/7", request("r4", "utility-7", null));
        assertThat(code(single())).isEqualTo(404);
        assertThat(message(single())).contains("no resource GET transformers/7");
    }

    @Test
    void aBadMeterIdOrRegisterListGets400() {
        meter(METER);
        app.request(REQUESTS + "GET/meters/not-a-meter", request("r5", "utility-7", null));
        assertThat(code(single())).isEqualTo(400);
        outbox.delivered(single().id());

        app.request(REQUESTS + "GET/meters/02004d6d00000005", request("r6", "utility-7", "1-0:1.8"));
        assertThat(code(single())).isEqualTo(400);
    }

    @Test
    void aMeterThatNeverAnswersGets500AfterTheCoapRetransmissions() {
        meter(METER).deaf = true;
        app.request(REQUESTS + "GET/meters/02004d6d00000005", request("r7", "utility-7", "1-0:1.8.0"));
        loop.runFor(CoapConfig.DEFAULTS.maxTransmitWait().plusSeconds(1));

        // One timeout is enough: the rest of the read is not sent into the void (8 requests would take 12 min).
        assertThat(code(single())).isEqualTo(500);
        assertThat(message(single())).contains("read no register").contains("1-0:1.8.0.255 NO_ANSWER");
    }

    @Test
    void aRequestWithoutIdOrWithGarbageCannotBeAnsweredAndIsReported() {
        app.request(REQUESTS + "GET/mesh/status", new KuraPayloadCodec().encode(KuraPayload.builder()
                .metric("requester.client.id", "utility-7").build()));
        app.request(REQUESTS + "GET/mesh/status", new byte[] {(byte) 0xff, 0x01});

        assertThat(outbox.size()).isZero();
        assertThat(unanswerable).hasSize(2);
        assertThat(unanswerable.get(0)).contains("request.id");
        assertThat(app.counters().get("requests:unanswerable")).isEqualTo(2);
    }

    @Test
    void theMeshStatusReportsQueueAndMeters() {
        FakeMeter meter = meter(METER);
        meter.push(meter.agent.billingSnapshot());
        loop.runFor(Duration.ofSeconds(1));
        app.request(REQUESTS + "GET/mesh/status", request("r8", "utility-7", null));

        OutboxMessage reply = outbox.nextBatch(10, java.util.Set.of()).stream()
                .filter(m -> m.entry().topic().endsWith("/REPLY/r8")).findFirst().orElseThrow();
        KuraPayload status = decode(reply.entry().payload());
        assertThat(status.metric("response.code")).contains(new MetricValue.OfInt(200));
        assertThat(status.metric("meters.heard")).contains(new MetricValue.OfInt(1));
        assertThat(status.metric("outbox.billing")).contains(new MetricValue.OfInt(1));
    }

    // ---- helpers ----

    private OutboxMessage single() {
        List<OutboxMessage> queued = outbox.nextBatch(10, java.util.Set.of());
        assertThat(queued).hasSize(1);
        return queued.get(0);
    }

    private static int code(OutboxMessage m) {
        return ((MetricValue.OfInt) decode(m.entry().payload()).metric("response.code").orElseThrow()).value();
    }

    private static String message(OutboxMessage m) {
        return ((MetricValue.OfString) decode(m.entry().payload()).metric("response.exception.message")
                .orElseThrow()).value();
    }

    private static byte[] request(String id, String requester, String registers) {
        KuraPayload.Builder b = KuraPayload.builder().metric("request.id", id).metric("requester.client.id",
                requester);
        if (registers != null) {
            b.metric("registers", registers);
        }
        return new KuraPayloadCodec().encode(b.build());
    }

    private static KuraPayload decode(byte[] bytes) {
        PayloadDecodeResult result = new KuraPayloadCodec().decode(bytes);
        assertThat(result).isInstanceOf(PayloadDecodeResult.Decoded.class);
        return ((PayloadDecodeResult.Decoded) result).payload();
    }

    private FakeMeter meter(MeterId id) {
        FakeMeter meter = new FakeMeter(id.address(PREFIX));
        meters.put(meter.address, meter);
        return meter;
    }

    /** A meter one hop away: its COSEM server behind a CoAP endpoint, packets delayed by one hop. */
    private final class FakeMeter {
        final Ipv6Address address;
        final MeterAgent agent = new MeterAgent(loop, "MM0005");
        final CoapEndpoint<Ipv6Address> coap;
        final List<CoapType> sentTypes = new ArrayList<>();
        boolean deaf;

        FakeMeter(Ipv6Address address) {
            this.address = address;
            agent.putRegister(new Register(ObisCode.ACTIVE_ENERGY_IMPORT, 1_234_567, 0, Unit.WATT_HOUR));
            agent.putRegister(new Register(ObisCode.VOLTAGE_L1, 2298, -1, Unit.VOLT));
            this.coap = new CoapEndpoint<>(loop, (peer, datagram) -> {
                Ipv6Packet packet = Ipv6Packet.builder().source(address).destination(peer).hopLimit(64)
                        .udp(MeterProtocol.PORT, MeterProtocol.PORT, datagram).build();
                loop.schedule(HOP, () -> app.received(packet));
            }, CoapConfig.DEFAULTS, new Counters(), exchange -> exchange.respond(CoapCode.CONTENT,
                    agent.handle(exchange.request().payload()).octets()), new CoapEndpointListener<>() { });
        }

        CompletionStage<CoapMessage> push(MeterMessage.Pushed message) {
            CoapType type = MeterProtocol.typeFor(message.messageClass());
            sentTypes.add(type);
            return coap.request(GATEWAY, CoapMessage.request(type, CoapCode.POST, MeterProtocol.NOTIFY_PATH,
                    agent.push(message)));
        }

        void received(Ipv6Packet packet) {
            if (!deaf) {
                try {
                    coap.receive(packet.source(), packet.udp().data());
                } catch (org.metermesh.api.ipv6.Ipv6FormatException e) {
                    throw new AssertionError("the gateway sent a bad UDP datagram", e);
                }
            }
        }
    }

    /** The mesh as the RPL root sees it: routes to the meters created so far. */
    private final class Mesh implements MeshRouter {
        @Override
        public Optional<Ipv6Address> globalAddress() {
            return Optional.of(GATEWAY);
        }

        @Override
        public boolean hasRoute(Ipv6Address destination) {
            return meters.containsKey(destination);
        }

        @Override
        public CompletionStage<TxStatus> send(Ipv6Packet packet) {
            FakeMeter meter = meters.get(packet.destination());
            if (meter == null) {
                return CompletableFuture.failedFuture(new NoRouteException(packet.destination()));
            }
            loop.schedule(HOP, () -> meter.received(packet));
            return CompletableFuture.completedFuture(TxStatus.ACKED);
        }
    }
}
