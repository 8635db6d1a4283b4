package org.metermesh.sixlowpan.nd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.sixlowpan.nd.NdDecodeException.Reason;
import org.metermesh.sixlowpan.nd.NdMessage.NeighborAdvertisement;
import org.metermesh.sixlowpan.nd.NdMessage.NeighborSolicitation;
import org.metermesh.sixlowpan.nd.NdMessage.RouterAdvertisement;
import org.metermesh.sixlowpan.nd.NdMessage.RouterSolicitation;
import org.metermesh.sixlowpan.nd.NdOption.AddressRegistration;
import org.metermesh.sixlowpan.nd.NdOption.SourceLinkLayerAddress;
import org.metermesh.sixlowpan.nd.NdOption.TargetLinkLayerAddress;

/**
 * The router side of 6LoWPAN-ND (the gateway as 6LR/6LBR): answers Router Solicitations with Router Advertisements
 * that carry the prefix, the 6LoWPAN contexts and the ABRO, and Neighbor Solicitations with an ARO (address
 * registrations) with Neighbor Advertisements carrying the ARO status, keeping the {@link RegistrationTable}. A
 * sans-I/O core: it takes the ICMPv6 message with the addresses and hop limit of its IPv6 header and returns the
 * reply to send, if any. Not thread-safe: driven by one event loop; counters may be read from any thread.
 *
 * <p>Neighbor Solicitation, RFC 6775 6.5 with RFC 8505:
 * <ul>
 * <li>An ARO counts only with an SLLAO and a specified source: "If the source address of the NS is the unspecified
 * address, or if no SLLAO is included, then any included ARO is ignored, that is, the NS is processed as if it did
 * not contain an ARO" (RFC 6775 6.5; RFC 8505 5.5 likewise).</li>
 * <li>"If the Length field is not two, or if the Status field is not zero, then the NS is silently ignored" (RFC
 * 6775 6.5); longer EAROs are accepted with the T flag (RFC 8505 5.1).</li>
 * <li>The registered address is the NS Target Address for an EARO (T flag, RFC 8505 5.5), the NS source address
 * for an RFC 6775 ARO (RFC 6775 4.1). An EARO must come from a link-local address (RFC 8505 5.6), else status 7
 * Invalid Source Address.</li>
 * <li>The reply is an NA with R and S set, the NS Target Address, and a copy of the ARO with the status (RFC 6775
 * 6.5.2; RFC 8505 6: an updated router answers NS(ARO) and NS(EARO) with the option as received, T and TID
 * included). Success goes to the NS source; an error goes to the link-local address derived from the EUI-64 in
 * the ARO and to that EUI-64 on the link, "due to a possible risk of L2 address collision" (RFC 6775 6.5.2).</li>
 * <li>An NS without a (valid) registration for one of the router's own addresses gets an ordinary solicited NA
 * with the TLLAO (RFC 4861 7.2.4), for address resolution and NUD; any other is ignored.</li>
 * </ul>
 * Router Solicitation: answered with a unicast RA to the soliciting node if it gave its SLLAO (RFC 6775 5.3: "An
 * SLLAO MUST be included to enable unicast RAs in response"), else to all nodes (RFC 4861 6.2.6). The RA carries
 * the router's SLLAO, its PIOs, 6COs and ABRO (RFC 6775 6.3, 7.2, 8.1).
 *
 * <p>All messages must arrive with IP Hop Limit 255 and a correct checksum (RFC 4861 6.1, 7.1), and replies are
 * sent with Hop Limit 255. Counters: {@code rx:rs}, {@code rx:ns}, {@code tx:ra}, {@code tx:na}, {@code aro:<status>}
 * per registration answered, {@code ignored:<why>} and {@code dropped:<reason>}.
 */
public final class NdResponder {

    /** RFC 4861 6.1, 7.1: ND messages are sent and accepted only with IP Hop Limit 255. */
    public static final int HOP_LIMIT = 255;

    /** What to do about one received message. */
    public sealed interface Result permits Reply, Ignored, Rejected {
    }

