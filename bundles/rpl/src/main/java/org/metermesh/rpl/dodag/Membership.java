package org.metermesh.rpl.dodag;

import java.util.Objects;
import java.util.Optional;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplOption;
import org.metermesh.rpl.message.RplOption.DodagConfiguration;
import org.metermesh.rpl.message.RplOption.PrefixInformation;
import org.metermesh.rpl.of.ObjectiveFunction;
import org.metermesh.rpl.of.Rank;
import org.metermesh.rpl.trickle.TrickleConfig;

/**
 * What a meter knows of the DODAG it belongs to (RFC 6550 8.2.1): identity (RPLInstanceID, DODAGID), the
 * DODAG Version it follows, the root's parameters, the prefix and the address formed from it, and the meter's own
 * per-Version state: its DTSN and L, the lowest Rank it has had in this Version (RFC 6550 8.2.2.4).
 */
final class Membership {

    final int instanceId;
    final Ipv6Address dodagId;
    int version;
    boolean grounded;
    int mop;
    int preference;
    DodagConfiguration configuration;
    ObjectiveFunction objectiveFunction;
    /** The DTSN this meter advertises (RFC 6550 9.6). */
    int dtsn = Lollipop.INIT;
    /** L of RFC 6550 8.2.2.4. */
    int lowestRank = Rank.INFINITE_RANK;
    private Ipv6Prefix prefix;
    private PrefixInformation prefixInformation;
    private Ipv6Address globalAddress;

    Membership(Dio dio, DodagConfiguration configuration, ObjectiveFunction of) {
        this.instanceId = dio.instanceId();
        this.dodagId = dio.dodagId();
        update(dio, configuration, of);
    }

    /** Takes the Version, flags and parameters of {@code dio} (joining or moving to a new Version). */
    void update(Dio dio, DodagConfiguration newConfiguration, ObjectiveFunction of) {
        version = dio.version();
        grounded = dio.grounded();
        mop = dio.mop();
        preference = dio.preference();
        configuration = Objects.requireNonNull(newConfiguration, "configuration");
        objectiveFunction = Objects.requireNonNull(of, "of");
    }

    boolean sameDodag(Dio dio) {
        return dio.instanceId() == instanceId && dio.dodagId().equals(dodagId);
    }

    int minHopRankIncrease() {
        return objectiveFunction.minHopRankIncrease();
    }

    TrickleConfig trickle() {
        return TrickleConfig.fromRpl(configuration.dioIntervalMin(), configuration.dioIntervalDoublings(),
                configuration.dioRedundancyConstant());
    }

    /**
     * Takes the prefix of a Prefix Information option that allows autoconfiguration (A flag, at most /64, RFC
     * 4862 5.5.3 via RFC 6550 6.7.10) and forms {@code prefix + IID(mac)}.
     *
     * @return whether the global address changed
     */
    boolean usePrefix(PrefixInformation pio, MacAddress mac) {
        if (!pio.autonomous() || pio.prefixLength() < 1 || pio.prefixLength() > 64) {
            return false;
        }
        Ipv6Prefix p = new Ipv6Prefix(pio.prefix(), pio.prefixLength());
        if (p.equals(prefix)) {
            return false;
        }
        prefix = p;
        globalAddress = Ipv6Address.of(p, mac);
        prefixInformation = new PrefixInformation(pio.prefixLength(), pio.onLink(), true, true, pio.validLifetime(),
                pio.preferredLifetime(), globalAddress);
        return true;
    }

    /** The meter's global address, once a usable prefix is known. */
    Optional<Ipv6Address> globalAddress() {
        return Optional.ofNullable(globalAddress);
    }

    /**
     * The option this meter re-advertises: the root's prefix, with R set and this meter's own global address in the
     * prefix field (RFC 6550 6.7.10).
     */
    Optional<PrefixInformation> prefixInformation() {
        return Optional.ofNullable(prefixInformation);
    }

    /**
     * The global address of a neighbour heard from {@code source}: a link-local source gets the DODAG's prefix in
     * front of its interface identifier; a global source is taken as it is.
     */
    Optional<Ipv6Address> globalOf(Ipv6Address source) {
        if (!source.isLinkLocal()) {
            return Optional.of(source);
        }
        return prefix == null ? Optional.empty() : Optional.of(Ipv6Address.of(prefix, source.interfaceId()));
    }

    /** The DODAG Configuration's Default Lifetime in seconds; empty when infinite (0xFF, RFC 6550 6.7.8). */
    Optional<Long> lifetimeSeconds(int units) {
        return units == RplOption.TransitInformation.INFINITE ? Optional.empty()
                : Optional.of(configuration.lifetimeSeconds(units));
    }
}
