package org.metermesh.sixlowpan.nd;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.sixlowpan.nd.NdOption.AuthoritativeBorderRouter;
import org.metermesh.sixlowpan.nd.NdOption.PrefixInformation;
import org.metermesh.sixlowpan.nd.NdOption.SixLowpanContext;

/**
 * What the gateway's {@link NdResponder} advertises and answers as. Checked when built.
 *
 * @param linkLocalAddress      the router's link-local address, the source of its RAs and NAs (RFC 4861 6.1.2: an
 *                              RA comes from a link-local address)
 * @param linkLayerAddress      the router's IEEE 802.15.4 address, sent in the SLLAO of every RA (RFC 6775 6.3:
 *                              "A 6LR or 6LBR MUST include an SLLAO in the RAs it sends")
 * @param curHopLimit           RA Cur Hop Limit, 0..255
 * @param routerLifetimeSeconds RA Router Lifetime, 0..65535 (RFC 6775 6.3 allows up to 0xffff)
 * @param reachableTimeMillis   RA Reachable Time, 0 for unspecified
 * @param retransTimerMillis    RA Retrans Timer, 0 for unspecified
 * @param prefixes              PIOs to advertise; none with the L flag (RFC 6775 6.1: "A router MUST NOT set the L
 *                              (on-link) flag in the PIOs")
 * @param contexts              6COs to advertise, with distinct CIDs
 * @param borderRouter          the ABRO to advertise, if any (RFC 6775 4.3, 8.1)
 */
public record RouterConfig(byte[] linkLocalAddress, MacAddress linkLayerAddress, int curHopLimit,
        int routerLifetimeSeconds, long reachableTimeMillis, long retransTimerMillis,
        List<PrefixInformation> prefixes, List<SixLowpanContext> contexts,
        Optional<AuthoritativeBorderRouter> borderRouter) {

    /** RFC 4861 6.2.1 AdvCurHopLimit: the IANA default hop limit, 64. */
    public static final int DEFAULT_CUR_HOP_LIMIT = 64;
    /** RFC 4861 6.2.1 AdvDefaultLifetime: 3 * MaxRtrAdvInterval (600 s) = 1800 s. */
    public static final int DEFAULT_ROUTER_LIFETIME_SECONDS = 1800;
    /** RFC 4861 6.2.1 AdvValidLifetime: 2592000 s (30 days). */
    public static final long DEFAULT_PREFIX_VALID_LIFETIME = 2_592_000L;
    /** RFC 4861 6.2.1 AdvPreferredLifetime: 604800 s (7 days). */
    public static final long DEFAULT_PREFIX_PREFERRED_LIFETIME = 604_800L;

    public RouterConfig {
        linkLocalAddress = Ipv6Bytes.copy(linkLocalAddress, "link-local");
        if (!Ipv6Bytes.isLinkLocal(linkLocalAddress)) {
            throw new IllegalArgumentException(Ipv6Bytes.format(linkLocalAddress) + " is not link-local");
        }
        Objects.requireNonNull(linkLayerAddress, "linkLayerAddress");
        if (!(linkLayerAddress instanceof ShortAddress) && !(linkLayerAddress instanceof ExtendedAddress)) {
            throw new IllegalArgumentException("the router needs a short or extended link-layer address");
        }
        prefixes = List.copyOf(prefixes);
        for (PrefixInformation prefix : prefixes) {
            if (prefix.onLink()) {
                throw new IllegalArgumentException("RFC 6775 6.1: a router MUST NOT set the L flag: " + prefix);
            }
        }
        contexts = List.copyOf(contexts);
        Set<Integer> cids = new HashSet<>();
        for (SixLowpanContext context : contexts) {
            if (!cids.add(context.cid())) {
                throw new IllegalArgumentException("context ID " + context.cid() + " advertised twice");
            }
        }
        Objects.requireNonNull(borderRouter, "borderRouter");
        // The RA record checks the numeric fields.
        new NdMessage.RouterAdvertisement(curHopLimit, false, false, routerLifetimeSeconds, reachableTimeMillis,
                retransTimerMillis, List.of());
    }

    /**
     * The usual gateway: link-local address from the link-layer address (RFC 4944 section 6), one /64 prefix for
     * autoconfiguration with the RFC 4861 default lifetimes, the given contexts, and an ABRO naming the gateway's
     * address in that prefix with the RFC 6775 default lifetime; RA fields at their RFC 4861 defaults.
     *
     * @param prefix64 the mesh prefix (its first 8 octets count)
     */
    public static RouterConfig gateway(MacAddress linkLayerAddress, byte[] prefix64, List<SixLowpanContext> contexts,
            long abroVersion) {
        byte[] global = Ipv6Bytes.masked(prefix64, 64);
        System.arraycopy(Ipv6Bytes.interfaceIdentifier(linkLayerAddress), 0, global, 8, 8);
        return new RouterConfig(Ipv6Bytes.linkLocal(linkLayerAddress), linkLayerAddress, DEFAULT_CUR_HOP_LIMIT,
                DEFAULT_ROUTER_LIFETIME_SECONDS, 0, 0,
                List.of(new PrefixInformation(64, false, true, DEFAULT_PREFIX_VALID_LIFETIME,
                        DEFAULT_PREFIX_PREFERRED_LIFETIME, prefix64)),
                contexts, Optional.of(new AuthoritativeBorderRouter(abroVersion, 0, global)));
    }

    @Override
    public byte[] linkLocalAddress() {
        return linkLocalAddress.clone();
    }

    /** True if {@code address} is one of the router's own: its link-local address or the ABRO's 6LBR address. */
    public boolean isOwnAddress(byte[] address) {
        return java.util.Arrays.equals(address, linkLocalAddress)
                || borderRouter.map(abro -> java.util.Arrays.equals(address, abro.borderRouter())).orElse(false);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RouterConfig o && java.util.Arrays.equals(linkLocalAddress, o.linkLocalAddress)
                && linkLayerAddress.equals(o.linkLayerAddress) && curHopLimit == o.curHopLimit
                && routerLifetimeSeconds == o.routerLifetimeSeconds && reachableTimeMillis == o.reachableTimeMillis
                && retransTimerMillis == o.retransTimerMillis && prefixes.equals(o.prefixes)
                && contexts.equals(o.contexts) && borderRouter.equals(o.borderRouter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(linkLayerAddress, curHopLimit, routerLifetimeSeconds, reachableTimeMillis,
                retransTimerMillis, prefixes, contexts, borderRouter) * 31
                + java.util.Arrays.hashCode(linkLocalAddress);
    }

    @Override
    public String toString() {
        return "RouterConfig[" + Ipv6Bytes.format(linkLocalAddress) + " at " + linkLayerAddress + ", " + prefixes
                + ", " + contexts + ", " + borderRouter.map(Object::toString).orElse("no ABRO") + "]";
    }
}
