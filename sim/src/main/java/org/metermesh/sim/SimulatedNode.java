package org.metermesh.sim;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Link;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.LinkState;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.radio.frame.MacFrame;
import org.metermesh.radio.frame.MacFrameCodec;
import org.metermesh.radio.mac.FrameTap;
import org.metermesh.radio.mac.MacLayer;
import org.metermesh.radio.mac.MacListener;
import org.metermesh.radio.mac.MacSettings;
import org.metermesh.radio.medium.SimulatedPhy;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.radio.phy.Reception;
import org.metermesh.rpl.forwarding.RoutingCore;
import org.metermesh.rpl.forwarding.RplForwarder;
import org.metermesh.sixlowpan.adaptation.AdaptationLayer;
import org.metermesh.sixlowpan.adaptation.LinkService;
import org.metermesh.sixlowpan.frag.ReassemblyConfig;
import org.metermesh.sixlowpan.iphc.IphcCodec;

/**
 * One node of the simulated neighbourhood, meter or gateway, made of the very cores the gateway runs: the MAC over
 * a simulated radio, the 6LoWPAN adaptation layer, RPL forwarding and an RPL core. Only OSGi is left out.
 */
final class SimulatedNode implements MacListener, LinkService, Ipv6Link {

    /** EUI-64s of the simulation: the gateway's is the radio bundle's default, meters count on from it. */
    static final long EUI64_BASE = 0x02004d6d00000001L;

    private final int id;
    private final ExtendedAddress eui64;
    private final SimulatedPhy phy;
    private final MacLayer mac;
    private final AdaptationLayer adaptation;
    private final RplForwarder forwarder;
    private final RoutingCore core;
    private final Ipv6Prefix meshPrefix;
    /** Where packets for this node's own applications go; none until {@link #application} is set. */
    private java.util.function.Consumer<Ipv6Packet> application = packet -> { };

    /**
     * @param codec    shared by all nodes: the MAC frame codec is stateless
     * @param iphc     shared by all nodes: header compression with the mesh prefix as context 0
     * @param counts   where the MAC and the adaptation layer count: a node's own, or one pair the meters share
     * @param coreFor  builds this node's RPL core with the forwarder as its transport
     */
    SimulatedNode(int id, Scheduler scheduler, SimulatedPhy phy, ChannelPlan plan, MacFrameCodec codec,
            IphcCodec iphc, Ipv6Prefix meshPrefix, int panId, FrameTap tap, LayerCounters counts,
            Function<RplForwarder, RoutingCore> coreFor) {
        this.id = id;
        this.eui64 = SimulatedNodes.eui64(id);
        this.meshPrefix = meshPrefix;
        this.phy = phy;
        this.mac = new MacLayer(scheduler, phy, codec, plan, phy.channel(),
                MacSettings.defaults(panId, MacSettings.NO_SHORT_ADDRESS, eui64.value(), id == 0), 32, this, tap,
                counts.mac());
        this.adaptation = new AdaptationLayer(scheduler, this, iphc, ReassemblyConfig.DEFAULTS,
                (packet, source, rssi, lqi) -> forwarding().received(packet, source, rssi, lqi), counts.lowpan());
        this.forwarder = new RplForwarder(this, meshPrefix, this::core,
                (packet, source, rssi, lqi) -> application.accept(packet));
        this.core = coreFor.apply(forwarder);
        mac.start();
    }

    /** Where the MAC and the 6LoWPAN adaptation layer of one or more nodes count. */
    record LayerCounters(Counters mac, Counters lowpan) {
        /** A node's own. */
        static LayerCounters own() {
            return new LayerCounters(new Counters(), new Counters());
        }
    }

    /** Delivers the packets addressed to this node (UDP, the meter application) to {@code receiver}. */
    void application(java.util.function.Consumer<Ipv6Packet> receiver) {
        this.application = receiver;
    }

    /** This node's address on the mesh prefix. */
    Ipv6Address globalAddress() {
        return forwarder.globalAddress();
    }

    RoutingCore core() {
        return core;
    }

    int id() {
        return id;
    }

    ExtendedAddress eui64() {
        return eui64;
    }

    SimulatedPhy phy() {
        return phy;
    }

    MacLayer mac() {
        return mac;
    }

    AdaptationLayer adaptation() {
        return adaptation;
    }

    RplForwarder forwarding() {
        return forwarder;
    }

    // ---- MAC up to the adaptation layer ----

    @Override
    public void dataReceived(MacFrame frame, Reception reception) {
        adaptation.received(frame.payload(), frame.source(), frame.destination(), reception.rssiDbm(),
                reception.lqi());
    }

    @Override
    public void linkStateChanged(LinkState state) {
    }

    // ---- LinkService: the adaptation layer down to the MAC ----

    @Override
    public MacAddress address() {
        return eui64;
    }

    @Override
    public int maxPayload(MacAddress destination) {
        return mac.maxPayload(destination);
    }

    @Override
    public CompletionStage<TxStatus> send(MacAddress destination, byte[] payload, boolean ackRequest) {
        return mac.sendData(destination, payload, ackRequest);
    }

    // ---- Ipv6Link: forwarding down to the adaptation layer ----

    @Override
    public Ipv6Address linkLocalAddress() {
        return Ipv6Address.linkLocal(eui64);
    }

    @Override
    public MacAddress linkAddress() {
        return eui64;
    }

    @Override
    public Ipv6Prefix meshPrefix() {
        return meshPrefix;
    }

    @Override
    public CompletionStage<TxStatus> send(Ipv6Packet packet, MacAddress nextHop) {
        return adaptation.send(packet, nextHop);
    }
}
