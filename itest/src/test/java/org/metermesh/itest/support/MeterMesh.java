package org.metermesh.itest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** What the tests know about MeterMesh: its bundles, its configuration pids and which bundle declares which. */
public final class MeterMesh {

    public static final String API = "org.metermesh.api";
    public static final String PLATFORM = "org.metermesh.platform";
    public static final String RADIO = "org.metermesh.radio";
    public static final String SIXLOWPAN = "org.metermesh.sixlowpan";

    /** The core feature's MeterMesh bundles. */
    public static final List<String> BUNDLES = List.of(API, PLATFORM, RADIO, SIXLOWPAN, "org.metermesh.rpl",
            "org.metermesh.security", "org.metermesh.sleepsync", "org.metermesh.topology", "org.metermesh.telemetry");

    /** Every configuration pid (all components use configurationPolicy REQUIRE) and the bundle that declares it. */
    public static final Map<String, String> PID_OWNERS = owners(
            "org.metermesh.platform.loop", PLATFORM,
            "org.metermesh.platform.state", PLATFORM,
            RADIO, RADIO,
            SIXLOWPAN, SIXLOWPAN,
            "org.metermesh.rpl", "org.metermesh.rpl",
            "org.metermesh.security", "org.metermesh.security",
            "org.metermesh.sleepsync", "org.metermesh.sleepsync",
            "org.metermesh.topology", "org.metermesh.topology",
            "org.metermesh.telemetry", "org.metermesh.telemetry");

    /** The interface Kura's console looks for; Kura's own API is replaced by the kura-marker bundle in tests. */
    public static final String KURA_CONFIGURABLE_COMPONENT = "org.eclipse.kura.configuration.ConfigurableComponent";
    public static final String KURA_SERVICE_PID = "kura.service.pid";
    public static final String KURA_MARKER_BUNDLE = "org.metermesh.test.kura.marker";

    /** The location for test configurations: "?" binds them to whichever bundle's component asks (CM 1.6). */
    private static final String ANY_BUNDLE = "?";

    private MeterMesh() {
    }

    public static Optional<Bundle> find(BundleContext context, String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    public static Bundle bundle(BundleContext context, String symbolicName) {
        return find(context, symbolicName).orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }

    public static Bundle[] bundles(BundleContext context) {
        return BUNDLES.stream().map(name -> bundle(context, name)).toArray(Bundle[]::new);
    }

    /** Gives every pid a configuration (default values) unless it has one already, so tests may run in any order. */
    public static void configureAll(ConfigurationAdmin configAdmin) {
        for (String pid : PID_OWNERS.keySet()) {
            try {
                Configuration configuration = configAdmin.getConfiguration(pid, ANY_BUNDLE);
                if (configuration.getProperties() == null) {
                    configuration.update(new Hashtable<>());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot configure " + pid, e);
            }
        }
    }

    /** Replaces a pid's configuration properties. */
    public static void configure(ConfigurationAdmin configAdmin, String pid, Map<String, ?> properties) {
        try {
            configAdmin.getConfiguration(pid, ANY_BUNDLE).update(new Hashtable<>(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure " + pid, e);
        }
    }

    /**
     * Runs a console command (a Gogo function, e.g. rpl's {@code dodag}) on its service object; null while the
     * component says it is not ready (it throws IllegalStateException, as a command whose core has not started).
     */
    public static String console(Object console, String command) {
        try {
            return (String) console.getClass().getMethod(command).invoke(console);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalStateException) {
                return null;
            }
            throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    public static String describe(Bundle bundle) {
        return bundle.getSymbolicName() + " " + bundle.getVersion() + " [" + bundle.getBundleId() + "] state "
                + bundle.getState();
    }

    public static String describeAll(BundleContext context) {
        return Arrays.stream(context.getBundles()).map(MeterMesh::describe)
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    private static Map<String, String> owners(String... pidThenOwner) {
        Map<String, String> owners = new LinkedHashMap<>();
        for (int i = 0; i < pidThenOwner.length; i += 2) {
            owners.put(pidThenOwner[i], pidThenOwner[i + 1]);
        }
        return Collections.unmodifiableMap(owners);
    }
}
