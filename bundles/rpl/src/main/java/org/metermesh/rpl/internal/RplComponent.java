package org.metermesh.rpl.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.event.ErrorCode;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Link;
import org.metermesh.api.ipv6.Ipv6Listener;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.MeshRouter;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.NeighbourLink;
import org.metermesh.api.radio.RadioDriver;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.api.state.StateStore;
import org.metermesh.api.status.StatusContributor;
import org.metermesh.rpl.dodag.RootConfig;
import org.metermesh.rpl.dodag.RouteSnapshot;
import org.metermesh.rpl.dodag.RplEventListener;
import org.metermesh.rpl.dodag.RplRoot;
import org.metermesh.rpl.forwarding.RoutingCores;
import org.metermesh.rpl.forwarding.RplForwarder;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplOption.DodagConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The gateway as RPL DODAG root (RFC 6550, non-storing mode by default, storing mode on request) over the 6LoWPAN
 * link, with the field manual's console commands: {@code rpl:dodag} (meters, depth, parents), {@code rpl:neighbors}
 * (the radio neighbours with RSSI, LQI and ETX) and {@code rpl:flush} (a global repair: every meter rejoins afresh).
 *
 * <p>The root's routes, DODAG Version and DTSN live in the {@link StateStore} ({@link StateStoreRouteStore}): a new
 * instance of this component (an update of the bundle) resumes them, so the meters stay reachable without new DAOs.
 */
@Component(name = RplComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Ipv6Listener.class, MeshRouter.class, RplComponent.class, StatusContributor.class},
        property = {"osgi.command.scope=rpl", "osgi.command.function=dodag", "osgi.command.function=neighbors",
            "osgi.command.function=flush"})
@Designate(ocd = RplComponent.Config.class)
public final class RplComponent implements Ipv6Listener, MeshRouter, StatusContributor {

    public static final String PID = "org.metermesh.rpl";

    private static final Logger LOG = System.getLogger(RplComponent.class.getName());
    private static final java.time.Duration COMMAND_TIMEOUT = java.time.Duration.ofSeconds(2);

    @ObjectClassDefinition(id = PID, name = "MeterMesh RPL",
            description = "RFC 6550 discovery and routing with the gateway as DODAG root (non-storing or storing mode).")
    public @interface Config {
        @AttributeDefinition(name = "DIOIntervalMin", min = "1", max = "24",
                description = "Trickle Imin = 2^n ms, advertised to every meter (RFC 6550 6.7.6). 14 (16.4 s): "
                        + "Contiki-NG's 12 (4.1 s) floods a street of hundreds of meters on one channel; Wi-SUN FAN "
                        + "uses 15 (32.8 s) and more for medium and large networks.")
        int dio_interval_min() default 14;

        @AttributeDefinition(name = "DIOIntervalDoublings", min = "0", max = "24",
                description = "Trickle Imax = Imin * 2^n (RFC 6206). 6: Imax 2^20 ms (17.5 min).")
        int dio_interval_doublings() default 6;

        @AttributeDefinition(name = "DIORedundancyConstant", min = "0", max = "255",
                description = "Trickle k: a DIO is suppressed after hearing k consistent ones (0: never).")
        int dio_redundancy_constant() default 10;

        @AttributeDefinition(name = "RPLInstanceID", min = "0", max = "127",
                description = "Global RPLInstanceID of the DODAG.")
        int instance_id() default 0;

        @AttributeDefinition(name = "Mode of Operation",
                description = "How downward routes are kept (RFC 6550 6.3.1 MOP): non-storing, the gateway source "
                        + "routes from every meter's DAO parents (RFC 6554); storing, every meter keeps the routes of "
                        + "its sub-DODAG and forwards hop by hop. Meters follow the mode of the DIO they join.",
                options = {@Option(value = MODE_NON_STORING, label = "Non-storing (MOP 1)"),
                    @Option(value = MODE_STORING, label = "Storing without multicast (MOP 2)")})
        String mode() default MODE_NON_STORING;
    }

    static final String MODE_NON_STORING = "non-storing";
    static final String MODE_STORING = "storing";

    /** How often to look again for a link address while no radio is bound yet. */
    private static final java.time.Duration LINK_RETRY = java.time.Duration.ofSeconds(1);

