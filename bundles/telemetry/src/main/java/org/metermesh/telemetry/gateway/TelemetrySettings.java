package org.metermesh.telemetry.gateway;

import java.util.List;
import java.util.Objects;

import org.metermesh.telemetry.cosem.ObisCode;
import org.metermesh.telemetry.payload.KuraTopics;

/**
 * What the utility sees of this gateway: the Kura topic namespace {@code {account}/{client-id}/{app-id}/...}, the
 * payload encoding, and the registers an on-demand read returns when the request names none.
 */
public record TelemetrySettings(String account, String clientId, String appId, PayloadEncoding encoding,
        List<ObisCode> defaultReadRegisters) {

    /** Energy import, power, voltage and current: the registers a field engineer checks first. */
    public static final List<ObisCode> DEFAULT_READ = List.of(ObisCode.ACTIVE_ENERGY_IMPORT,
            ObisCode.ACTIVE_POWER_IMPORT, ObisCode.VOLTAGE_L1, ObisCode.CURRENT_L1);

    public TelemetrySettings {
        Objects.requireNonNull(encoding, "encoding");
        KuraTopics.data(account, clientId, appId); // validates every level, with the reason
        defaultReadRegisters = List.copyOf(defaultReadRegisters);
    }
}
