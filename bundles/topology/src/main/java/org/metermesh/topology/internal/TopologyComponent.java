package org.metermesh.topology.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The augmented lambda-connected tree: backup parents for cut meters and repair orders. */
@Component(name = TopologyComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = TopologyComponent.Config.class)
public final class TopologyComponent {

    public static final String PID = "org.metermesh.topology";

    @ObjectClassDefinition(id = PID, name = "MeterMesh topology repair",
            description = "Augments the routing tree to lambda-connectivity and repairs it when meters fail.")
    public @interface Config {
        @AttributeDefinition(name = "Connectivity lambda", min = "1", max = "5",
                description = "Link-disjoint paths kept per meter. The paper finds signalling overhead under 15 % "
                        + "up to 3, near 80 % at 5.")
        int lambda() default 2;

        @AttributeDefinition(name = "Failure detection (s)", min = "1", max = "86400",
                description = "Silence after which a meter is presumed failed and repair starts.")
        int failure_detection_s() default 300;
    }

    private volatile Config config;

    @Activate
    @Modified
    void configure(Config config) {
        this.config = config;
    }
}