    private final Scheduler loop;
    /** The 6LoWPAN link as bound now: followed dynamically, so an update of that bundle does not restart RPL. */
    private final Ipv6Link link = new CurrentLink();
    private final DodagConfiguration dodag;
    private final int instanceId;
    private final int mop;
    private final StateStoreRouteStore routeStore;
    private final Counters applicationDrops = new Counters();
    private volatile boolean stopped;
    /** Created on the event loop once the link has an address (a radio is bound); null until then. */
    private volatile RplForwarder forwarder;
    private volatile RplRoot root;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RadioDriver radio;

    /**
     * Optional and dynamic also because the link delivers its packets to every Ipv6Listener, this component
     * included: a static reference would make the two wait on each other's creation.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Ipv6Link boundLink;

    @Activate
    public RplComponent(Config config, @Reference Scheduler loop, @Reference StateStore state) {
        this.loop = loop;
        this.instanceId = config.instance_id();
        this.mop = switch (config.mode()) {
            case MODE_NON_STORING -> Dio.MOP_NON_STORING;
            case MODE_STORING -> Dio.MOP_STORING_NO_MULTICAST;
            default -> throw new IllegalArgumentException("mode " + config.mode() + " is neither " + MODE_NON_STORING
                    + " nor " + MODE_STORING);
        };
        this.routeStore = new StateStoreRouteStore(state);
        DodagConfiguration defaults = RootConfig.meterMeshConfiguration();
        this.dodag = new DodagConfiguration(defaults.authentication(), defaults.pathControlSize(),
                config.dio_interval_doublings(), config.dio_interval_min(), config.dio_redundancy_constant(),
                defaults.maxRankIncrease(), defaults.minHopRankIncrease(), defaults.objectiveCodePoint(),
                defaults.defaultLifetime(), defaults.lifetimeUnit());
        loop.execute(this::startWhenLinkReady);
    }

    /** The DODAGID is the gateway's global address, so the root waits for the link to have one. */
    private void startWhenLinkReady() {
        if (stopped) {
            return;
        }
        long eui64;
        try {
            eui64 = Ipv6LinkAddresses.eui64(link);
        } catch (IllegalStateException noRadioYet) {
            loop.schedule(LINK_RETRY, this::startWhenLinkReady);
            return;
        }
        RplRoot[] holder = new RplRoot[1];
        RplForwarder newForwarder = new RplForwarder(link, link.meshPrefix(), () -> RoutingCores.of(holder[0]),
                (packet, source, rssi, lqi) -> applicationDrops.increment("for-applications")); // telemetry's own listener takes them
        holder[0] = new RplRoot(loop, RootConfig.defaults(ExtendedAddress.of(eui64), link.meshPrefix())
                .withConfiguration(dodag).withInstanceId(instanceId).withMop(mop), newForwarder, new LoggingEvents(),
                new Counters(), routeStore);
        forwarder = newForwarder;
        root = holder[0];
        root.start();
        LOG.log(Level.INFO, "RPL root of DODAG " + root.dodagId() + " started (MOP " + mop + ", version "
                + root.version() + ", " + root.routeCount() + " routes resumed)");
    }

    /** Stops the root, which saves its changed routes: the next instance resumes them. */
    @Deactivate
    void deactivate() {
        stopped = true;
        loop.call("rpl", COMMAND_TIMEOUT, () -> {
            if (root != null) {
                root.stop();
            }
            return null;
        });
    }

    @Override
    public void received(Ipv6Packet packet, MacAddress linkSource, int rssiDbm, int lqi) {
        RplForwarder current = forwarder;
        if (current == null) {
            applicationDrops.increment("dropped:root-not-started");
            return;
        }
        current.received(packet, linkSource, rssiDbm, lqi);
    }

    // ---- MeshRouter: the gateway's own packets down to meters (called on the loop) ----

    @Override
    public Optional<Ipv6Address> globalAddress() {
        RplForwarder current = forwarder;
        return current == null ? Optional.empty() : Optional.of(current.globalAddress());
    }

    @Override
    public boolean hasRoute(Ipv6Address destination) {
        RplForwarder current = forwarder;
        return current != null && current.hasRoute(destination);
    }

    @Override
    public CompletionStage<TxStatus> send(Ipv6Packet packet) {
        RplForwarder current = forwarder;
        if (current == null) {
            applicationDrops.increment("dropped:root-not-started");
            return CompletableFuture.failedFuture(new NoRouteException(packet.destination()));
        }
        return current.send(packet);
    }

    private RplRoot startedRoot() {
        RplRoot current = root;
        if (current == null) {
            throw new IllegalStateException("the RPL root has not started: no radio is bound to the link yet");
        }
        return current;
    }

