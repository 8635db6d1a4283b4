package org.metermesh.sixlowpan.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.ipv6.Icmpv6Message;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Link;
import org.metermesh.api.ipv6.Ipv6Listener;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.RadioDriver;
import org.metermesh.api.radio.RadioFrame;
import org.metermesh.api.radio.RadioListener;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.sixlowpan.adaptation.AdaptationLayer;
import org.metermesh.sixlowpan.adaptation.LinkService;
import org.metermesh.sixlowpan.frag.ReassemblyConfig;
import org.metermesh.sixlowpan.iphc.ContextTable;
import org.metermesh.sixlowpan.iphc.IphcCodec;
import org.metermesh.sixlowpan.nd.NdOption;
import org.metermesh.sixlowpan.nd.NdResponder;
import org.metermesh.sixlowpan.nd.RegistrationTable;
import org.metermesh.sixlowpan.nd.RouterConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The gateway's 6LoWPAN interface: the adaptation layer over the radio driver, offered as {@link Ipv6Link}, with
 * the gateway's 6LoWPAN-ND router role (RS answered with RA carrying the mesh prefix and its compression context,
 * NS with address registration answered with NA). It follows the radio driver dynamically: when the radio bundle
 * is updated, this component rebinds instead of being restarted.
 */
@Component(name = SixLowpanComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Ipv6Link.class, RadioListener.class})
@Designate(ocd = SixLowpanComponent.Config.class)
public final class SixLowpanComponent implements Ipv6Link, RadioListener, LinkService {

    public static final String PID = "org.metermesh.sixlowpan";

    private static final Logger LOG = System.getLogger(SixLowpanComponent.class.getName());
    private static final int ND_HOP_LIMIT = 255;
    private static final int CONTEXT_LIFETIME_MINUTES = 0xffff;

    @ObjectClassDefinition(id = PID, name = "MeterMesh 6LoWPAN",
            description = "RFC 4944/6282 adaptation: header compression, fragmentation and reassembly, and the "
                    + "gateway's 6LoWPAN-ND router role (RFC 6775).")
    public @interface Config {
        @AttributeDefinition(name = "Mesh prefix", description = "The /64 every meter configures its global "
                + "address in; advertised in RAs and used as compression context 0.")
        String mesh_prefix() default "fd00:cafe::/64";

        @AttributeDefinition(name = "Reassembly timeout (s)", min = "1", max = "60",
                description = "RFC 4944 section 5.3: at most 60 s.")
        int reassembly_timeout_s() default 60;

        @AttributeDefinition(name = "Reassembly buffers per sender", min = "1", max = "64",
                description = "Datagrams one neighbour may have half-reassembled at once.")
        int reassembly_buffers_per_sender() default 4;

        @AttributeDefinition(name = "Reassembly memory (KiB)", min = "4", max = "65536",
                description = "Upper bound on all reassembly buffers together.")
        int reassembly_memory_kib() default 256;

        @AttributeDefinition(name = "Address registrations", min = "1", max = "100000",
                description = "Addresses the gateway keeps registered for its meters (RFC 6775 ARO).")
        int nd_registrations() default 1024;
    }

    private final Scheduler loop;
    private final Ipv6Prefix prefix;
    private final AdaptationLayer layer;
    private final RegistrationTable registrations;
    private final List<Ipv6Listener> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RadioDriver radio;

    /** The ND router role for the radio's current address; rebuilt when the radio changes. */
    private NdResponder responder;
    private MacAddress responderAddress;

