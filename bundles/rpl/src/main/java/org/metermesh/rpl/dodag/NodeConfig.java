package org.metermesh.rpl.dodag;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.rpl.link.NeighbourTableConfig;

/**
 * What a meter's {@link RplNode} is configured with. Everything about the DODAG itself (Trickle, objective function,
 * lifetimes, prefix) comes from the root's DIOs; these are the meter's own timers and limits.
 *
 * <table>
 * <caption>Defaults ({@link #defaults(ExtendedAddress)})</caption>
 * <tr><th>parameter</th><th>default</th><th>source</th></tr>
 * <tr><td>{@code neighbours}</td><td>{@link NeighbourTableConfig#defaults()}: 32 entries, 1 h expiry, 15 % loss
 *     warning</td><td>field manual (seed 000)</td></tr>
 * <tr><td>{@code joinJitter}</td><td>60 s: the first DIS goes out at a random time in [0, 60 s)</td>
 *     <td>field manual "staggered-join" (no value given): the bound must grow with the meters in earshot, not
 *     with the 32-entry neighbour table. In a dense street a meter hears 200-600 others on one channel; when they
 *     power up together (after an outage) 10 s made about 40 DIS per second in each earshot, every one resetting
 *     the Trickle timers of all attached neighbours. Over 60 s most meters hear a DIO before their jitter ends
 *     and send no DIS at all; a DIS heard from a neighbour also holds back one's own ({@link Discovery}). Set it
 *     larger for larger neighbourhoods with {@link #withJoinJitter}.</td></tr>
 * <tr><td>{@code discoveryTimeout}</td><td>120 s</td><td>field manual DISCOVERY_TIMEOUT; the RplComponent
 *     metatype default</td></tr>
 * <tr><td>{@code disInterval}</td><td>30 s, each DIS at a random time in [I/2, 3I/2)</td><td>Contiki-NG rpl-lite
 *     RPL_DIS_INTERVAL and rpl_timers_schedule_periodic_dis</td></tr>
 * <tr><td>{@code daoDelay}</td><td>15 s, a new DAO waits a random time in [D/2, 3D/2)</td><td>Contiki-NG
 *     RPL_DAO_DELAY is 4 s, RFC 6550's DEFAULT_DAO_DELAY 1 s (9.5 lets a node wait to aggregate); MeterMesh's
 *     choice: a meter that has just joined usually finds a better parent within seconds while its neighbours
 *     join too, and every DAO crosses every hop to the gateway, so the first DAO waits for that to settle. A
 *     switch to a better parent while the old one's link is healthy waits 8 D (RplNode)</td></tr>
 * <tr><td>{@code daoAckTimeout}</td><td>5 s one hop from the root, 3 s more for each further hop; each wait a
 *     random time in [T/2, 3T/2)</td><td>Contiki-NG RPL_DAO_RETRANSMISSION_TIMEOUT; the per-hop part is MeterMesh's
 *     (see DaoManager.ACK_WAIT_PER_HOP)</td></tr>
 * <tr><td>{@code daoMaxTransmissions}</td><td>5</td><td>Contiki-NG RPL_DAO_MAX_RETRANSMISSIONS</td></tr>
 * <tr><td>{@code daoRetryBackoff}</td><td>60 s before a fresh DAO after the last transmission went unacknowledged
 *     or was rejected</td><td>MeterMesh's choice (Contiki-NG does a local repair instead; a missing downward
 *     route at the root is not cured by poisoning this meter's sub-DODAG)</td></tr>
 * <tr><td>{@code daoRefreshMargin}</td><td>60 s: the DAO is refreshed at a random time between 60 s and 60 s
 *     plus a quarter of the lifetime before the lifetime ends</td><td>Contiki-NG schedule_dao_refresh (safety
 *     margin 60 s + random 60 s), spread wider so that meters that joined together do not refresh together
 *     ({@link DaoManager})</td></tr>
 * <tr><td>{@code daoLifetimeUnits}</td><td>empty: the DODAG Configuration's Default Lifetime</td><td>RFC 6550
 *     6.7.6</td></tr>
 * <tr><td>{@code probeInterval}</td><td>300 s, a lean unicast DIO to the preferred parent at a random time in
 *     [P/2, 3P/2), skipped when traffic measured the link within the last P/2; also the least spacing of the
 *     probes of better candidates</td><td>Contiki-NG probes with a unicast DIO too (RPL_PROBING_INTERVAL
 *     60-90 s depending on the version); MeterMesh's choice for meters whose readings already measure the link:
 *     in a 10,000-meter neighbourhood a 90 s probe is 110 unicasts a second for links that rarely change. A dead
 *     parent is still noticed within 1.5 P, then in seconds by the urgent probes</td></tr>
 * <tr><td>{@code urgentProbeDelay}</td><td>5 s: after a frame to the preferred parent went unacknowledged, probe
 *     it again this soon, so a dead parent is noticed in seconds</td><td>MeterMesh's choice (Contiki-NG's
 *     "urgent probing target")</td></tr>
 * <tr><td>{@code holdDown}</td><td>8 s after a local repair: the meter advertises INFINITE_RANK (three poisoning
 *     DIOs) and picks no parent, so that its former sub-DODAG hears the poison first</td><td>MeterMesh's choice,
 *     about two Imin of Contiki-NG's DIO Trickle; the poisons go out directly, not through Trickle (RFC 6550
 *     8.2.2.5 leaves the duration open)</td></tr>
 * <tr><td>{@code requireGrounded}</td><td>true: only a grounded DODAG is a path to the Border Router</td>
 *     <td>field manual ERR_RPL_NO_ROOT ("path to the Border Router"), RFC 6550 3.2.4 (G flag)</td></tr>
 * <tr><td>{@code instanceId}</td><td>empty: join the first RPL Instance heard</td><td>RFC 6550 8.2.1</td></tr>
 * <tr><td>{@code routeCapacity}</td><td>256 storing-mode routes</td><td>a memory bound, MeterMesh's choice (only
 *     used in storing-mode DODAGs)</td></tr>
 * </table>
 *
 * @param mac                 the meter's EUI-64; its link-local address is {@code fe80::} + the derived IID
 * @param neighbours          the neighbour table's limits
 * @param joinJitter          staggered join: the first DIS waits a random time in [0, joinJitter); zero for none
 * @param discoveryTimeout    DISCOVERY_TIMEOUT: ERR_NET_NO_BEACON / ERR_RPL_NO_ROOT when no parent is found in it
 * @param disInterval         the mean interval between DIS while detached
 * @param daoDelay            the mean delay before a new DAO
 * @param daoAckTimeout       the mean wait for a DAO-ACK before retransmitting
 * @param daoMaxTransmissions transmissions of one DAO (first plus retransmissions), at least 1
 * @param daoRetryBackoff     wait after an unacknowledged or rejected DAO before a fresh one
 * @param daoRefreshMargin    the DAO is refreshed between 1 margin and 1 margin plus a quarter of the lifetime
 *                            before its lifetime ends
 * @param daoLifetimeUnits    Path Lifetime in lifetime units (1-255, 255 infinite) instead of the DODAG default
 * @param probeInterval       the mean interval between probes of the preferred parent
 * @param urgentProbeDelay    the delay of a probe after a frame to the preferred parent went unacknowledged
 * @param holdDown            how long a local repair poisons before choosing a parent again
 * @param requireGrounded     whether only grounded DODAGs count as a path to a root
 * @param instanceId          the only RPLInstanceID to join, or empty for any
 * @param routeCapacity       in a storing-mode DODAG (RFC 6550 9.8), the most sub-DODAG targets kept; a DAO for
 *                            one more is rejected with DAO-ACK status 128
 */
