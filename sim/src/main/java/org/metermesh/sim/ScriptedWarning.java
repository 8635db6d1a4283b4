package org.metermesh.sim;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.metermesh.telemetry.meter.WarningType;

/**
 * A warning a simulated meter raises at a given time: {@code METER:TYPE@START}, e.g. {@code 17:tamper_cover@2m}
 * (meter 17's cover opened two minutes after start) or {@code 5:over_voltage@90s}. Types: over_voltage,
 * under_voltage, tamper_cover, tamper_magnetic, tamper_tilt.
 */
public record ScriptedWarning(int meter, WarningType type, Duration at) {

    public ScriptedWarning {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
    }

    /** @throws IllegalArgumentException naming the text and the expected form */
    public static ScriptedWarning parse(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        int atSign = t.indexOf('@', Math.max(colon, 0));
        if (colon < 1 || atSign < colon + 2 || atSign == t.length() - 1) {
            throw new IllegalArgumentException(invalid(text, "it is not METER:TYPE@START"));
        }
        try {
            return new ScriptedWarning(Integer.parseInt(t.substring(0, colon)),
                    WarningType.valueOf(t.substring(colon + 1, atSign).toUpperCase(Locale.ROOT)),
                    DurationText.parse(t.substring(atSign + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(invalid(text, e.getMessage()), e);
        }
    }

    private static String invalid(String text, String why) {
        return "warning '" + text + "' is not METER:TYPE@START, e.g. 17:tamper_cover@2m (" + why + ")";
    }
}