    @Activate
    public SixLowpanComponent(Config config, @Reference Scheduler loop) {
        this.loop = loop;
        this.prefix = Ipv6Prefix.parse(config.mesh_prefix());
        ContextTable contexts = new ContextTable().set(0, prefix);
        ReassemblyConfig reassembly = ReassemblyConfig.DEFAULTS
                .withTimeout(Duration.ofSeconds(config.reassembly_timeout_s()))
                .withMaxBuffersPerSender(config.reassembly_buffers_per_sender())
                .withMemoryBudget(config.reassembly_memory_kib() * 1024);
        this.layer = new AdaptationLayer(loop, this, new IphcCodec(contexts), reassembly, this::deliver);
        this.registrations = new RegistrationTable(loop, config.nd_registrations());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(Ipv6Listener listener) {
        listeners.add(listener);
    }

    void removeListener(Ipv6Listener listener) {
        listeners.remove(listener);
    }

    // ---- Ipv6Link ----

    @Override
    public Ipv6Address linkLocalAddress() {
        RadioDriver current = radio;
        if (current == null) {
            throw new IllegalStateException("no radio driver: the link has no address");
        }
        return Ipv6Address.linkLocal(ExtendedAddress.of(current.settings().extendedAddress()));
    }

    @Override
    public MacAddress linkAddress() {
        return address();
    }

    @Override
    public Ipv6Prefix meshPrefix() {
        return prefix;
    }

    @Override
    public CompletionStage<TxStatus> send(Ipv6Packet packet, MacAddress nextHop) {
        CompletableFuture<TxStatus> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                layer.send(packet, nextHop).whenComplete((status, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(status);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    // ---- the link below: the radio driver ----

    @Override
    public MacAddress address() {
        RadioDriver current = radio;
        if (current == null) {
            throw new IllegalStateException("no radio driver: the link has no address");
        }
        return current.settings().linkAddress();
    }

    @Override
    public int maxPayload(MacAddress destination) {
        RadioDriver current = radio;
        return current == null ? 0 : current.maxPayload(destination);
    }

    @Override
    public CompletionStage<TxStatus> send(MacAddress destination, byte[] payload, boolean ackRequest) {
        RadioDriver current = radio;
        return current == null ? CompletableFuture.completedFuture(TxStatus.LINK_DOWN)
                : current.send(destination, payload, ackRequest);
    }

    @Override
    public void received(RadioFrame frame) {
        layer.received(frame.payload(), frame.source(), frame.destination(), frame.rssiDbm(), frame.lqi());
    }

    // ---- up: ND for the gateway, everything to the listeners ----

    private void deliver(Ipv6Packet packet, MacAddress linkSource, int rssiDbm, int lqi) {
        if (isNeighbourDiscovery(packet) && answerNeighbourDiscovery(packet)) {
            return;
        }
        for (Ipv6Listener listener : listeners) {
            try {
                listener.received(packet, linkSource, rssiDbm, lqi);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "IPv6 listener " + listener + " failed on a packet from " + packet.source(), e);
            }
        }
    }

    /** Router Solicitation (133) and Neighbor Solicitation (135) are for the gateway's router role. */
    private static boolean isNeighbourDiscovery(Ipv6Packet packet) {
        if (packet.upperLayerProtocol() != Icmpv6Message.PROTOCOL) {
            return false;
        }
        byte[] icmp = packet.payload();
        int type = icmp.length > 0 ? icmp[0] & 0xff : -1;
        return type == 133 || type == 135;
    }

    /** @return true if the message was for the router role (answered or deliberately ignored) */
    private boolean answerNeighbourDiscovery(Ipv6Packet packet) {
        NdResponder nd = responder();
        if (nd == null) {
            return false;
        }
        byte[] icmp = packet.payload();
        NdResponder.Result result = nd.handle(packet.source().toBytes(), packet.destination().toBytes(),
                packet.hopLimit(), icmp, 0, icmp.length);
        if (result instanceof NdResponder.Reply reply) {
            Ipv6Packet answer = Ipv6Packet.builder().source(Ipv6Address.of(reply.source()))
                    .destination(Ipv6Address.of(reply.destination())).hopLimit(ND_HOP_LIMIT)
                    .payload(Icmpv6Message.PROTOCOL, reply.icmpv6()).build();
            layer.send(answer, reply.linkLayerDestination());
        } else if (result instanceof NdResponder.Rejected rejected) {
            layer.counters().increment("nd:rejected:" + rejected.reason());
        }
        return true;
    }

    private NdResponder responder() {
        RadioDriver current = radio;
        if (current == null) {
            return null;
        }
        MacAddress address = current.settings().linkAddress();
        if (!address.equals(responderAddress)) {
            byte[] prefixBytes = prefix.address().toBytes();
            NdOption.SixLowpanContext context = new NdOption.SixLowpanContext(prefix.length(), true, 0,
                    CONTEXT_LIFETIME_MINUTES, prefixBytes);
            responder = new NdResponder(RouterConfig.gateway(ExtendedAddress.of(current.settings().extendedAddress()),
                    prefixBytes, List.of(context), 1), registrations);
            responderAddress = address;
        }
        return responder;
    }
}
