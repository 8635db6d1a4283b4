package org.metermesh.rpl.dodag;

import java.util.Objects;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplOption.DodagConfiguration;
import org.metermesh.rpl.of.Mrhof;
import org.metermesh.rpl.of.ObjectiveFunction;
import org.metermesh.rpl.of.ObjectiveFunctions;
import org.metermesh.rpl.trickle.TrickleConfig;

/**
 * What the gateway's {@link RplRoot} advertises. The DODAGID is the gateway's global address, the mesh prefix plus
 * the interface identifier of its EUI-64.
 *
 * <table>
 * <caption>Defaults ({@link #defaults(ExtendedAddress, Ipv6Prefix)})</caption>
 * <tr><th>parameter</th><th>default</th><th>source</th></tr>
 * <tr><td>RPLInstanceID</td><td>0</td><td>Contiki-NG RPL_DEFAULT_INSTANCE ("0 for compression": RFC 8138 elides
 *     it)</td></tr>
 * <tr><td>Trickle (DIOIntervalMin / Doublings / k)</td><td>14 / 6 / 10</td>
 *     <td>{@link TrickleConfig#METERMESH_DEFAULT}</td></tr>
 * <tr><td>MinHopRankIncrease / MaxRankIncrease</td><td>128 / 1024</td><td>{@link Mrhof#meterMeshDefaults()}
 *     (Contiki-NG RPL_MIN_HOPRANKINC, RPL_MAX_RANKINC)</td></tr>
 * <tr><td>OCP</td><td>1, MRHOF</td><td>RFC 6719; Contiki-NG RPL_OF_OCP</td></tr>
 * <tr><td>Default Lifetime x Lifetime Unit</td><td>120 x 60 s = 2 h</td><td>Wi-SUN FAN as Arm nanostack
 *     configures it (ws_config.h WS_RPL_DEFAULT_LIFETIME 2 h for small networks, 4 h and more for larger ones);
 *     Contiki-NG's 30 min (RPL_DEFAULT_LIFETIME 30 x RPL_DEFAULT_LIFETIME_UNIT 60 s) is sized for tens of nodes:
 *     every meter refreshes its DAO once per lifetime, across every hop to the root, so a 10,000-meter
 *     neighbourhood would send about 5.5 DAOs per second through the gateway's few neighbours for nothing. A
 *     meter that moves sends a new DAO at once anyway; a dead one stays in the route table up to 2 h.</td></tr>
 * <tr><td>PCS (Path Control Size)</td><td>2: three Path Control bits, so a meter reports up to three DAO parents,
 *     MRHOF's PARENT_SET_SIZE</td><td>MeterMesh's choice (RFC 6550 17's DEFAULT_PATH_CONTROL_SIZE 0 allows one DAO
 *     parent; the topology bundle wants the backups too)</td></tr>
 * <tr><td>grounded</td><td>true: the gateway reaches the utility's head-end</td><td>RFC 6550 3.2.4</td></tr>
 * <tr><td>DODAGPreference</td><td>0</td><td>RFC 6550 6.3.1 default; Contiki-NG RPL_PREFERENCE</td></tr>
 * <tr><td>MOP</td><td>1, non-storing (2, storing without multicast, on request)</td><td>RFC 6550 9.7, 9.8;
 *     issue 5</td></tr>
 * <tr><td>route capacity</td><td>65,536 targets</td><td>a memory bound, not an RFC value; beyond it DAOs are
 *     rejected with DAO-ACK status 128</td></tr>
 * </table>
 *
 * @param mac           the gateway's EUI-64
 * @param prefix        the mesh prefix (at most /64), advertised in the Prefix Information option
 * @param instanceId    RPLInstanceID
 * @param configuration the DODAG Configuration option advertised in every DIO
 * @param grounded      the G flag
 * @param preference    DODAGPreference, 0-7
 * @param routeCapacity the most targets the route table holds
 * @param mop           Mode of Operation: {@link Dio#MOP_NON_STORING} or {@link Dio#MOP_STORING_NO_MULTICAST}
 */
