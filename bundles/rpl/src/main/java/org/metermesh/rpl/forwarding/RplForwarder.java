package org.metermesh.rpl.forwarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.ExtensionHeader;
import org.metermesh.api.ipv6.HopByHopOptions;
import org.metermesh.api.ipv6.Icmpv6Message;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Link;
import org.metermesh.api.ipv6.Ipv6Listener;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.MeshRouter;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.ipv6.RplOption;
import org.metermesh.api.ipv6.RplSourceRoutingHeader;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.rpl.dodag.RplTransport;
import org.metermesh.rpl.message.RplCodec;
import org.metermesh.rpl.message.RplDecodeResult;
import org.metermesh.rpl.message.RplMessage;

/**
 * IPv6 forwarding in an RPL mesh, for a meter or the root, over an {@link Ipv6Link}:
 * <ul>
 *   <li>up: a packet that is not for this node goes to the preferred parent, carrying the RPL Option (RFC 6553)
 *       whose rank checks detect loops (RFC 6550 11.2.2.2);</li>
 *   <li>down, non-storing: the root puts a source route (RFC 6554) on packets for meters; each hop follows it
 *       (RFC 6554 4.2);</li>
 *   <li>down, storing (RFC 6550 9.8): a node with a route to the destination in its sub-DODAG
 *       ({@link RoutingCore#nextHop}) sends it to that child, the RPL Option's O (down) flag set; a packet that came
 *       down and finds no route is dropped rather than sent back up (RFC 6550 11.2.2.3);</li>
 *   <li>RPL control messages for this node go to its {@link RoutingCore}; every other packet for it goes to the
 *       local listener (the application).</li>
 * </ul>
 * It is also the {@link RplTransport} of the core: control messages leave through it. Runs on the event loop.
 */
public final class RplForwarder implements RplTransport, Ipv6Listener {

    /** Hop limit of routed packets this node originates (RFC 4861 default). */
    static final int HOP_LIMIT = 64;
    /** Link-local RPL messages are sent with hop limit 255, as ND's are. */
    static final int LINK_HOP_LIMIT = 255;

    private final Ipv6Link link;
    private final Ipv6Prefix meshPrefix;
    private final RplCodec codec = RplCodec.defaults();
    private final Counters counters = new Counters();
    // Counted for every packet a meter hears (every DIO of a dense street): handles, not lookups by name.
    private final Counters.Counter rxControl = counters.counter("rx:control");
    private final Counters.Counter rxLocal = counters.counter("rx:local");
    private final Supplier<RoutingCore> core;
    private final Ipv6Listener application;

    /**
     * @param core        the RPL core of this node (a supplier: the core is built with this forwarder as transport)
     * @param application receives every non-RPL packet addressed to this node
     */
    public RplForwarder(Ipv6Link link, Ipv6Prefix meshPrefix, Supplier<RoutingCore> core, Ipv6Listener application) {
        this.link = link;
        this.meshPrefix = meshPrefix;
        this.core = core;
        this.application = application;
    }

    public Counters counters() {
        return counters;
    }

    /** This node's address in the mesh prefix, from its EUI-64. */
    public Ipv6Address globalAddress() {
        return Ipv6Address.of(meshPrefix, link.linkLocalAddress().interfaceId());
    }

    // ---- RplTransport: control messages out ----

    @Override
    public void sendOnLink(RplMessage message, Ipv6Address destination, MacAddress nextHop) {
        Ipv6Packet packet = rplPacket(message, link.linkLocalAddress(), destination, LINK_HOP_LIMIT);
        if (packet != null) {
            countControl(message, packet);
            transmit(packet, nextHop);
        }
    }

    @Override
    public CompletionStage<TxStatus> sendRouted(RplMessage message, Ipv6Address destination) {
        Ipv6Packet packet = rplPacket(message, globalAddress(), destination, HOP_LIMIT);
        if (packet == null) {
            return CompletableFuture.completedFuture(TxStatus.FRAME_TOO_LONG);
        }
        countControl(message, packet);
        return route(packet);
    }

    /** Sends an application packet of this node's own across the mesh. */
    public CompletionStage<TxStatus> send(Ipv6Packet packet) {
        return route(packet);
    }

    /** Whether {@link #send} has a way for a packet to {@code destination} now. */
    public boolean hasRoute(Ipv6Address destination) {
        RoutingCore router = core.get();
        return router.nextHop(destination).isPresent() || router.defaultRoute().isPresent()
                || router.sourceRoute(destination).isPresent();
    }

