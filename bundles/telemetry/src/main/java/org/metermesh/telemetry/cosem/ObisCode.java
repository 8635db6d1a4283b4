package org.metermesh.telemetry.cosem;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OBIS code, the six-group logical name of a COSEM object: {@code A-B:C.D.E.F} (IEC 62056-6-1, DLMS UA Blue Book
 * part 1 "OBject Identification System"). On the wire it is the 6-octet octet-string {@code logical_name}.
 *
 * @param a medium (1 = electricity, 0 = abstract)
 * @param b channel
 * @param c physical quantity
 * @param d processing of the quantity
 * @param e further classification (tariff, phase)
 * @param f historical values (255 = not used / current value)
 */
public record ObisCode(int a, int b, int c, int d, int e, int f) {

    // IEC 62056-6-1 / Blue Book 7.5 (electricity, A = 1) and 7.4 (abstract objects, A = 0).

    /** Active energy import (+A), total: 1-0:1.8.0.255. */
    public static final ObisCode ACTIVE_ENERGY_IMPORT = new ObisCode(1, 0, 1, 8, 0, 255);
    /** Active energy export (-A), total: 1-0:2.8.0.255. */
    public static final ObisCode ACTIVE_ENERGY_EXPORT = new ObisCode(1, 0, 2, 8, 0, 255);
    /** Active power import (+P), instantaneous: 1-0:1.7.0.255. */
    public static final ObisCode ACTIVE_POWER_IMPORT = new ObisCode(1, 0, 1, 7, 0, 255);
    /** Voltage L1, instantaneous: 1-0:32.7.0.255. */
    public static final ObisCode VOLTAGE_L1 = new ObisCode(1, 0, 32, 7, 0, 255);
    /** Current L1, instantaneous: 1-0:31.7.0.255. */
    public static final ObisCode CURRENT_L1 = new ObisCode(1, 0, 31, 7, 0, 255);
    /** Disconnect control object (interface class 70): 0-0:96.3.10.255. */
    public static final ObisCode DISCONNECT_CONTROL = new ObisCode(0, 0, 96, 3, 10, 255);
    /** Clock (interface class 8): 0-0:1.0.0.255. */
    public static final ObisCode CLOCK = new ObisCode(0, 0, 1, 0, 0, 255);
    /** Device ID 1, the manufacturer's serial number (interface class 1, Data): 0-0:96.1.0.255. */
    public static final ObisCode METER_SERIAL = new ObisCode(0, 0, 96, 1, 0, 255);
    /** Alarm register 1 (interface class 1, Data): 0-0:97.98.0.255. */
    public static final ObisCode ALARM_REGISTER = new ObisCode(0, 0, 97, 98, 0, 255);
    /** Standard event log (interface class 7, Profile generic): 0-0:99.98.0.255. */
    public static final ObisCode STANDARD_EVENT_LOG = new ObisCode(0, 0, 99, 98, 0, 255);

    private static final Pattern TEXT =
            Pattern.compile("(\\d{1,3})-(\\d{1,3}):(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:\\.(\\d{1,3}))?");

    public ObisCode {
        check("A", a);
        check("B", b);
        check("C", c);
        check("D", d);
        check("E", e);
        check("F", f);
    }

    private static void check(String group, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("OBIS group " + group + " out of 0..255: " + value);
        }
    }

    /**
     * Parses {@code "1-0:1.8.0.255"} or the reduced form {@code "1-0:1.8.0"} (group F then defaults to 255).
     *
     * @throws IllegalArgumentException if the text is not an OBIS code or a group exceeds 255
     */
    public static ObisCode parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an OBIS code (A-B:C.D.E[.F]): \"" + text + "\"");
        }
        int f = m.group(6) == null ? 255 : Integer.parseInt(m.group(6));
        return new ObisCode(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), f);
    }

    /** The code from its 6-octet wire form. */
    public static ObisCode fromBytes(byte[] octets) {
        if (octets.length != 6) {
            throw new IllegalArgumentException("an OBIS code has 6 octets, not " + octets.length);
        }
        return new ObisCode(octets[0] & 0xFF, octets[1] & 0xFF, octets[2] & 0xFF, octets[3] & 0xFF,
                octets[4] & 0xFF, octets[5] & 0xFF);
    }

    /** The 6-octet wire form (the {@code logical_name} attribute). */
    public byte[] toBytes() {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d, (byte) e, (byte) f};
    }

    @Override
    public String toString() {
        return a + "-" + b + ":" + c + "." + d + "." + e + "." + f;
    }
}
