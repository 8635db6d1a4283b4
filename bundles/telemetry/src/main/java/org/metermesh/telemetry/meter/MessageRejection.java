package org.metermesh.telemetry.meter;

import java.util.Locale;

/** Why octets from a meter were not accepted as a MeterMesh pushed message. Counted under this reason. */
public enum MessageRejection {
    /** Not a well-formed APDU; the COSEM rejection says why. */
    MALFORMED_APDU,
    /** A well-formed APDU, but not a data-notification. */
    NOT_A_NOTIFICATION,
    /** The body is not a structure starting with a layout version MeterMesh reads. */
    UNSUPPORTED_VERSION,
    /** The message-class enum is not BILLING, USAGE or WARNING. */
    UNKNOWN_MESSAGE_CLASS,
    /** The body does not have the shape its message class prescribes (element count or types). */
    BAD_BODY,
    /** The time is not a fully specified COSEM date-time. */
    BAD_TIME,
    /** A register entry is not structure{octet-string(6), integer value, integer scaler, enum unit}. */
    BAD_REGISTER,
    /** A register's unit code is not one MeterMesh carries. */
    UNKNOWN_UNIT,
    /** A warning's event code is not a {@link WarningType}. */
    UNKNOWN_WARNING;

    /** The counter name, e.g. {@code dropped:bad_body}. */
    public String counterName() {
        return "dropped:" + name().toLowerCase(Locale.ROOT);
    }
}