    /** The packet, or null (counted as {@code dropped:control-too-long}) if the message exceeds the codec's limit. */
    private Ipv6Packet rplPacket(RplMessage message, Ipv6Address source, Ipv6Address destination, int hopLimit) {
        byte[] body;
        try {
            body = codec.encode(message);
        } catch (IllegalArgumentException tooLong) {
            counters.increment("dropped:control-too-long"); // a core's bug, not the network's: counted, never fatal
            return null;
        }
        return Ipv6Packet.builder().source(source).destination(destination).hopLimit(hopLimit)
                .icmpv6(Icmpv6Message.TYPE_RPL, message.code(), body).build();
    }

    private void countControl(RplMessage message, Ipv6Packet packet) {
        counters.increment("control:" + message.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        counters.add("control-bytes", packet.encodedLength());
    }

    // ---- routing ----

    /**
     * Down to a child (storing mode), up to the preferred parent, or, at the root, down a source route.
     *
     * @return the first hop's transmission status; failed with {@link MeshRouter.NoRouteException} if none
     */
    private CompletionStage<TxStatus> route(Ipv6Packet packet) {
        RoutingCore router = core.get();
        Optional<MacAddress> child = router.nextHop(packet.destination());
        if (child.isPresent()) {
            return transmit(withRplOption(packet, router, true), child.get());
        }
        Optional<MacAddress> parent = router.defaultRoute();
        if (parent.isPresent()) {
            return transmit(withRplOption(packet, router, false), parent.get());
        }
        Optional<List<Ipv6Address>> route = router.sourceRoute(packet.destination());
        if (route.isEmpty()) {
            counters.increment("dropped:no-route");
            return CompletableFuture.failedFuture(new MeshRouter.NoRouteException(packet.destination()));
        }
        return transmit(sourceRouted(packet, route.get()), macOf(route.get().get(0)));
    }

    /** RFC 6554 3: the first hop becomes the destination, the rest of the way the header's addresses. */
    private static Ipv6Packet sourceRouted(Ipv6Packet packet, List<Ipv6Address> hops) {
        if (hops.size() == 1) {
            return packet;
        }
        List<Ipv6Address> rest = hops.subList(1, hops.size());
        Ipv6Packet.Builder builder = packet.toBuilder().destination(hops.get(0));
        List<ExtensionHeader> headers = new ArrayList<>(packet.extensionHeaders());
        headers.add(RplSourceRoutingHeader.of(rest.size(), rest, hops.get(0)));
        return builder.extensionHeaders(headers).build();
    }

    /** RFC 6553 3: routed packets carry the sender's rank; the O flag says whether they go down. */
    private static Ipv6Packet withRplOption(Ipv6Packet packet, RoutingCore router, boolean down) {
        RplOption previous = packet.rplOption().orElse(null);
        RplOption option = RplOption.of(down, previous != null && previous.rankError(), false, router.instanceId(),
                Math.min(router.rank(), 0xffff));
        List<ExtensionHeader> headers = new ArrayList<>();
        headers.add(HopByHopOptions.of(option));
        for (ExtensionHeader header : packet.extensionHeaders()) {
            if (!(header instanceof HopByHopOptions)) {
                headers.add(header);
            }
        }
        return packet.toBuilder().extensionHeaders(headers).build();
    }

    private CompletionStage<TxStatus> transmit(Ipv6Packet packet, MacAddress nextHop) {
        CompletionStage<TxStatus> sent = link.send(packet, nextHop);
        sent.thenAccept(status -> {
            // Only an acknowledgement or its absence says something about the link to that neighbour; a busy
            // channel or a failing backend does not (as Contiki-NG's link statistics).
            if (status == TxStatus.ACKED || status == TxStatus.NO_ACK) {
                core.get().transmitted(nextHop, status);
            }
            if (status != TxStatus.ACKED && status != TxStatus.SENT) {
                counters.increment("tx-failed:" + status.counterName());
            }
        });
        return sent;
    }

    // ---- Ipv6Listener: packets in ----

    @Override
    public void received(Ipv6Packet packet, MacAddress linkSource, int rssiDbm, int lqi) {
        Optional<RplSourceRoutingHeader> route = packet.sourceRoute();
        if (route.isPresent() && route.get().segmentsLeft() > 0) {
            followSourceRoute(packet, route.get());
        } else if (isForMe(packet.destination())) {
            deliver(packet, linkSource, rssiDbm, lqi);
        } else if (packet.destination().isMulticast()) {
            counters.increment("ignored:multicast");
        } else {
            forwardUp(packet);
        }
    }

    private boolean isForMe(Ipv6Address destination) {
        return destination.equals(link.linkLocalAddress()) || destination.equals(globalAddress())
                || destination.equals(Ipv6Address.ALL_RPL_NODES) || destination.equals(Ipv6Address.ALL_NODES);
    }

    private void deliver(Ipv6Packet packet, MacAddress linkSource, int rssiDbm, int lqi) {
        if (packet.upperLayerProtocol() == Icmpv6Message.PROTOCOL) {
            byte[] icmp = packet.payload();
            if (icmp.length > 0 && (icmp[0] & 0xff) == Icmpv6Message.TYPE_RPL) {
                RplDecodeResult result = codec.decodeIcmpv6(icmp, 0, icmp.length);
                if (result instanceof RplDecodeResult.Decoded decoded) {
                    rxControl.increment();
                    core.get().received(decoded.message(), packet.source(), packet.destination(), linkSource,
                            rssiDbm, lqi);
                } else if (result instanceof RplDecodeResult.Rejected rejected) {
                    counters.increment(rejected.reason().counterName());
                }
                return;
            }
        }
        rxLocal.increment();
        application.received(packet, linkSource, rssiDbm, lqi);
    }

    /** RFC 6554 4.2: swap the destination with the next address and pass it on. */
    private void followSourceRoute(Ipv6Packet packet, RplSourceRoutingHeader header) {
        List<Ipv6Address> addresses = new ArrayList<>(header.addresses(packet.destination()));
        int segmentsLeft = header.segmentsLeft();
        if (segmentsLeft > addresses.size()) {
            counters.increment("dropped:bad-source-route");
            return;
        }
        int next = addresses.size() - segmentsLeft;
        Ipv6Address nextHop = addresses.get(next);
        addresses.set(next, packet.destination());
        List<ExtensionHeader> headers = new ArrayList<>();
        for (ExtensionHeader h : packet.extensionHeaders()) {
            headers.add(h instanceof RplSourceRoutingHeader
                    ? RplSourceRoutingHeader.of(segmentsLeft - 1, addresses, nextHop) : h);
        }
        Ipv6Packet forwarded = decrementHopLimit(packet.toBuilder().destination(nextHop).extensionHeaders(headers)
                .build());
        if (forwarded != null) {
            counters.increment("forwarded:down");
            transmit(forwarded, macOf(nextHop));
        }
    }

    /**
     * RFC 6550 11.2.2.2: a packet going up from a sender closer to the root than we are means an inconsistency; the
     * first one is flagged (R), a second one is a loop.
     */
    private void forwardUp(Ipv6Packet packet) {
        RoutingCore router = core.get();
        Optional<RplOption> option = packet.rplOption();
        if (option.isPresent() && !option.get().down() && option.get().senderRank() < router.rank()
                && router.defaultRoute().isPresent()) {
            if (option.get().rankError()) {
                counters.increment("loops");
                router.loopDetected();
                return;
            }
            packet = packet.toBuilder().extensionHeaders(List.of(HopByHopOptions.of(RplOption.of(false, true, false,
                    option.get().instanceId(), option.get().senderRank())))).build();
        }
        Ipv6Packet forwarded = decrementHopLimit(packet);
        if (forwarded == null) {
            return;
        }
        Optional<MacAddress> child = router.nextHop(forwarded.destination());
        if (child.isPresent()) {
            counters.increment("forwarded:down");
            transmit(withRplOption(forwarded, router, true), child.get());
            return;
        }
        if (option.isPresent() && option.get().down()) {
            counters.increment("dropped:no-route-down"); // RFC 6550 11.2.2.3: never back up once going down
            return;
        }
        Optional<MacAddress> parent = router.defaultRoute();
        if (parent.isPresent()) {
            counters.increment("forwarded:up");
            transmit(withRplOption(forwarded, router, false), parent.get());
        } else if (meshPrefix.contains(forwarded.destination())) {
            route(forwarded); // the root: down again towards a meter
        } else {
            counters.increment("dropped:no-route");
        }
    }

    private Ipv6Packet decrementHopLimit(Ipv6Packet packet) {
        if (packet.hopLimit() <= 1) {
            counters.increment("dropped:hop-limit");
            return null;
        }
        return packet.toBuilder().hopLimit(packet.hopLimit() - 1).build();
    }

    /** The MAC address behind an interface identifier made from an EUI-64 (RFC 4944 6) or a short address. */
    static MacAddress macOf(Ipv6Address address) {
        long iid = address.interfaceId();
        if ((iid & 0xffff_ffff_ffff_0000L) == 0x0000_00ff_fe00_0000L) {
            return ShortAddress.of((int) (iid & 0xffff));
        }
        return ExtendedAddress.of(Ipv6Address.eui64FromInterfaceId(iid));
    }
}
