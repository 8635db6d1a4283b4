package org.metermesh.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Listener;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.ipv6.MeshRouter;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.RadioDriver;
import org.metermesh.api.state.StateStore;
import org.metermesh.itest.support.Await;
import org.metermesh.itest.support.Components;
import org.metermesh.itest.support.Jars;
import org.metermesh.itest.support.MeterMesh;
import org.metermesh.itest.support.TestRuntime;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.Version;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/**
 * DESIGN.md principle 1: updating one implementation bundle refreshes or restarts no other bundle, its consumers
 * rebind to the new instance, and state kept in the state store survives. A fresh framework for each test, as
 * both update bundles.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HotSwapIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return TestRuntime.withMeterMesh();
    }

    @Test
    public void updatingTheRadioRestartsOnlyTheRadioAndSixlowpanRebinds() throws Exception {
        MeterMesh.configureAll(configAdmin);
        Bundle radio = MeterMesh.bundle(context, MeterMesh.RADIO);
        Bundle sixlowpan = MeterMesh.bundle(context, MeterMesh.SIXLOWPAN);
        Components.awaitSatisfied(scr, MeterMesh.bundles(context));
        ServiceReference<RadioDriver> oldDriver = Await.value("sixlowpan bound to the radio driver",
                () -> context.getServiceReference(RadioDriver.class), ref -> ref != null && usedBy(ref, sixlowpan));
        ComponentConfigurationDTO sixlowpanBefore = Components.single(scr, sixlowpan, MeterMesh.SIXLOWPAN);
        Map<String, List<Long>> otherComponentsBefore = componentIds(otherMeterMeshBundles(radio));

        BundleEventRecorder events = new BundleEventRecorder();
        context.addBundleListener(events);
        Version next = Jars.nextVersion(radio);
        try {
            radio.update(new ByteArrayInputStream(Jars.withBundleVersion(radio, next)));

            ServiceReference<RadioDriver> newDriver = Await.value("sixlowpan bound to the new radio driver",
                    () -> context.getServiceReference(RadioDriver.class),
                    ref -> ref != null && !ref.equals(oldDriver) && usedBy(ref, sixlowpan));
            assertEquals(radio, newDriver.getBundle());
        } finally {
            context.removeBundleListener(events);
        }

        assertEquals(next, radio.getVersion());
        assertEquals(Bundle.ACTIVE, radio.getState());
        // Felix refreshes an updated bundle nobody depends on by itself; a refresh that reached any other bundle
        // would stop, unresolve or restart it, and show here.
        assertEquals("bundles that saw events", List.of(MeterMesh.RADIO), events.bundles());
        assertTrue("the radio was not updated: " + events, events.has(BundleEvent.UPDATED));
        assertTrue("the radio was not restarted: " + events, events.has(BundleEvent.STARTED));

        ComponentConfigurationDTO sixlowpanAfter = Components.single(scr, sixlowpan, MeterMesh.SIXLOWPAN);
        assertNotNull(sixlowpanAfter);
        assertEquals("sixlowpan state", ComponentConfigurationDTO.ACTIVE, sixlowpanAfter.state);
        assertEquals("sixlowpan was re-created instead of rebound", sixlowpanBefore.id, sixlowpanAfter.id);
        assertEquals("components of other bundles were re-created", otherComponentsBefore,
                componentIds(otherMeterMeshBundles(radio)));
    }

    @Test
    public void stateWrittenBeforeAPlatformUpdateIsReadAfterIt() throws Exception {
        MeterMesh.configureAll(configAdmin);
        byte[] route = "fd00::2 via fe80::1".getBytes(StandardCharsets.UTF_8);
        ServiceReference<StateStore> oldStore = Await.value("the state store",
                () -> context.getServiceReference(StateStore.class), ref -> ref != null);
        // Kept in use across the update, as a consumer would.
        StateStore store = context.getService(oldStore);
        store.map("itest.routes").put("fd00::2", route);
        store.commit();

        Bundle platform = MeterMesh.bundle(context, MeterMesh.PLATFORM);
        Version next = Jars.nextVersion(platform);
        platform.update(new ByteArrayInputStream(Jars.withBundleVersion(platform, next)));

        ServiceReference<StateStore> newStore = Await.value("a state store from platform " + next,
                () -> context.getServiceReference(StateStore.class),
                ref -> ref != null && ref.getBundle() != null && next.equals(ref.getBundle().getVersion()));
        assertNotEquals(oldStore, newStore);
        StateStore reopened = context.getService(newStore);
        try {
            assertArrayEquals(route, reopened.map("itest.routes").get("fd00::2")
                    .orElseThrow(() -> new AssertionError("the route is gone after the update")));
        } finally {
            context.ungetService(newStore);
        }
    }

    /**
     * Issue 5: the root's routes live in the state store, so the root of an updated RPL bundle routes to a meter at
     * once, without waiting for the meter's next DAO (up to its 2 h lifetime away).
     */
    @Test
    public void theRootOfAnUpdatedRplBundleKeepsItsRoutesAndVersion() throws Exception {
        MeterMesh.configureAll(configAdmin);
        Ipv6Address root = startedRoot();
        ExtendedAddress meterMac = ExtendedAddress.of(0x0212_4b00_0000_0007L);
        Ipv6Address meter = Ipv6Address.of(Ipv6Prefix.of(root, 64), meterMac);

        // A DAO of a meter right below the root (RFC 6550 6.4), naming the root as its parent (non-storing, 9.7).
        RplUpdate update = updateRplWithRouteTo(meter, dao(meter, root, Optional.of(root), meter), meterMac);
        assertTrue(update.after(), update.after().contains(", 1 meters"));
    }

    /**
     * The storing-mode root (RFC 6550 9.8) keeps its next hops in the state store too: the root of an updated RPL
     * bundle still routes to a meter below a child through that child, for what is left of the DAO's lifetime.
     */
    @Test
    public void theStoringModeRootOfAnUpdatedRplBundleKeepsItsNextHopsAndVersion() throws Exception {
        // Before configureAll, which leaves a configured pid alone: the root never starts in non-storing mode.
        MeterMesh.configure(configAdmin, RPL, Map.of("mode", "storing"));
        MeterMesh.configureAll(configAdmin);
        Ipv6Address root = startedRoot();
        ExtendedAddress childMac = ExtendedAddress.of(0x0212_4b00_0000_0007L);
        Ipv6Address child = Ipv6Address.of(Ipv6Prefix.of(root, 64), childMac);
        Ipv6Address grandchild = Ipv6Address.of(Ipv6Prefix.of(root, 64), ExtendedAddress.of(0x0212_4b00_0000_0008L));

        // The child's DAO for the meter below it and for itself, without a Parent Address (storing mode, RFC 6550
        // 6.7.8): the root's next hop to both is the child that sent it. A non-storing root would ignore it.
        RplUpdate update = updateRplWithRouteTo(grandchild, dao(child, root, Optional.empty(), grandchild, child),
                childMac);
        assertTrue(update.after(), update.after().contains(", 2 meters"));
        StoringRoute before = StoringRoute.of(update.before(), grandchild);
        StoringRoute after = StoringRoute.of(update.after(), grandchild);
        assertEquals("depth and next hop before the update", new StoringRoute(2, child, before.lifetimeLeft()),
                before);
        assertEquals("depth and next hop after the update", new StoringRoute(2, child, after.lifetimeLeft()), after);
        assertTrue("no lifetime left: " + after, after.lifetimeLeft().compareTo(Duration.ZERO) > 0);
        // Expiries are kept on the wall clock: the update must not extend the 2 h the DAO gave.
        assertTrue("lifetime extended: " + before + " -> " + after,
                after.lifetimeLeft().compareTo(before.lifetimeLeft()) <= 0);
        assertTrue("more than the DAO's Path Lifetime: " + before,
                before.lifetimeLeft().compareTo(Duration.ofHours(2)) <= 0);
    }

    /**
     * Issue 6: telemetry's outbox lives in the state store, so what a meter handed over before an update of the
     * telemetry bundle (its CoAP 2.04 given, the broker not reachable) is still queued for the new instance.
     */
    @Test
    public void theOutboxOfAnUpdatedTelemetryBundleKeepsWhatMetersHandedOver() throws Exception {
        MeterMesh.configureAll(configAdmin);
        MeterMesh.configure(configAdmin, TELEMETRY, Map.of("broker.url", "tcp://127.0.0.1:1")); // no broker there
        Bundle telemetryBundle = MeterMesh.bundle(context, TELEMETRY);
        Object rplConsole = Await.value("the RPL console", () -> rplCommands(MeterMesh.bundle(context, RPL)
                .getVersion()), c -> c != null);
        String dodag = Await.value("the root started", () -> MeterMesh.console(rplConsole, "dodag"),
                text -> text != null);
        Ipv6Address gateway = Ipv6Address.parse(dodag.split(" ")[1]);
        ExtendedAddress meterMac = ExtendedAddress.of(0x0200_4d6d_0000_0007L);
        Ipv6Address meter = Ipv6Address.of(Ipv6Prefix.of(gateway, 64), meterMac);
        Object telemetry = Await.value("the telemetry component", () -> telemetryComponent(
                telemetryBundle.getVersion()), t -> t != null);
        int queuedBefore = queued(telemetry);

        Ipv6Packet notification = Ipv6Packet.builder().source(meter).destination(gateway).hopLimit(64)
                .udp(61616, 61616, HexFormat.of().parseHex(LAST_GASP_COAP)).build();
        Ipv6Listener listener = (Ipv6Listener) telemetry;
        Scheduler loop = context.getService(context.getServiceReference(Scheduler.class));
        loop.execute(() -> listener.received(notification, meterMac, -60, 200));
        Await.value("the Last Gasp in the outbox", () -> queued(telemetry), n -> n == queuedBefore + 1);

        Version next = Jars.nextVersion(telemetryBundle);
        telemetryBundle.update(new ByteArrayInputStream(Jars.withBundleVersion(telemetryBundle, next)));

        Object updated = Await.value("telemetry " + next, () -> telemetryComponent(next), t -> t != null);
        assertEquals("queued in the new instance", queuedBefore + 1, (int) queued(updated));
    }

    /**
     * A meter's CoAP CON POST /n (RFC 7252: 0x41 CON with a 1-octet token, 0.02 POST, message ID 0x1234, token 07,
     * Uri-Path "n") carrying the data-notification of a Last Gasp (IDIS event 1) at 2026-11-21T12:00:00Z, meter
     * notification number 41, as org.metermesh.telemetry.meter.MeterMessageCodec encodes it.
     */
    private static final String LAST_GASP_COAP = "4102123407b16eff0f800000290c07ea0b15060c000000000000020511011605"
            + "090c07ea0b15060c0000000000001200010100";
    private static final String TELEMETRY = "org.metermesh.telemetry";

    private static Integer queued(Object telemetry) {
        try {
            return (Integer) telemetry.getClass().getMethod("queued").invoke(telemetry);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The telemetry component of the bundle of {@code version}; null until it is registered. */
    private Object telemetryComponent(Version version) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(Ipv6Listener.class.getName(),
                    "(component.name=" + TELEMETRY + ")");
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                if (ref.getBundle() != null && version.equals(ref.getBundle().getVersion())) {
                    return context.getService(ref);
                }
            }
            return null;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static final String RPL = "org.metermesh.rpl";

    /** What the RPL console's {@code dodag} showed with the route in place, and then from the updated bundle. */
    private record RplUpdate(String before, String after) {
    }

    /**
     * Makes the root of the RPL bundle route to {@code target} and updates the bundle: a global repair first, so
     * that the DODAG Version is no longer the one a root starts with, then {@code dao} delivered on the loop from
     * {@code linkSource} as the 6LoWPAN link would. Checks that the root of the new bundle routes to {@code target} at
     * once, with no DAO since, and kept the DODAG Version and the meter count.
     */
    private RplUpdate updateRplWithRouteTo(Ipv6Address target, Ipv6Packet dao, ExtendedAddress linkSource)
            throws Exception {
        Bundle rplBundle = MeterMesh.bundle(context, RPL);
        Object console = rplCommands(rplBundle.getVersion());
        int initialVersion = dodagVersion(MeterMesh.console(console, "dodag"));
        MeterMesh.console(console, "flush");
        Ipv6Listener rpl = rplListener();
        Scheduler loop = context.getService(context.getServiceReference(Scheduler.class));
        loop.execute(() -> rpl.received(dao, linkSource, -60, 200));
        String before = Await.value("the route to " + target + " at the root",
                () -> MeterMesh.console(console, "dodag"), text -> text != null && text.contains(target.toString()));
        assertNotEquals("DODAG Version after the global repair", initialVersion, dodagVersion(before));

        Version next = Jars.nextVersion(rplBundle);
        rplBundle.update(new ByteArrayInputStream(Jars.withBundleVersion(rplBundle, next)));

        Object newConsole = Await.value("the RPL console of rpl " + next, () -> rplCommands(next), c -> c != null);
        String after = Await.value("the new root started", () -> MeterMesh.console(newConsole, "dodag"),
                text -> text != null);
        assertTrue(after, after.contains(target.toString()));
        assertEquals("DODAG version and meter count", firstLine(before), firstLine(after));
        MeshRouter router = (MeshRouter) Await.value("the mesh router of rpl " + next,
                () -> rplService(MeshRouter.class, next), r -> r != null);
        assertTrue("the root of rpl " + next + " has no route to " + target,
                loop.call("the route to " + target, Duration.ofSeconds(2), () -> router.hasRoute(target)));
        return new RplUpdate(before, after);
    }

    /** The DODAGID of the RPL root, once it has started: the gateway's global address. */
    private Ipv6Address startedRoot() {
        Version version = MeterMesh.bundle(context, RPL).getVersion();
        Object console = Await.value("the RPL console", () -> rplCommands(version), c -> c != null);
        String dodag = Await.value("the root started", () -> MeterMesh.console(console, "dodag"), text -> text != null);
        return Ipv6Address.parse(dodag.split(" ")[1]);
    }

    /** The Version Number in the first line of the {@code dodag} command: "DODAG id version n, m meters". */
    private static int dodagVersion(String dodag) {
        return Integer.parseInt(dodag.split(" ")[3].replace(",", ""));
    }

    /**
     * A storing-mode target's line of the {@code dodag} command: the root knows only its next hop, shown as its one
     * parent ("target depth Parent[address=next hop, pathControl=128, lifetimeLeft=PT...]").
     */
    private record StoringRoute(int depth, Ipv6Address nextHop, Duration lifetimeLeft) {
        private static final Pattern LINE = Pattern.compile(
                "(\\S+)\\s+(\\d+)\\s+Parent\\[address=([^,]+), pathControl=\\d+, lifetimeLeft=([^\\]]+)\\]");

        static StoringRoute of(String dodag, Ipv6Address target) {
            return dodag.lines().map(LINE::matcher)
                    .filter(m -> m.matches() && m.group(1).equals(target.toString())).findFirst()
                    .map(m -> new StoringRoute(Integer.parseInt(m.group(2)), Ipv6Address.parse(m.group(3)),
                            Duration.parse(m.group(4))))
                    .orElseThrow(() -> new AssertionError("no route with one next hop to " + target + " in\n"
                            + dodag));
        }
    }

    /**
     * A DAO from {@code source} to the root (RFC 6550 6.4.1 DAO base with the K flag), a 6.7.7 RPL Target /128 for
     * each of {@code targets}, then one 6.7.8 Transit Information for them all: Path Sequence 241, Path Lifetime
     * 120 units (2 h), with {@code parent} as Parent Address in non-storing mode, without one in storing mode.
     */
    private static Ipv6Packet dao(Ipv6Address source, Ipv6Address root, Optional<Ipv6Address> parent,
            Ipv6Address... targets) {
        ByteBuffer body = ByteBuffer.allocate(4 + 20 * targets.length + 6 + (parent.isPresent() ? 16 : 0));
        body.put((byte) 0).put((byte) 0x80).put((byte) 0).put((byte) 1);
        for (Ipv6Address target : targets) {
            body.put((byte) 0x05).put((byte) 18).put((byte) 0).put((byte) 128).put(target.toBytes());
        }
        body.put((byte) 0x06).put((byte) (parent.isPresent() ? 20 : 4)).put((byte) 0).put((byte) 0x80)
                .put((byte) 241).put((byte) 120);
        parent.ifPresent(p -> body.put(p.toBytes()));
        return Ipv6Packet.builder().source(source).destination(root).hopLimit(64).icmpv6(155, 2, body.array())
                .build();
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private Ipv6Listener rplListener() throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences(Ipv6Listener.class.getName(),
                "(component.name=" + RPL + ")");
        assertNotNull("the RPL component as Ipv6Listener", refs);
        return (Ipv6Listener) context.getService(refs[0]);
    }

    /** The console of the RPL bundle of {@code version}; null until it is registered. */
    private Object rplCommands(Version version) {
        return rplService(null, version);
    }

    /** The RPL component of the bundle of {@code version} as {@code type}'s service; null until it is registered. */
    private Object rplService(Class<?> type, Version version) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(type == null ? null : type.getName(),
                    "(osgi.command.scope=rpl)");
            if (refs == null) {
                return null;
            }
            for (ServiceReference<?> ref : refs) {
                if (ref.getBundle() != null && version.equals(ref.getBundle().getVersion())) {
                    return context.getService(ref);
                }
            }
            return null;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean usedBy(ServiceReference<?> reference, Bundle consumer) {
        Bundle[] users = reference.getUsingBundles();
        return users != null && Arrays.asList(users).contains(consumer);
    }

    private Bundle[] otherMeterMeshBundles(Bundle updated) {
        return Arrays.stream(MeterMesh.bundles(context)).filter(b -> !b.equals(updated)).toArray(Bundle[]::new);
    }

    private Map<String, List<Long>> componentIds(Bundle... bundles) {
        return Components.configurations(scr, bundles).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(c -> c.id).sorted().toList()));
    }

    /** Every bundle event, delivered synchronously so that STARTING and STOPPING are seen too. */
    private static final class BundleEventRecorder implements SynchronousBundleListener {
        private final List<BundleEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void bundleChanged(BundleEvent event) {
            events.add(event);
        }

        List<String> bundles() {
            return events.stream().map(e -> e.getBundle().getSymbolicName()).distinct().toList();
        }

        boolean has(int type) {
            return events.stream().anyMatch(e -> e.getType() == type);
        }

        @Override
        public String toString() {
            return events.stream().map(e -> e.getBundle().getSymbolicName() + " " + typeName(e.getType()))
                    .collect(Collectors.joining(", ", "[", "]"));
        }

        private static String typeName(int type) {
            return switch (type) {
                case BundleEvent.INSTALLED -> "INSTALLED";
                case BundleEvent.RESOLVED -> "RESOLVED";
                case BundleEvent.STARTING -> "STARTING";
                case BundleEvent.STARTED -> "STARTED";
                case BundleEvent.STOPPING -> "STOPPING";
                case BundleEvent.STOPPED -> "STOPPED";
                case BundleEvent.UPDATED -> "UPDATED";
                case BundleEvent.UNRESOLVED -> "UNRESOLVED";
                case BundleEvent.UNINSTALLED -> "UNINSTALLED";
                case BundleEvent.LAZY_ACTIVATION -> "LAZY_ACTIVATION";
                default -> "event " + type;
            };
        }
    }
}