    // ---- console ----

    /** Every meter the root can route to: address, depth, reported parents with their remaining lifetimes. */
    public String dodag() {
        RplRoot root = startedRoot();
        List<RouteSnapshot> routes = loop.call("rpl", COMMAND_TIMEOUT, root::routes);
        StringBuilder text = new StringBuilder(String.format("DODAG %s version %d, %d meters%n",
                root.dodagId(), root.version(), routes.size()));
        text.append(String.format("%-40s %5s  %s%n", "meter", "depth", "parents (lifetime s)"));
        for (RouteSnapshot route : routes) {
            StringBuilder parents = new StringBuilder();
            for (RouteSnapshot.Parent parent : route.parents()) {
                parents.append(parent).append(' ');
            }
            text.append(String.format("%-40s %5d  %s%n", route.target(), route.depth(), parents.toString().trim()));
        }
        return text.toString();
    }

    /** The radio neighbours, as /proc/net/6lowpan_neighbors shows them: address, RSSI, LQI, ETX, last heard. */
    public String neighbors() {
        RadioDriver current = radio;
        if (current == null) {
            return "no radio driver\n";
        }
        StringBuilder text = new StringBuilder(String.format("%-24s %6s %6s %6s %12s%n", "address", "rssi", "lqi",
                "etx", "heard"));
        for (NeighbourLink link : current.statistics().neighbours()) {
            long attempts = link.acked() + link.unacked();
            String etx = attempts == 0 ? "-" : String.format("%.2f", (double) attempts / Math.max(1, link.acked()));
            text.append(String.format("%-24s %6.1f %6.0f %6s %12d%n", link.address(), link.meanRssiDbm(),
                    link.meanLqi(), etx, link.framesHeard()));
        }
        return text.toString();
    }

    /** Like {@code ip -6 neigh flush all}: a global repair (new DODAG version) makes every meter rediscover. */
    public String flush() {
        RplRoot root = startedRoot();
        int version = loop.call("rpl", COMMAND_TIMEOUT, () -> {
            root.globalRepair();
            return root.version();
        });
        return "global repair: DODAG version " + version + "; meters rejoin from scratch\n";
    }

    /** For the console's status line: the meters the root can route to now (0 before the root has started). */
    @Override
    public Map<String, Long> status() {
        RplRoot current = root;
        long routed = current == null ? 0 : loop.call("rpl", COMMAND_TIMEOUT, current::routeCount);
        return Map.of(METERS_ROUTED, routed);
    }

    /** Counters of the root and the forwarding plane, for diagnostics. */
    public Map<String, Long> counters() {
        Map<String, Long> all = new java.util.TreeMap<>(startedRoot().counters().snapshot());
        forwarder.counters().snapshot().forEach((k, v) -> all.put("forwarding:" + k, v));
        applicationDrops.snapshot().forEach(all::put);
        return all;
    }

    /** The currently bound link; without one there is no address and every frame is refused as link-down. */
    private final class CurrentLink implements Ipv6Link {
        private Ipv6Link bound() {
            Ipv6Link current = boundLink;
            if (current == null) {
                throw new IllegalStateException("no 6LoWPAN link bound");
            }
            return current;
        }

        @Override
        public org.metermesh.api.ipv6.Ipv6Address linkLocalAddress() {
            return bound().linkLocalAddress();
        }

        @Override
        public MacAddress linkAddress() {
            return bound().linkAddress();
        }

        @Override
        public org.metermesh.api.ipv6.Ipv6Prefix meshPrefix() {
            return bound().meshPrefix();
        }

        @Override
        public java.util.concurrent.CompletionStage<org.metermesh.api.radio.TxStatus> send(Ipv6Packet packet,
                MacAddress nextHop) {
            Ipv6Link current = boundLink;
            return current == null
                    ? CompletableFuture.completedFuture(org.metermesh.api.radio.TxStatus.LINK_DOWN)
                    : current.send(packet, nextHop);
        }
    }

    /** Field error codes go to the log as warnings (DESIGN.md principle 5); they are counted by the core. */
    private static final class LoggingEvents implements RplEventListener {
        @Override
        public void error(ErrorCode code, String detail) {
            LOG.log(Level.WARNING, code + ": " + detail);
        }

        @Override
        public void stateProblem(String detail) {
            LOG.log(Level.WARNING, detail);
        }
    }
}
