package org.metermesh.sim;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.MeshRouter;
import org.metermesh.platform.state.MvStateStore;
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
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Link;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.LinkState;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.RadioFrame;
import org.metermesh.api.radio.RadioListener;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.radio.mac.MacRadioDriver;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.rpl.dodag.RootConfig;
import org.metermesh.rpl.dodag.RplEventListener;
import org.metermesh.rpl.dodag.RplRoot;
import org.metermesh.rpl.forwarding.RoutingCores;
import org.metermesh.rpl.forwarding.RplForwarder;
import org.metermesh.sixlowpan.adaptation.AdaptationLayer;
import org.metermesh.sixlowpan.adaptation.LinkService;
import org.metermesh.sixlowpan.frag.ReassemblyConfig;
import org.metermesh.sixlowpan.iphc.ContextTable;
import org.metermesh.sixlowpan.iphc.IphcCodec;
import org.junit.jupiter.api.Test;

/**
 * The live neighbourhood in virtual time, with a gateway stack on its radio driver as the gateway's bundles build
 * theirs (6LoWPAN over the {@code RadioDriver}, RPL forwarding, the DODAG root): the meters join and register.
 */
class LiveNeighbourhoodTest {

    private static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("fd00:cafe::/64");

    private static LiveNeighbourhood.Settings settings(int meters, MeterProfile profile) {
        return new LiveNeighbourhood.Settings(meters, Neighbourhood.Layout.STREETS, 1000, 3, profile,
                ChannelPlan.named("sun-fsk-na-150"), 17, 0xcafe, 14, PREFIX, java.util.Optional.empty());
    }

    @Test
    void demoMetersJoinTheGatewaysRootOverItsRadioDriverWithinAMinute() {
        VirtualScheduler loop = new VirtualScheduler(3);
        LiveNeighbourhood neighbourhood = LiveNeighbourhood.start(loop, settings(40, MeterProfile.DEMO));
        RplRoot root = GatewayStack.on(loop, neighbourhood.gatewayRadio()).root;

        loop.runFor(Duration.ofSeconds(60));

        assertThat(neighbourhood.meterCount()).isEqualTo(40);
        assertThat(neighbourhood.attachedMeters()).isEqualTo(40);
        assertThat(root.routeCount()).as("meters the gateway's root can route to").isEqualTo(40);
    }

    /**
     * A power cut of a street with the gateway's telemetry application on the stack: every meter on it sends its
     * Last Gasp, the warnings reach the gateway's durable outbox, and when the supply returns the meters rejoin and
     * report Power Restored.
     */
    @Test
    void aStreetOutageIsALastGaspStormAndItsMetersComeBack(@TempDir Path dir) {
        VirtualScheduler loop = new VirtualScheduler(3);
        LiveNeighbourhood neighbourhood = LiveNeighbourhood.start(loop, settings(40, MeterProfile.DEMO));
        GatewayStack gateway = GatewayStack.on(loop, neighbourhood.gatewayRadio());
        try (MvStateStore store = MvStateStore.open(dir.resolve("state.mv"), 0)) {
            Outbox outbox = Outbox.open(store, OutboxConfig.DEFAULT, loop, new Counters());
            GatewayApplication telemetry = new GatewayApplication(loop, new TelemetrySettings("metermesh",
                    "gateway-1", "METERMESH-V1", PayloadEncoding.PROTOBUF, TelemetrySettings.DEFAULT_READ), outbox,
                    gateway.router(), () -> { }, new GatewayApplication.Events() { }, new Counters());
            gateway.application(telemetry::received);
            loop.runFor(Duration.ofSeconds(60));

            int cut = neighbourhood.outage(-1, Duration.ofSeconds(60)); // the street south of the gateway
            loop.runFor(Duration.ofSeconds(30));

            assertThat(cut).as("meters on street -1").isGreaterThan(3);
            assertThat(neighbourhood.attachedMeters()).isEqualTo(40 - cut);
            assertThat(warnings(outbox, "last_gasp")).as("Last Gasps stored while the street is dark")
                    .hasSizeGreaterThanOrEqualTo(cut / 2);

            // The supply is back after 60 s; rebooted meters rejoin and then report, some after several minutes
            // of retrying while their route settles. Bounded: at most ten more simulated minutes.
            for (int step = 0; step < 60 && warnings(outbox, "power_restored").size() < cut; step++) {
                loop.runFor(Duration.ofSeconds(10));
            }
            assertThat(neighbourhood.attachedMeters()).isEqualTo(40);
            // each meter's once: a Last Gasp stored but unanswered before the meter went dark, sent again after
            // Power Restored, is recognised as a repeat
            assertThat(warnings(outbox, "last_gasp")).hasSize(cut).doesNotHaveDuplicates();
            assertThat(warnings(outbox, "power_restored")).hasSize(cut).doesNotHaveDuplicates();
        }
    }

