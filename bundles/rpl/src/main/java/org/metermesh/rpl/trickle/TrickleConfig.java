package org.metermesh.rpl.trickle;

import java.time.Duration;

/**
 * The three parameters of a Trickle timer (RFC 6206 4.1): the minimum interval Imin, the maximum interval as a
 * number of doublings of Imin (Imax = Imin * 2^doublings), and the redundancy constant k.
 *
 * <p>Imin is kept in nanoseconds, the {@link org.metermesh.api.clock.Scheduler}'s unit. So that no configuration
 * read off the air (a DODAG Configuration option allows DIOIntervalMin and DIOIntervalDoublings up to 255) can
 * overflow the time line, Imin and Imax are capped at {@link #MAX_INTERVAL_NANOS} (2^50 ns, about 13 days).
 *
 * <h2>Defaults</h2>
 * RFC 6550 expresses the DIO timer's Imin as 2^DIOIntervalMin milliseconds ({@link #fromRpl(int, int, int)}).
 * <table>
 * <caption>DIO Trickle parameters (DIOIntervalMin / DIOIntervalDoublings / DIORedundancyConstant)</caption>
 * <tr><th>source</th><th>Imin</th><th>doublings</th><th>Imax</th><th>k</th><th>where the numbers come from</th></tr>
 * <tr><td>{@link #RFC6550}</td><td>2^3 ms = 8 ms</td><td>20</td><td>2^23 ms = 2.3 h</td><td>10</td>
 *     <td>RFC 6550 17 (DEFAULT_DIO_INTERVAL_MIN, _DOUBLINGS, DEFAULT_DIO_REDUNDANCY_CONSTANT)</td></tr>
 * <tr><td>{@link #CONTIKI_NG_RPL_CLASSIC}</td><td>2^12 ms = 4.096 s</td><td>8</td><td>2^20 ms = 17.5 min</td>
 *     <td>10</td><td>Contiki-NG os/net/routing/rpl-classic/rpl-conf.h: RPL_DIO_INTERVAL_MIN 12,
 *     RPL_DIO_INTERVAL_DOUBLINGS 8, RPL_DIO_REDUNDANCY 10</td></tr>
 * <tr><td>{@link #CONTIKI_NG_RPL_LITE}</td><td>2^12 ms = 4.096 s</td><td>8</td><td>2^20 ms = 17.5 min</td>
 *     <td>0</td><td>Contiki-NG os/net/routing/rpl-lite/rpl-conf.h (the default RPL of Contiki-NG): same
 *     interval, but RPL_DIO_REDUNDANCY 0, "to enable reliable DTSN increment propagation"</td></tr>
 * <tr><td>{@link #WISUN_FAN_SMALL}</td><td>2^15 ms = 32.768 s</td><td>2</td><td>2^17 ms = 131 s</td><td>0</td>
 *     <td>Arm Mbed nanostack source/6LoWPAN/ws/ws_config.h, WS_RPL_DIO_IMIN_SMALL 15, WS_RPL_DIO_DOUBLING_SMALL 2,
 *     WS_RPL_DIO_REDUNDANCY_SMALL 0, commented "Small scale spec recommendation imin 15, doubling 2,
 *     redundancy 0". The Wi-SUN FAN specification itself is for members only and was not checked. Nanostack's
 *     medium/large network profiles use 15-19 / 1-5 / 10. The "15 s" sometimes quoted for Wi-SUN is a different
 *     timer: the PAN Advertisement discovery Trickle (DISC_IMIN 15 s, DISC_IMAX 60 s, k 1 in nanostack's
 *     ws_cfg_settings.c), not the DIO timer.</td></tr>
 * <tr><td>Wi-SUN FAN medium / large</td><td>2^15-2^17 ms / 2^18-2^19 ms</td><td>5-3 / 3-1</td>
 *     <td>17.5-35 min</td><td>10</td><td>nanostack ws_config.h WS_RPL_DIO_IMIN_MEDIUM / _LARGE and their doublings
 *     and redundancy (the values moved between nanostack versions)</td></tr>
 * <tr><td><b>{@link #METERMESH_DEFAULT}</b></td><td>2^14 ms = 16.4 s</td><td>6</td><td>2^20 ms = 17.5 min</td>
 *     <td>10</td><td>MeterMesh's choice (below)</td></tr>
 * </table>
 *
 * <p>MeterMesh's choice, also the RplComponent metatype defaults, was Contiki-NG rpl-classic's 12 / 8 / 10 until
 * the neighbourhood simulator ran the real MAC (CSMA-CA, collisions, one 150 kb/s channel) with hundreds of
 * meters in earshot of each other: an Imin of 4 s makes every Trickle reset (a DIS, a significant Rank rise, a
 * DODAG formed in seconds by hundreds of meters at once) a burst that the channel cannot carry, and the losses
 * feed back into ETX, parent changes and more resets. Imin = 2^14 ms (16.4 s) sits between Contiki-NG's and
 * Wi-SUN's medium-network 2^15 (32.8 s): a meter still hears a DIO within about 8-16 s of a DIS, and a DODAG of
 * 1,000 meters forms in minutes without collapsing. Imax stays at 2^20 ms (17.5 min), the same as before (6
 * doublings), so neighbour-table expiry (1 h, about 3.4 Imax) keeps its meaning; k = 10 (RFC 6550's default and
 * Wi-SUN's for medium and large networks), with every consistent DIO counted (see RplNode), keeps about ten
 * DIOs per interval in any one earshot however dense the street. Deployments that rely on DTSN increments
 * reaching every meter can set k = 0 as rpl-lite and Wi-SUN small networks do.
 *
 * <p>k = 0: RFC 6206 4.1 defines k as a natural number; RPL implementations (Contiki-NG rpl-lite, nanostack's
 * Wi-SUN profile, whose source comments the 0 as "Disabled") use a DIORedundancyConstant of 0 to mean "never
 * suppress", and {@link TrickleTimer} does the same. We could not find that reading stated in RFC 6206 or 6550.
 *
 * @param imin        the minimum interval, at least 1 ns
 * @param doublings   how often Imin may double, 0 or more
 * @param redundancy  k, 0 (never suppress) or more
 */
