package org.metermesh.rpl.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** RPL (RFC 6550) at the gateway: the DODAG root of the neighbourhood. */
@Component(name = RplComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
@Designate(ocd = RplComponent.Config.class)
public final class RplComponent {

    public static final String PID = "org.metermesh.rpl";

    @ObjectClassDefinition(id = PID, name = "MeterMesh RPL",
            description = "RFC 6550 discovery and routing with the gateway as DODAG root.")
    public @interface Config {
        @AttributeDefinition(name = "Trickle Imin (ms)", min = "1", max = "65536",
                description = "RFC 6206 Imin (RFC 6550 DIOIntervalMin 12: 4.096 s, as Contiki-NG; Wi-SUN FAN small networks use 2^15 ms).")
        int trickle_imin_ms() default 4096;

        @AttributeDefinition(name = "Trickle doublings", min = "0", max = "32",
                description = "RFC 6206 Imax = Imin * 2^doublings.")
        int trickle_doublings() default 8;

        @AttributeDefinition(name = "Trickle redundancy k", min = "0", max = "255",
                description = "RFC 6206 redundancy constant (0: never suppress).")
        int trickle_k() default 10;

        @AttributeDefinition(name = "Neighbour table size", min = "1", max = "1024",
                description = "Entries per node; the field manual's meters keep 32.")
        int max_neighbours() default 32;

        @AttributeDefinition(name = "Discovery timeout (s)", min = "1", max = "3600",
                description = "DISCOVERY_TIMEOUT: ERR_NET_NO_BEACON if no DIO is heard in this time.")
        int discovery_timeout_s() default 120;
    }

    private volatile Config config;

    @Activate
    @Modified
    void configure(Config config) {
        this.config = config;
    }
}
