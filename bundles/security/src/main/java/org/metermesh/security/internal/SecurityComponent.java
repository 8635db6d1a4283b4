package org.metermesh.security.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Join authentication and DLMS/COSEM-style message protection. */
@Component(name = SecurityComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = SecurityComponent.Config.class)
public final class SecurityComponent {

    public static final String PID = "org.metermesh.security";

    @ObjectClassDefinition(id = PID, name = "MeterMesh security",
            description = "Per-meter certificates, AES-128-GCM protection and invocation counters.")
    public @interface Config {
        @AttributeDefinition(name = "Require authenticated join",
                description = "Refuse meters that do not present a valid certificate (ERR_SEC_AUTH_FAIL).")
        boolean require_authenticated_join() default true;

        @AttributeDefinition(name = "Key rotation (days)", min = "1", max = "3650",
                description = "Age after which a meter's session key is replaced.")
        int key_rotation_days() default 90;
    }

    private volatile Config config;

    @Activate
    @Modified
    void configure(Config config) {
        this.config = config;
    }
}
