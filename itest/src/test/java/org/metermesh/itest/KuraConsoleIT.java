package org.metermesh.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.metermesh.itest.support.Await;
import org.metermesh.itest.support.Jars;
import org.metermesh.itest.support.MeterMesh;
import org.metermesh.itest.support.TestRuntime;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.metatype.MetaTypeService;

/**
 * With Kura's API present (the kura-marker bundle plays it), every MeterMesh pid is registered the way Kura's web
 * console finds components: under ConfigurableComponent, with kura.service.pid, by the bundle that describes it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KuraConsoleIT {

    @Inject
    private BundleContext context;

    @Inject
    private MetaTypeService metaType;

    @Configuration
    public Option[] config() {
        return TestRuntime.withKuraApiAndMeterMesh();
    }

    @Test
    public void platformWiresTheOptionalKuraImport() {
        Bundle marker = MeterMesh.bundle(context, MeterMesh.KURA_MARKER_BUNDLE);
        BundleWiring platform = MeterMesh.bundle(context, MeterMesh.PLATFORM).adapt(BundleWiring.class);

        assertTrue("org.eclipse.kura.configuration not wired to " + MeterMesh.describe(marker),
                platform.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
                        .filter(wire -> "org.eclipse.kura.configuration".equals(
                                wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)))
                        .map(BundleWire::getProvider)
                        .anyMatch(provider -> provider.getBundle().equals(marker)));
    }

    @Test
    public void everyPidIsRegisteredAsAConfigurableComponentByItsOwnBundle() throws Exception {
        Class<?> markerInterface = MeterMesh.bundle(context, MeterMesh.KURA_MARKER_BUNDLE)
                .loadClass(MeterMesh.KURA_CONFIGURABLE_COMPONENT);

        for (Map.Entry<String, String> pidAndOwner : MeterMesh.PID_OWNERS.entrySet()) {
            String pid = pidAndOwner.getKey();
            ServiceReference<?> reference = Await.value("a ConfigurableComponent for " + pid,
                    () -> consoleRegistration(pid), ref -> ref != null);

            assertEquals(pid, reference.getProperty(Constants.SERVICE_PID));
            Bundle registrant = reference.getBundle();
            assertEquals(pidAndOwner.getValue(), registrant.getSymbolicName());
            assertTrue(pid + " is not in the metatype of its registrant " + registrant.getSymbolicName(),
                    Arrays.asList(metaType.getMetaTypeInformation(registrant).getPids()).contains(pid));

            Object service = context.getService(reference);
            try {
                assertNotNull("no service object behind " + pid, service);
                assertTrue(service.getClass() + " is not Kura's ConfigurableComponent",
                        markerInterface.isInstance(service));
            } finally {
                context.ungetService(reference);
            }
        }
    }

    @Test
    public void anUpdatedBundleIsRegisteredAgain() throws Exception {
        Bundle radio = MeterMesh.bundle(context, MeterMesh.RADIO);
        ServiceReference<?> before = Await.value("a ConfigurableComponent for the radio",
                () -> consoleRegistration(MeterMesh.RADIO), ref -> ref != null);

        Version next = Jars.nextVersion(radio);
        radio.update(new ByteArrayInputStream(Jars.withBundleVersion(radio, next)));

        ServiceReference<?> after = Await.value("a ConfigurableComponent for the updated radio",
                () -> consoleRegistration(MeterMesh.RADIO), ref -> ref != null && !ref.equals(before));
        assertEquals(radio, after.getBundle());
        assertEquals(next, after.getBundle().getVersion());
    }

    private ServiceReference<?> consoleRegistration(String pid) {
        try {
            ServiceReference<?>[] references = context.getServiceReferences(MeterMesh.KURA_CONFIGURABLE_COMPONENT,
                    "(" + MeterMesh.KURA_SERVICE_PID + "=" + pid + ")");
            if (references == null) {
                return null;
            }
            assertEquals("registrations of " + pid, 1, references.length);
            return references[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(pid, e);
        }
    }
}
