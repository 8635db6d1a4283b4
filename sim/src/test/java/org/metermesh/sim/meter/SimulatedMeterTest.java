package org.metermesh.sim.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
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
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.platform.state.MvStateStore;
import org.metermesh.sim.MeterProfile;
import org.metermesh.telemetry.gateway.GatewayApplication;
import org.metermesh.telemetry.gateway.PayloadEncoding;
import org.metermesh.telemetry.gateway.TelemetrySettings;
import org.metermesh.telemetry.payload.KuraPayload;
import org.metermesh.telemetry.payload.KuraPayloadCodec;
import org.metermesh.telemetry.payload.MetricValue;
import org.metermesh.telemetry.payload.PayloadDecodeResult;
import org.metermesh.telemetry.store.Outbox;
import org.metermesh.telemetry.store.OutboxConfig;
import org.metermesh.telemetry.store.OutboxMessage;

/** One simulated meter's application against the gateway's real application core and durable outbox. */
class SimulatedMeterTest {

    private static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("fd00:cafe::/64");
    private static final Ipv6Address GATEWAY = PREFIX.withInterfaceId(0x0000_4d6d_0000_0001L);
    private static final Ipv6Address METER = PREFIX.withInterfaceId(0x0000_4d6d_0000_0002L);
    private static final Duration HOP = Duration.ofMillis(30);

    @TempDir
    Path dir;

    private final VirtualScheduler loop = new VirtualScheduler(3);
    private MvStateStore store;
    private Outbox outbox;
    private GatewayApplication gateway;
    private SimulatedMeter meter;
    private boolean online = true;
    private boolean dark;