    @Test
    void aScriptedWarningIsRaisedByTheMetersSensorsAndPowerWarningsAreNot() {
        VirtualScheduler loop = new VirtualScheduler(3);
        LiveNeighbourhood neighbourhood = LiveNeighbourhood.start(loop, settings(5, MeterProfile.DEMO));
        loop.runFor(Duration.ofSeconds(1));
        long before = neighbourhood.meter(3).counters().get("pushed:warning");

        neighbourhood.warn(3, org.metermesh.telemetry.meter.WarningType.TAMPER_TILT);
        neighbourhood.warn(3, org.metermesh.telemetry.meter.WarningType.OVER_VOLTAGE);

        assertThat(neighbourhood.meter(3).counters().get("pushed:warning")).isEqualTo(before + 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> neighbourhood.warn(3,
                org.metermesh.telemetry.meter.WarningType.LAST_GASP)).hasMessageContaining("come from outages");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> neighbourhood.warn(6,
                org.metermesh.telemetry.meter.WarningType.TAMPER_TILT)).hasMessage("no meter 6; meters 1 to 5");
    }

    /** The meter of every warning of this type in the outbox. */
    private static java.util.List<String> warnings(Outbox outbox, String type) {
        java.util.List<String> meters = new java.util.ArrayList<>();
        for (OutboxMessage m : outbox.nextBatch(100_000, java.util.Set.of())) {
            KuraPayload p = ((PayloadDecodeResult.Decoded) new KuraPayloadCodec().decode(m.entry().payload()))
                    .payload();
            if (p.metric("warning").equals(java.util.Optional.of(new MetricValue.OfString(type)))) {
                meters.add(((MetricValue.OfString) p.metric("meter").orElseThrow()).value());
            }
        }
        return meters;
    }

    @Test
    void fieldMetersWaitForTheirStaggeredJoin() {
        VirtualScheduler loop = new VirtualScheduler(3);
        LiveNeighbourhood neighbourhood = LiveNeighbourhood.start(loop, settings(40, MeterProfile.FIELD));
        GatewayStack.on(loop, neighbourhood.gatewayRadio());

        loop.runFor(Duration.ofSeconds(5));

        // Field meters send their first DIS at a random time in [0, 60 s) and their first DAO about 15 s after
        // joining: five seconds in, most are still waiting.
        assertThat(neighbourhood.attachedMeters()).isLessThan(40);
    }

    @Test
    void metersAreBuiltInSmallLoopTasksSoTheGatewaysTimersKeepRunning() {
        VirtualScheduler loop = new VirtualScheduler(3);
        LiveNeighbourhood neighbourhood = LiveNeighbourhood.start(loop, settings(60, MeterProfile.DEMO));

        assertThat(neighbourhood.meterCount()).isEqualTo(60);
        long tasksBefore = loop.executed();
        loop.runFor(Duration.ZERO);
        assertThat(loop.executed() - tasksBefore).as("loop tasks building 60 meters, 25 at a time")
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void stoppedMetersLeaveTheMedium() {
        VirtualScheduler loop = new VirtualScheduler(3);
        LiveNeighbourhood neighbourhood = LiveNeighbourhood.start(loop, settings(10, MeterProfile.DEMO));
        GatewayStack.on(loop, neighbourhood.gatewayRadio());
        loop.runFor(Duration.ofSeconds(60));

        neighbourhood.stopMeters();
        loop.runFor(Duration.ofSeconds(1));

        assertThat(neighbourhood.attachedMeters()).isZero();
    }

    @Test
    void profilesAreNamedAsInTheConfiguration() {
        assertThat(MeterProfile.named(" Demo ")).isEqualTo(MeterProfile.DEMO);
        assertThat(MeterProfile.named("field")).isEqualTo(MeterProfile.FIELD);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MeterProfile.named("lab"))
                .hasMessage("unknown profile 'lab'; known: demo, field");
    }

    /** What the sixlowpan and rpl bundles build on the radio driver, reduced to the cores. */
    private static final class GatewayStack implements RadioListener, LinkService, Ipv6Link {

        private final MacRadioDriver radio;
        private final ExtendedAddress address;
        private final AdaptationLayer adaptation;
        private final RplForwarder forwarder;
        private final RplRoot root;
        private java.util.function.Consumer<Ipv6Packet> application = packet -> { };

        private GatewayStack(VirtualScheduler loop, MacRadioDriver radio) {
            this.radio = radio;
            this.address = ExtendedAddress.of(radio.settings().extendedAddress());
            this.adaptation = new AdaptationLayer(loop, this, new IphcCodec(new ContextTable().set(0, PREFIX)),
                    ReassemblyConfig.DEFAULTS, (packet, source, rssi, lqi) -> forwarding().received(packet, source,
                            rssi, lqi));
            this.forwarder = new RplForwarder(this, PREFIX, () -> RoutingCores.of(root()),
                    (p, s, r, l) -> application.accept(p));
            this.root = new RplRoot(loop, RootConfig.defaults(address, PREFIX), forwarder, RplEventListener.NONE);
            radio.addListener(this);
            root.start();
        }

        static GatewayStack on(VirtualScheduler loop, MacRadioDriver radio) {
            return new GatewayStack(loop, radio);
        }

        private RplForwarder forwarding() {
            return forwarder;
        }

        /** The gateway's own applications' packets (telemetry's UDP 61616) go to {@code receiver}. */
        void application(java.util.function.Consumer<Ipv6Packet> receiver) {
            this.application = receiver;
        }

        /** What the RPL bundle offers telemetry as its MeshRouter service. */
        MeshRouter router() {
            return new MeshRouter() {
                @Override
                public java.util.Optional<Ipv6Address> globalAddress() {
                    return java.util.Optional.of(forwarder.globalAddress());
                }

                @Override
                public boolean hasRoute(Ipv6Address destination) {
                    return forwarder.hasRoute(destination);
                }

                @Override
                public CompletionStage<TxStatus> send(Ipv6Packet packet) {
                    return forwarder.send(packet);
                }
            };
        }

        private RplRoot root() {
            return root;
        }

        @Override
        public void received(RadioFrame frame) {
            adaptation.received(frame.payload(), frame.source(), frame.destination(), frame.rssiDbm(), frame.lqi());
        }

        @Override
        public void linkStateChanged(LinkState state) {
        }

        @Override
        public MacAddress address() {
            return address;
        }

        @Override
        public int maxPayload(MacAddress destination) {
            return radio.maxPayload(destination);
        }

        @Override
        public CompletionStage<TxStatus> send(MacAddress destination, byte[] payload, boolean ackRequest) {
            return radio.send(destination, payload, ackRequest);
        }

        @Override
        public Ipv6Address linkLocalAddress() {
            return Ipv6Address.linkLocal(address);
        }

        @Override
        public MacAddress linkAddress() {
            return address;
        }

        @Override
        public Ipv6Prefix meshPrefix() {
            return PREFIX;
        }

        @Override
        public CompletionStage<TxStatus> send(Ipv6Packet packet, MacAddress nextHop) {
            return adaptation.send(packet, nextHop);
        }
    }
}
