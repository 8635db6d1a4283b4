package org.metermesh.sixlowpan.internal;

import org.metermesh.api.radio.RadioDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The 6LoWPAN adaptation layer. It follows the radio driver dynamically: when the radio bundle is updated, this
 * component rebinds to the new driver instead of being restarted.
 */
@Component(name = SixLowpanComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = SixLowpanComponent.Config.class)
public final class SixLowpanComponent {

    public static final String PID = "org.metermesh.sixlowpan";

    @ObjectClassDefinition(id = PID, name = "MeterMesh 6LoWPAN",
            description = "RFC 4944/6282 adaptation: header compression, fragmentation and reassembly.")
    public @interface Config {
        @AttributeDefinition(name = "Reassembly timeout (s)", min = "1", max = "60",
                description = "RFC 4944 section 5.3: at most 60 s.")
        int reassembly_timeout_s() default 60;

        @AttributeDefinition(name = "Reassembly buffers per sender", min = "1", max = "64",
                description = "Datagrams one neighbour may have half-reassembled at once.")
        int reassembly_buffers_per_sender() default 4;

        @AttributeDefinition(name = "Reassembly memory (KiB)", min = "4", max = "65536",
                description = "Upper bound on all reassembly buffers together.")
        int reassembly_memory_kib() default 256;
    }

    private volatile Config config;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RadioDriver radio;

    @Activate
    @Modified
    void configure(Config config) {
        this.config = config;
    }
}
