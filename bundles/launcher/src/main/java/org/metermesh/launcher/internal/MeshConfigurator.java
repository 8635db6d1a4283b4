package org.metermesh.launcher.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Standalone gateway start-up: applies mesh-config.yaml (with the selected profile's overlay and the number of
 * simulated meters, see {@link RunConfiguration}) to ConfigurationAdmin, prints a summary and then a status line,
 * and stops the framework cleanly when the JVM exits.
 *
 * <p>The file is named by the {@code metermesh.config} framework property (the {@code ./metermesh} launcher sets
 * it). Nothing is applied unless the whole file is valid; on an invalid file the error is printed as one line and
 * the process exits with status {@value #EXIT_BAD_CONFIG}. Without the property (e.g. on Kura, which keeps its
 * own configuration snapshots) this component does nothing.
 */
@Component(immediate = true)
public final class MeshConfigurator {

    static final String CONFIG_PROPERTY = "metermesh.config";
    /** {@code ./metermesh run --profile NAME}: the overlay {@code profiles/NAME.yaml} of the MeterMesh home. */
    static final String PROFILE_PROPERTY = "metermesh.profile";
    /** {@code ./metermesh run --meters N}: simulated meters around the gateway ({@code sim.meters}). */
    static final String METERS_PROPERTY = "metermesh.meters";
    static final String HOME_PROPERTY = "metermesh.home";
    static final int EXIT_BAD_CONFIG = 78; // EX_CONFIG of sysexits.h

    private static final Logger LOG = System.getLogger(MeshConfigurator.class.getName());

    private final PrintStream console = System.out;
    private final FrameworkShutdownHook shutdownHook;
    private volatile Thread summaryThread;

    @Activate
    public MeshConfigurator(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference MetaTypeService metaType, @Reference ServiceComponentRuntime scr) {
        shutdownHook = new FrameworkShutdownHook((Framework) context.getBundle(0), console);
        shutdownHook.install();
        String file = context.getProperty(CONFIG_PROPERTY);
        if (file == null || file.isBlank()) {
            LOG.log(Level.INFO, "no " + CONFIG_PROPERTY + " property: configuration is left to ConfigurationAdmin");
            return;
        }
        String profile = blankToNull(context.getProperty(PROFILE_PROPERTY));
        Map<String, Hashtable<String, Object>> plan;
        try {
            plan = RunConfiguration.plan(Path.of(file), profilesDir(context, file), profile,
                    blankToNull(context.getProperty(METERS_PROPERTY)), definitions(context, metaType));
            apply(configAdmin, plan);
        } catch (MeshConfigException e) {
            refuseToStart("metermesh: configuration error: " + e.getMessage());
            return;
        } catch (IOException e) {
            refuseToStart("metermesh: configuration error: " + file + ": cannot store configuration: " + e);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "applying " + file + " failed", e);
            refuseToStart("metermesh: configuration error: " + file + ": could not be applied: " + e);
            return;
        }
        int meters = RunConfiguration.simulatedMeters(plan);
        StartupSummary summary = new StartupSummary(context, scr, file, plan.size(), profile, meters,
                meters > 0 ? RunConfiguration.RADIO_PID : RunConfiguration.SIM_PID);
        StatusLine status = new StatusLine(context, console, System.console() != null);
        summaryThread = new Thread(() -> summaryThenStatus(summary::awaitAndDescribe, status, console),
                "metermesh-status");
        summaryThread.setDaemon(true);
        summaryThread.start();
    }

    /**
     * Prints the start-up summary once the gateway has settled, then follows with the status line. A gateway stopped
     * before it settled (our bundle context went invalid meanwhile) reports nothing.
     */
    static void summaryThenStatus(Supplier<String> summary, Runnable status, PrintStream console) {
        String description;
        try {
            description = summary.get();
        } catch (IllegalStateException stopping) {
            LOG.log(Level.DEBUG, "stopped before the start-up summary", stopping);
            return;
        }
        console.println(description);
        status.run();
    }

    @Deactivate
    void deactivate() {
        shutdownHook.remove();
        Thread thread = summaryThread;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** {@code profiles/} of the MeterMesh home, or beside the configuration file when no home is set. */
    private static Path profilesDir(BundleContext context, String file) {
        String home = blankToNull(context.getProperty(HOME_PROPERTY));
        Path base = home != null ? Path.of(home) : Path.of(file).toAbsolutePath().getParent();
        return base.resolve("profiles");
    }

    /** The MetaType definition of every pid declared by a MeterMesh bundle. */
    static Map<String, ObjectClassDefinition> definitions(BundleContext context, MetaTypeService metaType) {
        Map<String, ObjectClassDefinition> definitions = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (!bundle.getSymbolicName().startsWith(MeshConfigBinder.PID_PREFIX)) {
                continue;
            }
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                definitions.put(pid, info.getObjectClassDefinition(pid, null));
            }
        }
        return definitions;
    }

    private static void apply(ConfigurationAdmin configAdmin, Map<String, Hashtable<String, Object>> plan)
            throws IOException {
        for (Map.Entry<String, Hashtable<String, Object>> entry : plan.entrySet()) {
            Configuration configuration = configAdmin.getConfiguration(entry.getKey(), "?");
            Dictionary<String, Object> properties = entry.getValue();
            configuration.updateIfDifferent(properties);
        }
    }

    /**
     * Prints the reason and ends the process at once. Nothing has been configured yet, so no component is active and
     * no state file is open: there is nothing to shut down. Stopping the framework instead would race the start-up
     * still in progress (Felix then prints stack traces) and bury the one line that matters.
     */
    private static void refuseToStart(String message) {
        System.err.println(message);
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_BAD_CONFIG);
    }
}
