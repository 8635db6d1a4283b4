package org.metermesh.platform.internal;

import java.nio.file.Path;

import org.metermesh.api.state.StateMap;
import org.metermesh.api.state.StateStore;
import org.metermesh.platform.state.MvStateStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The durable state store. It lives in this bundle's persistent storage area unless a directory is configured;
 * either way it outlives updates of every bundle, this one included. Immediate: a state directory that cannot
 * be opened shows in the start-up summary, not at the first write.
 */
@Component(name = StateStoreComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = StateStore.class,
        immediate = true)
@Designate(ocd = StateStoreComponent.Config.class)
public final class StateStoreComponent implements StateStore {

    public static final String PID = "org.metermesh.platform.state";

    /** Framework property against which relative directories resolve (set by the standalone launcher). */
    static final String HOME_PROPERTY = "metermesh.home";

    static final String FILE_NAME = "metermesh-state.mv";

    @ObjectClassDefinition(id = PID, name = "MeterMesh durable state",
            description = "Routes, counters, queued telemetry and plans that must survive updates and restarts.")
    public @interface Config {
        @AttributeDefinition(name = "Directory", required = false,
                description = "Where the state file is kept. Empty: the platform bundle's persistent storage area. "
                        + "A relative path resolves against the metermesh.home framework property.")
        String directory() default "";

        @AttributeDefinition(name = "Background commit delay (ms)", min = "0", max = "60000",
                description = "How far background commits may lag behind changes; 0 commits only on request.")
        int autocommit_delay_ms() default 1000;
    }

    private final MvStateStore store;

    @Activate
    public StateStoreComponent(BundleContext context, Config config) {
        this.store = MvStateStore.open(resolveDirectory(context, config.directory()).resolve(FILE_NAME),
                config.autocommit_delay_ms());
    }

    static Path resolveDirectory(BundleContext context, String configured) {
        if (configured == null || configured.isBlank()) {
            return context.getDataFile("state").toPath();
        }
        Path path = Path.of(configured);
        String home = context.getProperty(HOME_PROPERTY);
        return path.isAbsolute() || home == null ? path : Path.of(home).resolve(path);
    }

    @Deactivate
    void deactivate() {
        store.close();
    }

    @Override
    public StateMap map(String name) {
        return store.map(name);
    }

    @Override
    public void commit() {
        store.commit();
    }
}
