package org.metermesh.launcher.internal;

import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/**
 * Stops the OSGi framework when the JVM is asked to exit (Ctrl-C, SIGTERM), so that every component deactivates and the state store closes its file. The launcher that starts the
 * standalone gateway does not do this itself.
 */
final class FrameworkShutdownHook {

    private static final Logger LOG = System.getLogger(FrameworkShutdownHook.class.getName());
    private static final long STOP_TIMEOUT_MILLIS = 20_000;

    private final Framework framework;
    private final PrintStream console;
    private final Thread thread = new Thread(this::stop, "metermesh-shutdown");

    FrameworkShutdownHook(Framework framework, PrintStream console) {
        this.framework = framework;
        this.console = console;
    }

    void install() {
        Runtime.getRuntime().addShutdownHook(thread);
    }

    /** For when the framework stops by other means: the hook has nothing left to do. */
    void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            // The hook itself is stopping the framework: it must stay registered to finish.
        }
    }

    private void stop() {
        console.println("MeterMesh gateway stopping");
        boolean stopped = false;
        try {
            framework.stop();
            stopped = framework.waitForStop(STOP_TIMEOUT_MILLIS).getType() != FrameworkEvent.WAIT_TIMEDOUT;
        } catch (BundleException e) {
            LOG.log(Level.ERROR, "stopping the framework failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        console.println(stopped ? "MeterMesh gateway stopped"
                : "MeterMesh gateway did not stop within " + STOP_TIMEOUT_MILLIS / 1000 + " s");
    }
}
