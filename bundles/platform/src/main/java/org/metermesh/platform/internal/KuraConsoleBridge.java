package org.metermesh.platform.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;

/**
 * Makes every MeterMesh configuration visible in Eclipse Kura's web console.
 *
 * <p>Kura lists a component when a service is registered under its method-less marker interface
 * {@code org.eclipse.kura.configuration.ConfigurableComponent} with {@code kura.service.pid}. MeterMesh components
 * stay plain DS components with no Kura dependency; this bridge registers the marker on their behalf, in their own
 * bundle's name, for each pid the bundle's MetaType declares. The marker's package is imported optionally: off
 * Kura it is not wired and the bridge stays idle, so no class of Kura's is ever loaded.
 */
@Component(immediate = true)
public final class KuraConsoleBridge {

    static final String MARKER_PACKAGE = "org.eclipse.kura.configuration";
    static final String MARKER_INTERFACE = MARKER_PACKAGE + ".ConfigurableComponent";
    static final String KURA_SERVICE_PID = "kura.service.pid";
    private static final String OUR_BUNDLES = "org.metermesh.";

    private static final Logger LOG = System.getLogger(KuraConsoleBridge.class.getName());

    private final MetaTypeService metaType;
    private final BundleTracker<List<ServiceRegistration<?>>> tracker;

    @Activate
    public KuraConsoleBridge(BundleContext context, @Reference MetaTypeService metaType) {
        this.metaType = metaType;
        if (isMarkerWired(context.getBundle())) {
            tracker = new BundleTracker<>(context, Bundle.ACTIVE, new Registrar());
            tracker.open();
        } else {
            tracker = null;
            LOG.log(Level.DEBUG, "Kura API not present: components are not registered with a Kura console");
        }
    }

    @Deactivate
    void deactivate() {
        if (tracker != null) {
            tracker.close();
        }
    }

    static boolean isMarkerWired(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        return wiring != null && wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .anyMatch(wire -> MARKER_PACKAGE.equals(
                        wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)));
    }

    private final class Registrar implements BundleTrackerCustomizer<List<ServiceRegistration<?>>> {

        @Override
        public List<ServiceRegistration<?>> addingBundle(Bundle bundle, BundleEvent event) {
            if (!bundle.getSymbolicName().startsWith(OUR_BUNDLES)) {
                return null;
            }
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info == null || info.getPids().length == 0) {
                return null;
            }
            BundleContext owner = bundle.getBundleContext();
            List<ServiceRegistration<?>> registrations = new ArrayList<>();
            for (String pid : info.getPids()) {
                Hashtable<String, Object> properties = new Hashtable<>();
                properties.put(Constants.SERVICE_PID, pid);
                properties.put(KURA_SERVICE_PID, pid);
                registrations.add(owner.registerService(new String[] {MARKER_INTERFACE}, new MarkerFactory(),
                        properties));
            }
            return registrations;
        }

        @Override
        public void modifiedBundle(Bundle bundle, BundleEvent event, List<ServiceRegistration<?>> registrations) {
            // Still active: the registrations stand.
        }

        @Override
        public void removedBundle(Bundle bundle, BundleEvent event, List<ServiceRegistration<?>> registrations) {
            for (ServiceRegistration<?> registration : registrations) {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // The framework unregisters a stopping bundle's services itself; nothing left to do.
                }
            }
        }
    }

    /** Hands out the marker object; only instantiated where Kura's package is wired. */
    private static final class MarkerFactory implements ServiceFactory<Object> {
        @Override
        public Object getService(Bundle bundle, ServiceRegistration<Object> registration) {
            return new KuraMarker();
        }

        @Override
        public void ungetService(Bundle bundle, ServiceRegistration<Object> registration, Object service) {
        }
    }
}
