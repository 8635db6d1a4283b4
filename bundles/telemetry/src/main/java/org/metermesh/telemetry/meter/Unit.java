package org.metermesh.telemetry.meter;

/**
 * Physical units with their DLMS unit codes (DLMS UA Blue Book 4.3.2, "Register" class scaler_unit: the table of
 * enumerated values for physical units). Only the units MeterMesh meters report are listed.
 */
public enum Unit {
    SECOND(7, "s", false),
    DEGREE_CELSIUS(9, "\u00b0C", false),
    WATT(27, "W", true),
    VOLT_AMPERE(28, "VA", true),
    VAR(29, "var", true),
    WATT_HOUR(30, "Wh", true),
    VOLT_AMPERE_HOUR(31, "VAh", true),
    VAR_HOUR(32, "varh", true),
    AMPERE(33, "A", false),
    VOLT(35, "V", false),
    HERTZ(44, "Hz", false),
    PERCENT(56, "%", false),
    AMPERE_HOUR(57, "Ah", false),
    /** Other unit (254). */
    OTHER(254, "", false),
    /** No unit, a count (255). */
    COUNT(255, "", false);

    private final int code;
    private final String symbol;
    private final boolean kiloDisplay;

    Unit(int code, String symbol, boolean kiloDisplay) {
        this.code = code;
        this.symbol = symbol;
        this.kiloDisplay = kiloDisplay;
    }

    /** The DLMS unit enum value. */
    public int code() {
        return code;
    }

    /** The SI symbol, empty for counts. */
    public String symbol() {
        return symbol;
    }

    /** True for energy and power units, which utilities read in kilo (kWh, kW, kvarh). */
    public boolean kiloDisplay() {
        return kiloDisplay;
    }

    /** The unit with this DLMS code, or null if MeterMesh does not carry it. */
    public static Unit ofCode(int code) {
        for (Unit u : values()) {
            if (u.code == code) {
                return u;
            }
        }
        return null;
    }
}
