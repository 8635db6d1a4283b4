package org.metermesh.telemetry.meter;

/**
 * What a meter warns about (seed 003 sections V and VI: over/under voltage, physical tampering, loss of supply),
 * each with the numeric event code carried in the notification body.
 *
 * <p>Where one exists the code is the DLMS event code of the IDIS companion specification (IDIS package 2, event
 * code table used by the standard event log 0-0:99.98.0, the fraud detection log and the power quality log; DLMS UA
 * Blue Book 4.3.6 Profile generic holds the logs): 1 power down, 2 power up, 42 strong DC field detected, 44 meter
 * cover removed, 76 under voltage L1, 79 over voltage L1. Tilt has no standard code: MeterMesh assigns codes from
 * 200 up. 210..229 are reserved for mesh errors (lost parent, repeated join failures) reported by meters.
 */
public enum WarningType {
    /** Voltage above the upper limit (IDIS 79, over voltage L1). */
    OVER_VOLTAGE(79),
    /** Voltage below the lower limit (IDIS 76, under voltage L1). */
    UNDER_VOLTAGE(76),
    /** Meter cover opened (IDIS 44, meter cover removed). */
    TAMPER_COVER(44),
    /** Strong magnetic field at the meter (IDIS 42, strong DC field detected). */
    TAMPER_MAGNETIC(42),
    /** The meter was tilted or moved from its place (MeterMesh 200; no IDIS code). */
    TAMPER_TILT(200),
    /** Supply lost: sent on the meter's last energy (IDIS 1, power down). */
    LAST_GASP(1),
    /** Supply back (IDIS 2, power up). */
    POWER_RESTORED(2);

    /** First code of the range MeterMesh reserves for mesh errors. */
    public static final int MESH_ERROR_FIRST = 210;
    /** Last code of the range MeterMesh reserves for mesh errors. */
    public static final int MESH_ERROR_LAST = 229;

    private final int eventCode;

    WarningType(int eventCode) {
        this.eventCode = eventCode;
    }

    public int eventCode() {
        return eventCode;
    }

    /** The warning with this event code, or null. */
    public static WarningType ofEventCode(int code) {
        for (WarningType w : values()) {
            if (w.eventCode == code) {
                return w;
            }
        }
        return null;
    }
}
