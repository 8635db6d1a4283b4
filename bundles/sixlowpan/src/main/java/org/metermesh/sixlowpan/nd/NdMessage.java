package org.metermesh.sixlowpan.nd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The four ICMPv6 Neighbor Discovery messages of 6LoWPAN-ND (RFC 6775 uses RS, RA, NS and NA of RFC 4861; it has
 * no Redirect). Immutable values with their options in order; limits are checked in the constructors.
 */
public sealed interface NdMessage permits NdMessage.RouterSolicitation, NdMessage.RouterAdvertisement,
        NdMessage.NeighborSolicitation, NdMessage.NeighborAdvertisement {

    int TYPE_ROUTER_SOLICITATION = 133;
    int TYPE_ROUTER_ADVERTISEMENT = 134;
    int TYPE_NEIGHBOR_SOLICITATION = 135;
    int TYPE_NEIGHBOR_ADVERTISEMENT = 136;

    /** The ICMPv6 Type. */
    int type();

    /** The options, in the order they appear on the wire (unknown ones skipped when decoding). */
    List<NdOption> options();

    /** The first option of {@code kind}, if any. */
    default <T extends NdOption> Optional<T> option(Class<T> kind) {
        for (NdOption option : options()) {
            if (kind.isInstance(option)) {
                return Optional.of(kind.cast(option));
            }
        }
        return Optional.empty();
    }

    /** Every option of {@code kind}, in order. */
    default <T extends NdOption> List<T> options(Class<T> kind) {
        List<T> found = new ArrayList<>();
        for (NdOption option : options()) {
            if (kind.isInstance(option)) {
                found.add(kind.cast(option));
            }
        }
        return found;
    }

    /** Router Solicitation (RFC 4861 4.1): Type 133, 4 reserved octets, options. */
    record RouterSolicitation(List<NdOption> options) implements NdMessage {
        public RouterSolicitation {
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return TYPE_ROUTER_SOLICITATION;
        }
    }

    /**
     * Router Advertisement (RFC 4861 4.2): Type 134.
     *
     * @param curHopLimit    0..255, 0 meaning unspecified
     * @param managed        the M flag (addresses from DHCPv6)
     * @param other          the O flag (other configuration from DHCPv6)
     * @param routerLifetime 0..65535 seconds; RFC 6775 6.3 allows up to 0xffff for 6LoWPAN routers (RFC 4861 caps it
     *                       at 9000)
     * @param reachableTime  0..0xffffffff milliseconds, 0 meaning unspecified
     * @param retransTimer   0..0xffffffff milliseconds, 0 meaning unspecified
     * @param options        options, typically SLLAO, PIO, 6CO and ABRO
     */
    record RouterAdvertisement(int curHopLimit, boolean managed, boolean other, int routerLifetime,
            long reachableTime, long retransTimer, List<NdOption> options) implements NdMessage {
        public RouterAdvertisement {
            requireRange(curHopLimit, 0, 255, "Cur Hop Limit");
            requireRange(routerLifetime, 0, 0xffff, "Router Lifetime");
            requireRange(reachableTime, 0, 0xffff_ffffL, "Reachable Time");
            requireRange(retransTimer, 0, 0xffff_ffffL, "Retrans Timer");
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return TYPE_ROUTER_ADVERTISEMENT;
        }
    }

    /**
     * Neighbor Solicitation (RFC 4861 4.3): Type 135, 4 reserved octets, the Target Address, options. With an ARO
     * it is a registration (RFC 6775 5.5, RFC 8505 5.5).
     *
     * @param target 16 octets, not multicast
     */
    record NeighborSolicitation(byte[] target, List<NdOption> options) implements NdMessage {
        public NeighborSolicitation {
            target = requireUnicastTarget(target);
            options = List.copyOf(options);
        }

        @Override
        public byte[] target() {
            return target.clone();
        }

        @Override
        public int type() {
            return TYPE_NEIGHBOR_SOLICITATION;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NeighborSolicitation ns && Arrays.equals(target, ns.target)
                    && options.equals(ns.options);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(target) * 31 + options.hashCode();
        }

        @Override
        public String toString() {
            return "NS[target " + Ipv6Bytes.format(target) + ", " + options + "]";
        }
    }

    /**
     * Neighbor Advertisement (RFC 4861 4.4): Type 136, the R, S and O flags, the Target Address, options.
     *
     * @param router    R: the sender is a router
     * @param solicited S: sent in response to an NS
     * @param override  O: the advertisement should override a cached link-layer address
     * @param target    16 octets, not multicast
     */
    record NeighborAdvertisement(boolean router, boolean solicited, boolean override, byte[] target,
            List<NdOption> options) implements NdMessage {
        public NeighborAdvertisement {
            target = requireUnicastTarget(target);
            options = List.copyOf(options);
        }

        @Override
        public byte[] target() {
            return target.clone();
        }

        @Override
        public int type() {
            return TYPE_NEIGHBOR_ADVERTISEMENT;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NeighborAdvertisement na && router == na.router && solicited == na.solicited
                    && override == na.override && Arrays.equals(target, na.target) && options.equals(na.options);
        }

        @Override
        public int hashCode() {
            return (Objects.hash(router, solicited, override) * 31 + Arrays.hashCode(target)) * 31
                    + options.hashCode();
        }

        @Override
        public String toString() {
            return "NA[" + (router ? "R" : "") + (solicited ? "S" : "") + (override ? "O" : "") + " target "
                    + Ipv6Bytes.format(target) + ", " + options + "]";
        }
    }

    private static byte[] requireUnicastTarget(byte[] target) {
        byte[] copy = Ipv6Bytes.copy(target, "target");
        if (Ipv6Bytes.isMulticast(copy)) {
            throw new IllegalArgumentException("the target address must not be multicast (RFC 4861 4.3/4.4)");
        }
        return copy;
    }

    private static void requireRange(long value, long min, long max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
    }
}
