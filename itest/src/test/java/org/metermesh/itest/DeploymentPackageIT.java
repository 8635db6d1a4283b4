package org.metermesh.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.metermesh.itest.support.MeterMesh;
import org.metermesh.itest.support.TestRuntime;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * The core deployment package, the way Kura installs it: onto a runtime that has no MeterMesh bundle yet. It must
 * bring every bundle it lists and take them all away again when uninstalled.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeploymentPackageIT {



    @Inject
    private BundleContext context;

    @Inject
    private DeploymentAdmin deploymentAdmin;

    @Configuration
    public Option[] config() {
        return TestRuntime.runtimeOnly();
    }

    @Test
    public void corePackageInstallsItsBundlesAndUninstallsThemCleanly() throws Exception {
        Path file = TestRuntime.file(TestRuntime.CORE_DP);
        Manifest manifest = manifestOf(file);
        String name = manifest.getMainAttributes().getValue("DeploymentPackage-SymbolicName");
        Map<String, Version> listed = bundlesListedIn(manifest);
        assertTrue("the package lists " + listed.keySet(), listed.keySet().containsAll(MeterMesh.BUNDLES));
        for (String bundle : listed.keySet()) {
            assertFalse(bundle + " is installed before the package", MeterMesh.find(context, bundle).isPresent());
        }

        DeploymentPackage installed;
        try (InputStream in = Files.newInputStream(file)) {
            installed = deploymentAdmin.installDeploymentPackage(in);
        }
        assertEquals(name, installed.getName());
        assertNotNull(deploymentAdmin.getDeploymentPackage(name));
        for (Map.Entry<String, Version> bundle : listed.entrySet()) {
            Bundle present = MeterMesh.find(context, bundle.getKey())
                    .orElseThrow(() -> new AssertionError(bundle.getKey() + " missing after install"));
            assertEquals(bundle.getValue(), present.getVersion());
            assertEquals(MeterMesh.describe(present), Bundle.ACTIVE, present.getState());
            assertEquals(present, installed.getBundle(bundle.getKey()));
        }

        installed.uninstall();

        assertTrue(installed.isStale());
        assertNull(deploymentAdmin.getDeploymentPackage(name));
        for (String bundle : listed.keySet()) {
            assertFalse(bundle + " is still installed after uninstall" + MeterMesh.describeAll(context),
                    MeterMesh.find(context, bundle).isPresent());
        }
    }

    private static Manifest manifestOf(Path dp) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(dp))) {
            return in.getManifest();
        }
    }

    /** The bundles a deployment package manifest names, read independently of DeploymentAdmin. */
    private static Map<String, Version> bundlesListedIn(Manifest manifest) {
        Map<String, Version> bundles = new TreeMap<>();
        for (Attributes entry : manifest.getEntries().values()) {
            String symbolicName = entry.getValue("Bundle-SymbolicName");
            if (symbolicName != null) {
                bundles.put(symbolicName, Version.parseVersion(entry.getValue("Bundle-Version")));
            }
        }
        return bundles;
    }
}