public record TrickleConfig(Duration imin, int doublings, int redundancy) {

    /** The cap on Imin and Imax: 2^50 ns, about 13 days. */
    public static final long MAX_INTERVAL_NANOS = 1L << 50;

    /** RFC 6550 17 defaults: DIOIntervalMin 3, DIOIntervalDoublings 20, DIORedundancyConstant 10. */
    public static final TrickleConfig RFC6550 = fromRpl(3, 20, 10);
    /** Contiki-NG rpl-classic (rpl-conf.h): 12 / 8 / 10. */
    public static final TrickleConfig CONTIKI_NG_RPL_CLASSIC = fromRpl(12, 8, 10);
    /** Contiki-NG rpl-lite (rpl-conf.h): 12 / 8 / 0. */
    public static final TrickleConfig CONTIKI_NG_RPL_LITE = fromRpl(12, 8, 0);
    /** Wi-SUN FAN small network as in Arm nanostack's ws_config.h: 15 / 2 / 0. */
    public static final TrickleConfig WISUN_FAN_SMALL = fromRpl(15, 2, 0);
    /** MeterMesh's DIO timer: 14 / 6 / 10 (see the class comment for why). */
    public static final TrickleConfig METERMESH_DEFAULT = fromRpl(14, 6, 10);

    public TrickleConfig {
        if (imin.isNegative() || imin.isZero()) {
            throw new IllegalArgumentException("Imin " + imin + " must be positive");
        }
        if (doublings < 0) {
            throw new IllegalArgumentException("doublings " + doublings + " is negative");
        }
        if (redundancy < 0) {
            throw new IllegalArgumentException("redundancy constant " + redundancy + " is negative");
        }
        if (imin.compareTo(Duration.ofNanos(MAX_INTERVAL_NANOS)) > 0) {
            imin = Duration.ofNanos(MAX_INTERVAL_NANOS);
        }
    }

    /**
     * The DIO timer of a DODAG Configuration option (RFC 6550 6.7.6, 8.3.1): Imin = 2^dioIntervalMin ms,
     * doublings and k as given. Accepts every value the option's octets can hold (0-255 each); intervals beyond
     * {@link #MAX_INTERVAL_NANOS} are capped.
     */
    public static TrickleConfig fromRpl(int dioIntervalMin, int dioIntervalDoublings, int dioRedundancyConstant) {
        if (dioIntervalMin < 0) {
            throw new IllegalArgumentException("DIOIntervalMin " + dioIntervalMin + " is negative");
        }
        // 2^n ms = 2^n * 10^6 ns; 10^6 < 2^20, so n <= 30 stays below 2^50.
        long imin = dioIntervalMin > 30 ? MAX_INTERVAL_NANOS
                : Math.min(MAX_INTERVAL_NANOS, (1L << dioIntervalMin) * 1_000_000L);
        return new TrickleConfig(Duration.ofNanos(imin), dioIntervalDoublings, dioRedundancyConstant);
    }

    /** Imin in nanoseconds. */
    public long iminNanos() {
        return imin.toNanos();
    }

    /** Imax = Imin * 2^doublings, capped at {@link #MAX_INTERVAL_NANOS}, in nanoseconds. */
    public long imaxNanos() {
        long i = iminNanos();
        for (int d = 0; d < doublings && i < MAX_INTERVAL_NANOS; d++) {
            i = Math.min(MAX_INTERVAL_NANOS, i * 2);
        }
        return i;
    }

    /** Imax = Imin * 2^doublings (capped). */
    public Duration imax() {
        return Duration.ofNanos(imaxNanos());
    }

    /** Whether suppression is off: k = 0 means every interval transmits. */
    public boolean neverSuppress() {
        return redundancy == 0;
    }
}
