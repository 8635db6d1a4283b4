package org.metermesh.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Listener;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
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
        Bundle rplBundle = MeterMesh.bundle(context, RPL);
        Object console = Await.value("the RPL console", () -> rplCommands(rplBundle.getVersion()), c -> c != null);
        String before = Await.value("the root started", () -> MeterMesh.console(console, "dodag"), text -> text != null);
        Ipv6Address root = Ipv6Address.parse(before.split(" ")[1]);
        ExtendedAddress meterMac = ExtendedAddress.of(0x0212_4b00_0000_0007L);
        Ipv6Address meter = Ipv6Address.of(Ipv6Prefix.of(root, 64), meterMac);

        // A DAO of a meter right below the root (RFC 6550 6.4), delivered as the 6LoWPAN link would, on the loop.
        Ipv6Packet dao = Ipv6Packet.builder().source(meter).destination(root).hopLimit(64)
                .icmpv6(155, 2, daoBody(meter, root)).build();
        Ipv6Listener rpl = rplListener();
        Scheduler loop = context.getService(context.getServiceReference(Scheduler.class));
        loop.execute(() -> rpl.received(dao, meterMac, -60, 200));
        String routed = Await.value("the meter's route at the root", () -> MeterMesh.console(console, "dodag"),
                text -> text != null && text.contains(meter.toString()));

        Version next = Jars.nextVersion(rplBundle);
        rplBundle.update(new ByteArrayInputStream(Jars.withBundleVersion(rplBundle, next)));

        Object newConsole = Await.value("the RPL console of rpl " + next, () -> rplCommands(next), c -> c != null);
        String after = Await.value("the new root started", () -> MeterMesh.console(newConsole, "dodag"), text -> text != null);
        assertTrue(after, after.contains(", 1 meters"));
        assertTrue(after, after.contains(meter.toString()));
        assertEquals("DODAG version and meter count", firstLine(routed), firstLine(after));
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

    /** RFC 6550 6.4.1 DAO base (K flag), 6.7.7 RPL Target /128, 6.7.8 Transit Information with Parent Address. */
    private static byte[] daoBody(Ipv6Address target, Ipv6Address parent) {
        ByteBuffer body = ByteBuffer.allocate(4 + 20 + 22);
        body.put((byte) 0).put((byte) 0x80).put((byte) 0).put((byte) 1);
        body.put((byte) 0x05).put((byte) 18).put((byte) 0).put((byte) 128).put(target.toBytes());
        body.put((byte) 0x06).put((byte) 20).put((byte) 0).put((byte) 0x80).put((byte) 241).put((byte) 120)
                .put(parent.toBytes());
        return body.array();
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
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(osgi.command.scope=rpl)");
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
