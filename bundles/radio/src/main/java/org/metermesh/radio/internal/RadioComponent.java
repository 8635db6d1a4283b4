package org.metermesh.radio.internal;

import org.metermesh.api.radio.LinkState;
import org.metermesh.api.radio.RadioDriver;
import org.metermesh.api.radio.RadioSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The radio driver service. Backends (simulated medium, serial RCP, ZEP) attach here. */
@Component(name = RadioComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = RadioDriver.class)
@Designate(ocd = RadioComponent.Config.class)
public final class RadioComponent implements RadioDriver {

    public static final String PID = "org.metermesh.radio";

    /** Defaults from the field manual's {@code iz set wpan0 0xcafe 0x0001 0x11}. */
    @ObjectClassDefinition(id = PID, name = "MeterMesh radio",
            description = "IEEE 802.15.4/802.15.4g radio: addressing, channel and transmit power.")
    public @interface Config {
        @AttributeDefinition(name = "PAN ID", min = "0", max = "65534",
                description = "IEEE 802.15.4 PAN identifier (field manual: 0xcafe).")
        int pan_id() default 0xcafe;

        @AttributeDefinition(name = "Short address", min = "0", max = "65533",
                description = "16-bit short address of the gateway (field manual: 0x0001).")
        int short_address() default 0x0001;

        @AttributeDefinition(name = "Extended address",
                description = "EUI-64 of the gateway radio as 16 hex digits.")
        String extended_address() default "02004d6d00000001";

        @AttributeDefinition(name = "Channel", min = "0", max = "128",
                description = "Channel of the channel plan (field manual: 17 = 0x11).")
        int channel() default 17;

        @AttributeDefinition(name = "TX power (dBm)", min = "-20", max = "30",
                description = "TX_POWER_DBM: raise it where packet loss exceeds 15 % (field manual).")
        int tx_power_dbm() default 14;
    }

    private volatile RadioSettings settings;

    @Activate
    @Modified
    void configure(Config config) {
        settings = new RadioSettings(config.pan_id(), config.short_address(),
                parseEui64(config.extended_address()), config.channel(), config.tx_power_dbm());
    }

    static long parseEui64(String hex) {
        String digits = hex.replace(":", "").replace("-", "");
        if (digits.length() != 16) {
            throw new IllegalArgumentException("extended.address '" + hex + "' is not 16 hex digits");
        }
        return Long.parseUnsignedLong(digits, 16);
    }

    @Override
    public RadioSettings settings() {
        return settings;
    }

    @Override
    public LinkState linkState() {
        return LinkState.DOWN;
    }
}
