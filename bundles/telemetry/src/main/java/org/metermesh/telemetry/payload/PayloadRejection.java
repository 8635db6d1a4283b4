package org.metermesh.telemetry.payload;

import java.util.Locale;

/** Why received payload bytes were not accepted as a Kura payload. The message is dropped and counted. */
public enum PayloadRejection {
    /** Not a well-formed protobuf message of the Kura schema: truncated, bad varint or tag, a known field with the
     * wrong wire type (https://protobuf.dev/programming-guides/encoding/). */
    NOT_PROTOBUF,
    /** A required field is absent: a metric's name or type, a position's latitude or longitude; in JSON, a
     * position without latitude or longitude. */
    MISSING_REQUIRED_FIELD,
    /** A metric's type is not a known ValueType, or its value field does not match its type (e.g. type DOUBLE
     * without double_value); in JSON, a value that cannot have the metric's type. */
    BAD_TYPE,
    /** Begins with the gzip magic 1f 8b but does not decompress (RFC 1952). */
    BAD_GZIP,
    /** More octets (compressed or decompressed) or metrics than the codec's {@link PayloadLimits} allow. */
    TOO_LARGE,
    /** Two metrics with the same name (Kura keeps metrics in a map). */
    DUPLICATE_METRIC,
    /** A string field or metric name that is not valid UTF-8. */
    BAD_UTF8,
    /** Not well-formed JSON (RFC 8259), or a JSON value of the wrong kind for its member. */
    BAD_JSON,
    /** A JSON member that the documented layout does not have. */
    UNKNOWN_FIELD;

    /** The counter name, e.g. {@code rejected:bad_gzip}. */
    public String counterName() {
        return "rejected:" + name().toLowerCase(Locale.ROOT);
    }
}
