package org.metermesh.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.metermesh.api.radio.RadioDriver;
import org.metermesh.api.radio.RadioSettings;
import org.metermesh.itest.support.Await;
import org.metermesh.itest.support.Components;
import org.metermesh.itest.support.MeterMesh;
import org.metermesh.itest.support.TestRuntime;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.util.tracker.ServiceTracker;

/** The core feature on its own: bundles start, components come up once configured and follow reconfiguration. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ComponentLifecycleIT {

    private static final String KURA_CONSOLE_BRIDGE = "org.metermesh.platform.internal.KuraConsoleBridge";

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
    public void everyMeterMeshBundleResolvesAndIsActive() {
        for (String name : MeterMesh.BUNDLES) {
            Bundle bundle = MeterMesh.bundle(context, name);
            assertEquals(MeterMesh.describe(bundle) + " on " + TestRuntime.name() + MeterMesh.describeAll(context),
                    Bundle.ACTIVE, bundle.getState());
        }
    }

    @Test
    public void everyComponentBecomesActiveOnceEveryPidIsConfigured() {
        Bundle[] bundles = MeterMesh.bundles(context);
        MeterMesh.configureAll(configAdmin);

        // Components that offer a service are delayed: DS activates them on first use, so use them.
        Components.awaitSatisfied(scr, bundles);
        Components.useServicesOfDelayedComponents(context, scr, bundles);

        Map<String, List<ComponentConfigurationDTO>> configurations = Await.value("every MeterMesh component active",
                () -> Components.configurations(scr, bundles), Components::allActive);
        for (String pid : MeterMesh.PID_OWNERS.keySet()) {
            assertTrue("no component named " + pid + Components.describe(configurations),
                    configurations.containsKey(pid));
        }
    }

    @Test
    public void radioFollowsANewConfiguration() {
        MeterMesh.configureAll(configAdmin);
        ServiceTracker<RadioDriver, RadioDriver> radios = new ServiceTracker<>(context, RadioDriver.class, null);
        radios.open();
        try {
            MeterMesh.configure(configAdmin, MeterMesh.RADIO, Map.of("pan.id", 0x1234, "channel", 3));

            RadioSettings settings = Await.value("the radio on PAN 0x1234, channel 3", () -> {
                RadioDriver radio = radios.getService();
                return radio == null ? null : radio.settings();
            }, s -> s != null && s.panId() == 0x1234 && s.channel() == 3);
            // Attributes left out of the new configuration fall back to their defaults.
            assertEquals(0x0001, settings.shortAddress());
        } finally {
            radios.close();
        }
    }

    @Test
    public void consoleBridgeRegistersNothingWithoutKurasApi() throws InvalidSyntaxException {
        Bundle platform = MeterMesh.bundle(context, MeterMesh.PLATFORM);
        Await.until("the Kura console bridge active", () -> {
            ComponentConfigurationDTO bridge = Components.single(scr, platform, KURA_CONSOLE_BRIDGE);
            return bridge != null && bridge.state == ComponentConfigurationDTO.ACTIVE;
        });

        assertNull(context.getServiceReferences(MeterMesh.KURA_CONFIGURABLE_COMPONENT, null));
    }
}
