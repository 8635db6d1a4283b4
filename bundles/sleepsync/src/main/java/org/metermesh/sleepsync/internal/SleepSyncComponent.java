package org.metermesh.sleepsync.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** DigiMesh-style synchronous sleep: when the network is awake and who coordinates it. */
@Component(name = SleepSyncComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = SleepSyncComponent.Config.class)
public final class SleepSyncComponent {

    public static final String PID = "org.metermesh.sleepsync";

    @ObjectClassDefinition(id = PID, name = "MeterMesh synchronous sleep",
            description = "Cyclic sleep of the mesh: wake and sleep periods, coordinator role.")
    public @interface Config {
        @AttributeDefinition(name = "Wake time (ms)", min = "69", max = "3600000",
                description = "Time the network stays awake each cycle (DigiMesh ST, minimum 69 ms).")
        int wake_time_ms() default 2000;

        @AttributeDefinition(name = "Sleep period (ms)", min = "10", max = "1440000",
                description = "Time the network sleeps each cycle (DigiMesh SP, 10 ms to 4 h in units of 10 ms).")
        int sleep_period_ms() default 20000;

        @AttributeDefinition(name = "Preferred coordinator",
                description = "The gateway asks to be the sleep coordinator (DigiMesh SO option).")
        boolean preferred_coordinator() default true;
    }

    private volatile Config config;

    @Activate
    @Modified
    void configure(Config config) {
        this.config = config;
    }
}