    /**
     * Send this. Arrays are new and owned by the caller.
     *
     * @param source               IPv6 source address (the router's link-local address)
     * @param destination          IPv6 destination address
     * @param linkLayerDestination where to send the frame: the node's link-layer address, the broadcast short
     *                             address for a multicast reply, or {@link MacAddress#NONE} if the NS gave no
     *                             SLLAO (then derive it from the destination's interface identifier)
     * @param message              the message, decoded
     * @param icmpv6               the encoded ICMPv6 message, checksum filled in; send with {@link #HOP_LIMIT}
     */
    public record Reply(byte[] source, byte[] destination, MacAddress linkLayerDestination, NdMessage message,
            byte[] icmpv6) implements Result {
        public Reply {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(linkLayerDestination, "linkLayerDestination");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(icmpv6, "icmpv6");
        }

        @Override
        public String toString() {
            return "Reply[to " + Ipv6Bytes.format(destination) + " at " + linkLayerDestination + ": " + message + "]";
        }
    }

    /** Valid, but nothing to answer; counted as {@code ignored:<why>}. */
    public record Ignored(String why) implements Result {
    }

    /** Invalid and dropped; counted as {@code dropped:<reason>}. */
    public record Rejected(Reason reason, String detail) implements Result {
    }

    private final RouterConfig config;
    private final RegistrationTable table;
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    public NdResponder(RouterConfig config, RegistrationTable table) {
        this.config = Objects.requireNonNull(config, "config");
        this.table = Objects.requireNonNull(table, "table");
    }

    public RouterConfig config() {
        return config;
    }

    public RegistrationTable table() {
        return table;
    }

    /**
     * Takes one received ICMPv6 message of a Neighbor Discovery type.
     *
     * @param source      IPv6 source address of the packet, 16 octets
     * @param destination IPv6 destination address, 16 octets
     * @param hopLimit    IPv6 Hop Limit as received
     * @param icmpv6      holds the ICMPv6 message
     */
    public Result handle(byte[] source, byte[] destination, int hopLimit, byte[] icmpv6, int offset, int length) {
        PseudoHeaderChecksum.requireAddress(source, "source");
        PseudoHeaderChecksum.requireAddress(destination, "destination");
        NdMessage message;
        try {
            message = NdCodec.decode(icmpv6, offset, length, source, destination);
        } catch (NdDecodeException e) {
            return reject(e.reason(), e.getMessage());
        }
        return respond(source, destination, hopLimit, message);
    }

    /** Takes a message already decoded, checksum verified. */
    public Result respond(byte[] source, byte[] destination, int hopLimit, NdMessage message) {
        if (hopLimit != HOP_LIMIT) {
            return reject(Reason.BAD_HOP_LIMIT, "hop limit " + hopLimit + " instead of 255");
        }
        if (message instanceof RouterSolicitation rs) {
            increment("rx:rs");
            return onRouterSolicitation(source, rs);
        }
        if (message instanceof NeighborSolicitation ns) {
            increment("rx:ns");
            return onNeighborSolicitation(source, ns);
        }
        return ignore(message instanceof RouterAdvertisement ? "ra" : "na");
    }

    /** The RA this router sends, to {@code destination} (e.g. all nodes, ff02::1, for an unsolicited one). */
    public Reply routerAdvertisement(byte[] destination, MacAddress linkLayerDestination) {
        List<NdOption> options = new ArrayList<>();
        options.add(new SourceLinkLayerAddress(config.linkLayerAddress()));
        options.addAll(config.prefixes());
        options.addAll(config.contexts());
        config.borderRouter().ifPresent(options::add);
        RouterAdvertisement ra = new RouterAdvertisement(config.curHopLimit(), false, false,
                config.routerLifetimeSeconds(), config.reachableTimeMillis(), config.retransTimerMillis(), options);
        increment("tx:ra");
        return reply(destination, linkLayerDestination, ra);
    }

    /** The count of {@code name}, 0 if it never happened. */
    public long count(String name) {
        LongAdder count = counters.get(name);
        return count == null ? 0 : count.sum();
    }

    /** All counts, sorted by name. */
    public Map<String, Long> counters() {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((name, count) -> snapshot.put(name, count.sum()));
        return snapshot;
    }

