package org.metermesh.telemetry.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Meter application messages to and from the utility over MQTT. */
@Component(name = TelemetryComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = TelemetryComponent.Config.class)
public final class TelemetryComponent {

    public static final String PID = "org.metermesh.telemetry";

    @ObjectClassDefinition(id = PID, name = "MeterMesh telemetry",
            description = "Publishes meter readings and warnings in the Kura MQTT namespace.")
    public @interface Config {
        @AttributeDefinition(name = "Broker URL", description = "MQTT broker, tcp://host:port or ssl://host:port.")
        String broker_url() default "tcp://localhost:1883";

        @AttributeDefinition(name = "Account", description = "First level of the Kura topic namespace.")
        String account() default "metermesh";

        @AttributeDefinition(name = "Client ID", description = "MQTT client id and second topic level.")
        String client_id() default "gateway-1";

        @AttributeDefinition(name = "Reading interval (s)", min = "1", max = "86400",
                description = "Interval of meter energy readings (15 min in the field).")
        int reading_interval_s() default 900;
    }

    private volatile Config config;

    @Activate
    @Modified
    void configure(Config config) {
        this.config = config;
    }
}