public record RootConfig(ExtendedAddress mac, Ipv6Prefix prefix, int instanceId, DodagConfiguration configuration,
        boolean grounded, int preference, int routeCapacity, int mop) {

    /** MeterMesh's Path Control Size (see the class comment). */
    public static final int DEFAULT_PATH_CONTROL_SIZE = 2;
    /** Default Lifetime in lifetime units: 120 minutes (see the class comment). */
    public static final int DEFAULT_LIFETIME = 120;
    /** Contiki-NG RPL_DEFAULT_LIFETIME_UNIT, seconds. */
    public static final int DEFAULT_LIFETIME_UNIT = 60;
    /** DIOIntervalMin of {@link TrickleConfig#METERMESH_DEFAULT}: Imin = 2^14 ms. */
    public static final int DEFAULT_DIO_INTERVAL_MIN = 14;
    /** DIOIntervalDoublings of {@link TrickleConfig#METERMESH_DEFAULT}: Imax = 2^20 ms. */
    public static final int DEFAULT_DIO_INTERVAL_DOUBLINGS = 6;
    /** DIORedundancyConstant of {@link TrickleConfig#METERMESH_DEFAULT}. */
    public static final int DEFAULT_DIO_REDUNDANCY = 10;
    public static final int DEFAULT_ROUTE_CAPACITY = 65_536;

    public RootConfig {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.length() > 64) {
            throw new IllegalArgumentException("mesh prefix " + prefix + " is longer than /64");
        }
        if (instanceId < 0 || instanceId > 255) {
            throw new IllegalArgumentException("RPLInstanceID " + instanceId + " is outside 0..255");
        }
        Objects.requireNonNull(configuration, "configuration");
        if (ObjectiveFunctions.forConfiguration(configuration).isEmpty()) {
            throw new IllegalArgumentException("no objective function for " + configuration);
        }
        if (configuration.lifetimeUnit() == 0 || configuration.defaultLifetime() == 0) {
            throw new IllegalArgumentException("default lifetime and lifetime unit must be positive");
        }
        if (preference < 0 || preference > 7) {
            throw new IllegalArgumentException("DODAGPreference " + preference + " is outside 0..7");
        }
        if (routeCapacity < 1) {
            throw new IllegalArgumentException("route capacity " + routeCapacity + " is below 1");
        }
        if (mop != Dio.MOP_NON_STORING && mop != Dio.MOP_STORING_NO_MULTICAST) {
            throw new IllegalArgumentException("MOP " + mop + " is neither 1 (non-storing) nor 2 (storing)");
        }
    }

    /** The defaults in the table above. */
    public static RootConfig defaults(ExtendedAddress mac, Ipv6Prefix prefix) {
        return new RootConfig(mac, prefix, 0, meterMeshConfiguration(), true, 0, DEFAULT_ROUTE_CAPACITY,
                Dio.MOP_NON_STORING);
    }

    /** The DODAG Configuration option with MeterMesh's defaults (see the class comment). */
    public static DodagConfiguration meterMeshConfiguration() {
        return new DodagConfiguration(false, DEFAULT_PATH_CONTROL_SIZE, DEFAULT_DIO_INTERVAL_DOUBLINGS,
                DEFAULT_DIO_INTERVAL_MIN, DEFAULT_DIO_REDUNDANCY, Mrhof.DEFAULT_MAX_RANK_INCREASE,
                Mrhof.DEFAULT_MIN_HOP_RANK_INCREASE, ObjectiveFunction.OCP_MRHOF, DEFAULT_LIFETIME,
                DEFAULT_LIFETIME_UNIT);
    }

    public RootConfig withConfiguration(DodagConfiguration value) {
        return new RootConfig(mac, prefix, instanceId, value, grounded, preference, routeCapacity, mop);
    }

    public RootConfig withInstanceId(int value) {
        return new RootConfig(mac, prefix, value, configuration, grounded, preference, routeCapacity, mop);
    }

    public RootConfig withGrounded(boolean value) {
        return new RootConfig(mac, prefix, instanceId, configuration, value, preference, routeCapacity, mop);
    }

    public RootConfig withRouteCapacity(int value) {
        return new RootConfig(mac, prefix, instanceId, configuration, grounded, preference, value, mop);
    }

    /** The DODAGID: the gateway's global address. */
    public Ipv6Address dodagId() {
        return Ipv6Address.of(prefix, mac);
    }

    public RootConfig withMop(int value) {
        return new RootConfig(mac, prefix, instanceId, configuration, grounded, preference, routeCapacity, value);
    }

    /** Whether the DODAG runs in storing mode (MOP 2, RFC 6550 9.8): routes hop by hop, no source routes. */
    public boolean storing() {
        return mop == Dio.MOP_STORING_NO_MULTICAST;
    }

    /** The DIO Trickle parameters of {@link #configuration()}. */
    public TrickleConfig trickle() {
        return TrickleConfig.fromRpl(configuration.dioIntervalMin(), configuration.dioIntervalDoublings(),
                configuration.dioRedundancyConstant());
    }
}