    private Result onRouterSolicitation(byte[] source, RouterSolicitation rs) {
        Optional<SourceLinkLayerAddress> sllao = rs.option(SourceLinkLayerAddress.class);
        boolean unspecified = Ipv6Bytes.isUnspecified(source);
        if (unspecified && sllao.isPresent()) {
            return reject(Reason.INVALID_SOURCE, "RS from the unspecified address with an SLLAO (RFC 4861 6.1.1)");
        }
        if (unspecified || sllao.isEmpty()) {
            return routerAdvertisement(Ipv6Bytes.allNodes(), ShortAddress.BROADCAST);
        }
        return routerAdvertisement(source, sllao.get().address());
    }

    private Result onNeighborSolicitation(byte[] source, NeighborSolicitation ns) {
        Optional<SourceLinkLayerAddress> sllao = ns.option(SourceLinkLayerAddress.class);
        Optional<AddressRegistration> aro = ns.option(AddressRegistration.class);
        boolean unspecified = Ipv6Bytes.isUnspecified(source);
        if (unspecified && sllao.isPresent()) {
            return reject(Reason.INVALID_SOURCE, "NS from the unspecified address with an SLLAO (RFC 4861 7.1.1)");
        }
        if (aro.isEmpty() || unspecified || sllao.isEmpty()) {
            return onPlainNeighborSolicitation(source, ns, sllao);
        }
        AddressRegistration request = aro.get();
        if (request.status() != 0) {
            return ignore("aro_status_not_zero");
        }
        if (!request.t() && !request.rovr().isEui64()) {
            return ignore("aro_length_without_tid");
        }
        byte[] target = ns.target();
        byte[] registered = request.t() ? target : source;
        AroStatus status;
        if (request.t() && !Ipv6Bytes.isLinkLocal(source)) {
            status = AroStatus.INVALID_SOURCE_ADDRESS;
        } else {
            status = table.register(registered, request.rovr(), Duration.ofMinutes(request.lifetimeMinutes()),
                    request.t() ? request.tid() : RegistrationTable.NO_TID, sllao.get().address());
        }
        increment("aro:" + status.name().toLowerCase(Locale.ROOT));
        NeighborAdvertisement na = new NeighborAdvertisement(true, true, false, target,
                List.of(request.withStatus(status)));
        increment("tx:na");
        if (status == AroStatus.SUCCESS || !request.rovr().isEui64()) {
            return reply(source, sllao.get().address(), na);
        }
        ExtendedAddress owner = ExtendedAddress.of(request.rovr().eui64());
        return reply(Ipv6Bytes.linkLocal(owner), owner, na);
    }

    /** RFC 4861 7.2.3/7.2.4: an NS for one of our addresses gets a solicited NA with our link-layer address. */
    private Result onPlainNeighborSolicitation(byte[] source, NeighborSolicitation ns,
            Optional<SourceLinkLayerAddress> sllao) {
        if (!config.isOwnAddress(ns.target())) {
            return ignore("ns_not_for_us");
        }
        boolean unspecified = Ipv6Bytes.isUnspecified(source);
        NeighborAdvertisement na = new NeighborAdvertisement(true, !unspecified, true, ns.target(),
                List.of(new TargetLinkLayerAddress(config.linkLayerAddress())));
        increment("tx:na");
        if (unspecified) {
            return reply(Ipv6Bytes.allNodes(), ShortAddress.BROADCAST, na);
        }
        MacAddress to = sllao.<MacAddress>map(SourceLinkLayerAddress::address).orElse(MacAddress.NONE);
        return reply(source, to, na);
    }

    private Reply reply(byte[] destination, MacAddress linkLayerDestination, NdMessage message) {
        byte[] from = config.linkLocalAddress();
        return new Reply(from, destination.clone(), linkLayerDestination, message,
                NdCodec.encode(message, from, destination));
    }

    private Ignored ignore(String why) {
        increment("ignored:" + why);
        return new Ignored(why);
    }

    private Rejected reject(Reason reason, String detail) {
        increment(NdDecodeException.counterName(reason));
        return new Rejected(reason, detail);
    }

    private void increment(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }
}