    @BeforeEach
    void setUp() {
        store = MvStateStore.open(dir.resolve("state.mv"), 0);
        outbox = Outbox.open(store, OutboxConfig.DEFAULT, loop, new Counters());
        gateway = new GatewayApplication(loop, new TelemetrySettings("metermesh", "gateway-1", "METERMESH-V1",
                PayloadEncoding.PROTOBUF, TelemetrySettings.DEFAULT_READ), outbox, new Downlink(), () -> { },
                new GatewayApplication.Events() { }, new Counters());
        meter = new SimulatedMeter(loop, MeterProfile.DEMO, new SplittableRandom(5), "MM00000002", METER, GATEWAY,
                packet -> loop.schedule(HOP, () -> gateway.received(packet)), () -> online, () -> dark = true);
        meter.readingInterval(Duration.ofSeconds(10)); // one meter: as fast as a demo for a handful of meters
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void readingsEveryTenSecondsArriveInTheOutboxWithPlausibleValues() {
        meter.start();
        loop.runFor(Duration.ofMinutes(1));

        List<KuraPayload> usage = queued("usage");
        assertThat(usage).hasSizeBetween(5, 6);
        assertThat((long) usage.size()).isEqualTo(meter.counters().get("delivered:usage"));
        KuraPayload first = usage.get(0);
        double volts = ((MetricValue.OfDouble) first.metric("1-0:32.7.0.255").orElseThrow()).value();
        assertThat(volts).isBetween(207.0, 253.0);                  // 230 V +/- 10 % (EN 50160)
        double kwh = ((MetricValue.OfDouble) first.metric("1-0:1.8.0.255").orElseThrow()).value() / 1000;
        assertThat(kwh).isBetween(1_000.0, 41_000.0);
        double energyNow = ((MetricValue.OfDouble) usage.get(usage.size() - 1).metric("1-0:1.8.0.255")
                .orElseThrow()).value();
        assertThat(energyNow).isGreaterThanOrEqualTo(kwh * 1000);    // the register only counts up
    }

    @Test
    void aDetachedMeterKeepsItsMessagesAndSendsThemOnceItHasARoute() {
        online = false;
        meter.start();
        loop.runFor(Duration.ofMinutes(1));
        assertThat(outbox.size()).isZero();
        assertThat(meter.queued()).isGreaterThanOrEqualTo(5);

        online = true;
        loop.runFor(Duration.ofMinutes(1));
        assertThat(meter.queued()).isLessThanOrEqualTo(1);
        assertThat(queued("usage")).hasSizeGreaterThanOrEqualTo(11);
        assertThat(meter.counters().get("dropped:usage")).isZero();
    }

    @Test
    void aLongOutageKeepsADayOfReadingsAndNeverDropsABill() {
        online = false;
        meter.start();
        loop.runFor(Duration.ofMinutes(30));                        // 180 readings, 6 bills at demo pace

        assertThat(meter.queued()).isEqualTo(SimulatedMeter.QUEUE_CAPACITY);
        assertThat(meter.counters().get("dropped:usage")).isPositive();
        online = true;
        loop.runFor(Duration.ofMinutes(5));
        assertThat((long) queued("billing").size()).isEqualTo(meter.counters().get("pushed:billing"));
    }

    @Test
    void aPowerLossSendsTheLastGaspBeforeTheMeterGoesDark() {
        meter.start();
        loop.runFor(Duration.ofSeconds(20));
        meter.powerLost();
        loop.runFor(MeterProfile.LAST_GASP_HOLD_UP.minusMillis(1));
        assertThat(dark).isFalse();
        loop.runFor(Duration.ofMillis(1));

        assertThat(dark).isTrue();
        List<KuraPayload> warnings = queued("warning");
        assertThat(warnings).anySatisfy(w -> assertThat(w.metric("warning"))
                .contains(new MetricValue.OfString("last_gasp")));
        int before = outbox.size();
        loop.runFor(Duration.ofMinutes(1));
        assertThat(outbox.size()).isEqualTo(before);                // dark: no more readings
    }

    @Test
    void afterTheOutageTheMeterReportsPowerRestoredAndCarriesOnWithItsRegisters() {
        meter.start();
        loop.runFor(Duration.ofSeconds(20));
        meter.powerLost();
        loop.runFor(Duration.ofSeconds(30));
        double energyBefore = meter.agent().register(org.metermesh.telemetry.cosem.ObisCode.ACTIVE_ENERGY_IMPORT)
                .orElseThrow().doubleValue();

        meter.powerRestored(packet -> loop.schedule(HOP, () -> gateway.received(packet)), () -> online,
                () -> dark = true);
        loop.runFor(Duration.ofSeconds(20));

        assertThat(meter.powered()).isTrue();
        assertThat(queued("warning")).extracting(w -> w.metric("warning").orElseThrow())
                .contains(new MetricValue.OfString("last_gasp"), new MetricValue.OfString("power_restored"));
        List<KuraPayload> usage = queued("usage");
        double energyAfter = ((MetricValue.OfDouble) usage.get(usage.size() - 1).metric("1-0:1.8.0.255")
                .orElseThrow()).value();
        assertThat(energyAfter).isGreaterThanOrEqualTo(energyBefore);   // non-volatile: counts on from where it was
        assertThat(usage.size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aVoltageSwellRaisesOneOverVoltageWarning() {
        meter.start();
        meter.voltageExcursion(0.15);
        loop.runFor(Duration.ofSeconds(25));

        assertThat(queued("warning")).singleElement().satisfies(w -> {
            assertThat(w.metric("warning")).contains(new MetricValue.OfString("over_voltage"));
            double volts = ((MetricValue.OfDouble) w.metric("1-0:32.7.0.255").orElseThrow()).value();
            assertThat(volts).isGreaterThan(253.0);
        });
    }

    @Test
    void theGatewaysOnDemandReadAndDisconnectReachTheMeter() {
        meter.start();
        gateway.request("$EDC/metermesh/gateway-1/METERMESH-V1/GET/meters/02004d6d00000002", request("r1"));
        gateway.request("$EDC/metermesh/gateway-1/METERMESH-V1/EXEC/meters/02004d6d00000002/disconnect",
                request("r2"));
        loop.runFor(Duration.ofSeconds(5));

        List<KuraPayload> replies = outbox.nextBatch(100, Set.of()).stream().map(OutboxMessage::entry)
                .filter(e -> e.topic().contains("/REPLY/"))
                .map(e -> ((PayloadDecodeResult.Decoded) new KuraPayloadCodec().decode(e.payload())).payload())
                .toList();
        assertThat(replies).hasSize(2).allSatisfy(r -> assertThat(r.metric("response.code"))
                .contains(new MetricValue.OfInt(200)));
        assertThat(replies).anySatisfy(r -> assertThat(r.metric("1-0:1.8.0.255")).isPresent());
        assertThat(meter.agent().connected()).isFalse();
        assertThat(meter.counters().get("requests")).isEqualTo(9);  // 4 registers x (value, scaler_unit) + action
    }

    private static byte[] request(String id) {
        return new KuraPayloadCodec().encode(KuraPayload.builder().metric("request.id", id)
                .metric("requester.client.id", "utility-7").build());
    }

    private List<KuraPayload> queued(String messageClass) {
        return outbox.nextBatch(10_000, Set.of()).stream().map(OutboxMessage::entry)
                .filter(e -> e.topic().endsWith("/" + messageClass))
                .map(e -> ((PayloadDecodeResult.Decoded) new KuraPayloadCodec().decode(e.payload())).payload())
                .toList();
    }

    /** The gateway's route back to the one meter. */
    private final class Downlink implements MeshRouter {
        @Override
        public Optional<Ipv6Address> globalAddress() {
            return Optional.of(GATEWAY);
        }

        @Override
        public boolean hasRoute(Ipv6Address destination) {
            return destination.equals(METER);
        }

        @Override
        public CompletionStage<TxStatus> send(Ipv6Packet packet) {
            loop.schedule(HOP, () -> meter.received(packet));
            return CompletableFuture.completedFuture(TxStatus.ACKED);
        }
    }
}