public record NodeConfig(ExtendedAddress mac, NeighbourTableConfig neighbours, Duration joinJitter,
        Duration discoveryTimeout, Duration disInterval, Duration daoDelay, Duration daoAckTimeout,
        int daoMaxTransmissions, Duration daoRetryBackoff, Duration daoRefreshMargin, OptionalInt daoLifetimeUnits,
        Duration probeInterval, Duration urgentProbeDelay, Duration holdDown, boolean requireGrounded,
        OptionalInt instanceId, int routeCapacity) {

    public static final Duration DEFAULT_JOIN_JITTER = Duration.ofSeconds(60);
    public static final Duration DEFAULT_DISCOVERY_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_DIS_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DAO_DELAY = Duration.ofSeconds(15);
    public static final Duration DEFAULT_DAO_ACK_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_DAO_MAX_TRANSMISSIONS = 5;
    public static final Duration DEFAULT_DAO_RETRY_BACKOFF = Duration.ofSeconds(60);
    public static final Duration DEFAULT_DAO_REFRESH_MARGIN = Duration.ofSeconds(60);
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(300);
    public static final Duration DEFAULT_URGENT_PROBE_DELAY = Duration.ofSeconds(5);
    public static final Duration DEFAULT_HOLD_DOWN = Duration.ofSeconds(8);
    /** Storing-mode routes a meter keeps at most: a memory bound, MeterMesh's choice. */
    public static final int DEFAULT_ROUTE_CAPACITY = 256;

    public NodeConfig {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(neighbours, "neighbours");
        nonNegative("joinJitter", joinJitter);
        positive("discoveryTimeout", discoveryTimeout);
        positive("disInterval", disInterval);
        nonNegative("daoDelay", daoDelay);
        positive("daoAckTimeout", daoAckTimeout);
        if (daoMaxTransmissions < 1) {
            throw new IllegalArgumentException("daoMaxTransmissions " + daoMaxTransmissions + " is below 1");
        }
        positive("daoRetryBackoff", daoRetryBackoff);
        nonNegative("daoRefreshMargin", daoRefreshMargin);
        Objects.requireNonNull(daoLifetimeUnits, "daoLifetimeUnits");
        if (daoLifetimeUnits.isPresent() && (daoLifetimeUnits.getAsInt() < 1 || daoLifetimeUnits.getAsInt() > 255)) {
            throw new IllegalArgumentException("DAO lifetime " + daoLifetimeUnits.getAsInt() + " is outside 1..255");
        }
        positive("probeInterval", probeInterval);
        positive("urgentProbeDelay", urgentProbeDelay);
        positive("holdDown", holdDown);
        Objects.requireNonNull(instanceId, "instanceId");
        if (instanceId.isPresent() && (instanceId.getAsInt() < 0 || instanceId.getAsInt() > 255)) {
            throw new IllegalArgumentException("RPLInstanceID " + instanceId.getAsInt() + " is outside 0..255");
        }
        if (routeCapacity < 1) {
            throw new IllegalArgumentException("route capacity " + routeCapacity + " is below 1");
        }
    }

    /** The defaults in the table above. */
    public static NodeConfig defaults(ExtendedAddress mac) {
        return new NodeConfig(mac, NeighbourTableConfig.defaults(), DEFAULT_JOIN_JITTER, DEFAULT_DISCOVERY_TIMEOUT,
                DEFAULT_DIS_INTERVAL, DEFAULT_DAO_DELAY, DEFAULT_DAO_ACK_TIMEOUT, DEFAULT_DAO_MAX_TRANSMISSIONS,
                DEFAULT_DAO_RETRY_BACKOFF, DEFAULT_DAO_REFRESH_MARGIN, OptionalInt.empty(), DEFAULT_PROBE_INTERVAL,
                DEFAULT_URGENT_PROBE_DELAY, DEFAULT_HOLD_DOWN, true, OptionalInt.empty(), DEFAULT_ROUTE_CAPACITY);
    }

    public NodeConfig withNeighbours(NeighbourTableConfig value) {
        return new NodeConfig(mac, value, joinJitter, discoveryTimeout, disInterval, daoDelay, daoAckTimeout,
                daoMaxTransmissions, daoRetryBackoff, daoRefreshMargin, daoLifetimeUnits, probeInterval,
                urgentProbeDelay, holdDown, requireGrounded, instanceId, routeCapacity);
    }

    public NodeConfig withJoinJitter(Duration value) {
        return new NodeConfig(mac, neighbours, value, discoveryTimeout, disInterval, daoDelay, daoAckTimeout,
                daoMaxTransmissions, daoRetryBackoff, daoRefreshMargin, daoLifetimeUnits, probeInterval,
                urgentProbeDelay, holdDown, requireGrounded, instanceId, routeCapacity);
    }

    public NodeConfig withDiscoveryTimeout(Duration value) {
        return new NodeConfig(mac, neighbours, joinJitter, value, disInterval, daoDelay, daoAckTimeout,
                daoMaxTransmissions, daoRetryBackoff, daoRefreshMargin, daoLifetimeUnits, probeInterval,
                urgentProbeDelay, holdDown, requireGrounded, instanceId, routeCapacity);
    }

    public NodeConfig withDisInterval(Duration value) {
        return new NodeConfig(mac, neighbours, joinJitter, discoveryTimeout, value, daoDelay, daoAckTimeout,
                daoMaxTransmissions, daoRetryBackoff, daoRefreshMargin, daoLifetimeUnits, probeInterval,
                urgentProbeDelay, holdDown, requireGrounded, instanceId, routeCapacity);
    }

    public NodeConfig withDaoLifetimeUnits(int units) {
        return new NodeConfig(mac, neighbours, joinJitter, discoveryTimeout, disInterval, daoDelay, daoAckTimeout,
                daoMaxTransmissions, daoRetryBackoff, daoRefreshMargin, OptionalInt.of(units), probeInterval,
                urgentProbeDelay, holdDown, requireGrounded, instanceId, routeCapacity);
    }

    public NodeConfig withDaoDelay(Duration value) {
        return new NodeConfig(mac, neighbours, joinJitter, discoveryTimeout, disInterval, value, daoAckTimeout,
                daoMaxTransmissions, daoRetryBackoff, daoRefreshMargin, daoLifetimeUnits, probeInterval,
                urgentProbeDelay, holdDown, requireGrounded, instanceId, routeCapacity);
    }

    public NodeConfig withProbeInterval(Duration value) {
        return new NodeConfig(mac, neighbours, joinJitter, discoveryTimeout, disInterval, daoDelay, daoAckTimeout,
                daoMaxTransmissions, daoRetryBackoff, daoRefreshMargin, daoLifetimeUnits, value, urgentProbeDelay,
                holdDown, requireGrounded, instanceId, routeCapacity);
    }

    public NodeConfig withRequireGrounded(boolean value) {
        return new NodeConfig(mac, neighbours, joinJitter, discoveryTimeout, disInterval, daoDelay, daoAckTimeout,
                daoMaxTransmissions, daoRetryBackoff, daoRefreshMargin, daoLifetimeUnits, probeInterval,
                urgentProbeDelay, holdDown, value, instanceId, routeCapacity);
    }

    public NodeConfig withInstanceId(int value) {
        return new NodeConfig(mac, neighbours, joinJitter, discoveryTimeout, disInterval, daoDelay, daoAckTimeout,
                daoMaxTransmissions, daoRetryBackoff, daoRefreshMargin, daoLifetimeUnits, probeInterval,
                urgentProbeDelay, holdDown, requireGrounded, OptionalInt.of(value), routeCapacity);
    }

    public NodeConfig withRouteCapacity(int value) {
        return new NodeConfig(mac, neighbours, joinJitter, discoveryTimeout, disInterval, daoDelay, daoAckTimeout,
                daoMaxTransmissions, daoRetryBackoff, daoRefreshMargin, daoLifetimeUnits, probeInterval,
                urgentProbeDelay, holdDown, requireGrounded, instanceId, value);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " " + d + " must be positive");
        }
    }

    private static void nonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " " + d + " is negative");
        }
    }
}
