package org.metermesh.telemetry.payload;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@link KuraPayload} as JSON (RFC 8259), UTF-8, for subscribers without protobuf and for requests typed by hand:
 *
 * <pre>
 * {
 *   "sentOn": 1767225600000,                       optional: the timestamp, epoch milliseconds
 *   "position": {"latitude": 52.1, "longitude": 4.3, optional; latitude and longitude required; also
 *                "altitude": 2.0, ...},              precision, heading, speed (numbers), timestamp (epoch ms),
 *                                                    satellites, status (integers)
 *   "metrics": {"energy_wh": 1234, "voltage": 229.5, optional: name -> value, in payload order
 *               "relay": true, "fw": "1.2", "raw": "AQI="},
 *   "types": {"raw": "BYTES"},                       optional: a ValueType name per metric, see below
 *   "body": "AQID"                                   optional: base64 (RFC 4648 section 4, padded)
 * }
 * </pre>
 *
 * <p><b>Types.</b> JSON has one number type, so a metric's type is read from its value unless {@code types} names
 * it: a string is STRING, true/false is BOOL, an integer literal is INT64, a number with a fraction or exponent is
 * DOUBLE. {@code types} may name any ValueType (DOUBLE, FLOAT, INT64, INT32, BOOL, STRING, BYTES) for a metric; the
 * value must then fit it (an INT32 an integer in range, BYTES a base64 string, DOUBLE/FLOAT any number or one of the
 * strings "NaN", "Infinity", "-Infinity"). The encoder writes {@code types} only where the default reading would
 * differ: FLOAT, INT32, BYTES and non-finite DOUBLE metrics. Doubles and floats are written in Java's shortest
 * exact form, so every payload round-trips to an equal payload. Unknown members, duplicate names, values of the
 * wrong kind and malformed JSON are typed rejections with the member's name.
 */
public final class JsonPayloadCodec {

    private static final int MAX_DEPTH = 8;

    private final PayloadLimits limits;

    public JsonPayloadCodec(PayloadLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public JsonPayloadCodec() {
        this(PayloadLimits.DEFAULT);
    }

    /** The payload as UTF-8 JSON. */
    public byte[] encode(KuraPayload payload) {
        return encodeToString(payload).getBytes(StandardCharsets.UTF_8);
    }

    public String encodeToString(KuraPayload payload) {
        JsonWriter json = new JsonWriter().beginObject();
        payload.timestamp().ifPresent(t -> json.name("sentOn").value(t.toEpochMilli()));
        payload.position().ifPresent(p -> writePosition(json, p));
        if (!payload.metrics().isEmpty()) {
            Map<String, MetricType> types = new LinkedHashMap<>();
            json.name("metrics").beginObject();
            payload.metrics().forEach((name, value) -> {
                json.name(name);
                writeValue(json, value);
                if (needsType(value)) {
                    types.put(name, value.type());
                }
            });
            json.endObject();
            if (!types.isEmpty()) {
                json.name("types").beginObject();
                types.forEach((name, type) -> json.name(name).value(type.name()));
                json.endObject();
            }
        }
        payload.body().ifPresent(b -> json.name("body").value(Base64.getEncoder().encodeToString(b)));
        return json.endObject().toString();
    }

    private static boolean needsType(MetricValue value) {
        return switch (value.type()) {
            case FLOAT, INT32, BYTES -> true;
            case DOUBLE -> !Double.isFinite(((MetricValue.OfDouble) value).value());
            default -> false;
        };
    }

    private static void writeValue(JsonWriter json, MetricValue value) {
        if (value instanceof MetricValue.OfDouble v) {
            json.value(v.value());
        } else if (value instanceof MetricValue.OfFloat v) {
            json.value(v.value());
        } else if (value instanceof MetricValue.OfLong v) {
            json.value(v.value());
        } else if (value instanceof MetricValue.OfInt v) {
            json.value(v.value());
        } else if (value instanceof MetricValue.OfBoolean v) {
            json.value(v.value());
        } else if (value instanceof MetricValue.OfString v) {
            json.value(v.value());
        } else if (value instanceof MetricValue.OfBytes v) {
            json.value(Base64.getEncoder().encodeToString(v.value()));
        }
    }

    private static void writePosition(JsonWriter json, KuraPosition p) {
        json.name("position").beginObject();
        json.name("latitude").value(p.latitude());
        json.name("longitude").value(p.longitude());
        if (p.altitude() != null) {
            json.name("altitude").value((double) p.altitude());
        }
        if (p.precision() != null) {
            json.name("precision").value((double) p.precision());
        }
        if (p.heading() != null) {
            json.name("heading").value((double) p.heading());
        }
        if (p.speed() != null) {
            json.name("speed").value((double) p.speed());
        }
        if (p.timestamp() != null) {
            json.name("timestamp").value(p.timestamp().toEpochMilli());
        }
        if (p.satellites() != null) {
            json.name("satellites").value((long) p.satellites());
        }
        if (p.status() != null) {
            json.name("status").value((long) p.status());
        }
        json.endObject();
    }

    /** Decodes UTF-8 JSON in the layout above. Never throws for any input. */
    public PayloadDecodeResult decode(byte[] json) {
        Objects.requireNonNull(json, "json");
        if (json.length > limits.maxEncodedOctets()) {
            return rejected(PayloadRejection.TOO_LARGE,
                    json.length + " octets, more than the limit of " + limits.maxEncodedOctets());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            return rejected(PayloadRejection.BAD_UTF8, "JSON payload is not valid UTF-8");
        }
        return decode(text);
    }

    /** Decodes JSON text in the layout above. Never throws for any input. */
    public PayloadDecodeResult decode(String json) {
        Object root;
        try {
            root = JsonReader.parse(json, MAX_DEPTH);
        } catch (JsonReader.SyntaxException e) {
            return rejected(PayloadRejection.BAD_JSON, "malformed JSON: " + e.getMessage());
        }
        try {
            return new PayloadDecodeResult.Decoded(payload(root));
        } catch (Reject r) {
            return rejected(r.reason, r.getMessage());
        }
    }

    private KuraPayload payload(Object root) throws Reject {
        Map<String, Object> members = members(root, "the payload", Set.of("sentOn", "position", "metrics", "types",
                "body"), PayloadRejection.BAD_JSON);
        KuraPayload.Builder builder = KuraPayload.builder();
        if (members.containsKey("sentOn")) {
            builder.timestamp(Instant.ofEpochMilli(integer(members.get("sentOn"), "sentOn", Long.MIN_VALUE,
                    Long.MAX_VALUE)));
        }
        if (members.containsKey("position")) {
            builder.position(position(members.get("position")));
        }
        Map<String, MetricType> types = types(members.get("types"));
        if (members.containsKey("metrics")) {
            Map<String, Object> metrics = members(members.get("metrics"), "metrics", null,
                    PayloadRejection.DUPLICATE_METRIC);
            if (metrics.size() > limits.maxMetrics()) {
                throw new Reject(PayloadRejection.TOO_LARGE,
                        metrics.size() + " metrics, more than the limit of " + limits.maxMetrics());
            }
            for (Map.Entry<String, Object> metric : metrics.entrySet()) {
                if (metric.getKey().isEmpty()) {
                    throw new Reject(PayloadRejection.MISSING_REQUIRED_FIELD, "a metric has an empty name");
                }
                builder.metric(metric.getKey(), metricValue(metric.getKey(), metric.getValue(),
                        types.get(metric.getKey())));
            }
        }
        for (String typed : types.keySet()) {
            if (!builder.hasMetric(typed)) {
                throw new Reject(PayloadRejection.UNKNOWN_FIELD, "types names metric '" + typed
                        + "', which is not in metrics");
            }
        }
        if (members.containsKey("body")) {
            builder.body(base64(members.get("body"), "body", PayloadRejection.BAD_JSON));
        }
        return builder.build();
    }

    private static Map<String, MetricType> types(Object value) throws Reject {
        Map<String, MetricType> types = new LinkedHashMap<>();
        if (value == null) {
            return types;
        }
        for (Map.Entry<String, Object> entry : members(value, "types", null, PayloadRejection.BAD_JSON).entrySet()) {
            if (!(entry.getValue() instanceof String name)) {
                throw new Reject(PayloadRejection.BAD_JSON, "types." + entry.getKey() + " must be a ValueType name");
            }
            try {
                types.put(entry.getKey(), MetricType.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new Reject(PayloadRejection.BAD_TYPE, "types." + entry.getKey() + ": '" + name
                        + "' is not a ValueType (DOUBLE, FLOAT, INT64, INT32, BOOL, STRING, BYTES)");
            }
        }
        return types;
    }

    private static MetricValue metricValue(String name, Object value, MetricType declared) throws Reject {
        String where = "metric '" + name + "'";
        MetricType type = declared != null ? declared : defaultType(value, where);
        switch (type) {
            case DOUBLE:
                return MetricValue.of(floating(value, where, type));
            case FLOAT:
                return MetricValue.of((float) floating(value, where, type));
            case INT64:
                return MetricValue.of(integer(value, where, Long.MIN_VALUE, Long.MAX_VALUE));
            case INT32:
                return MetricValue.of((int) integer(value, where, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case BOOL:
                if (value instanceof Boolean b) {
                    return MetricValue.of((boolean) b);
                }
                throw new Reject(PayloadRejection.BAD_TYPE, where + " of type BOOL must be true or false");
            case STRING:
                if (value instanceof String s) {
                    return MetricValue.of(s);
                }
                throw new Reject(PayloadRejection.BAD_TYPE, where + " of type STRING must be a string");
            case BYTES:
                return MetricValue.of(base64(value, where, PayloadRejection.BAD_TYPE));
            default:
                throw new IllegalStateException("unhandled metric type " + type);
        }
    }

    private static MetricType defaultType(Object value, String where) throws Reject {
        if (value instanceof String) {
            return MetricType.STRING;
        }
        if (value instanceof Boolean) {
            return MetricType.BOOL;
        }
        if (value instanceof JsonReader.Number n) {
            return n.isInteger() ? MetricType.INT64 : MetricType.DOUBLE;
        }
        throw new Reject(PayloadRejection.BAD_TYPE, where + " must be a number, string or boolean, not "
                + kind(value));
    }

    private static double floating(Object value, String where, MetricType type) throws Reject {
        if (value instanceof JsonReader.Number n) {
            double d = Double.parseDouble(n.literal());
            if (Double.isInfinite(d) || type == MetricType.FLOAT && Float.isInfinite((float) d)) {
                throw new Reject(PayloadRejection.BAD_TYPE, where + ": " + n.literal() + " is out of range for "
                        + type);
            }
            return d;
        }
        if (value instanceof String s) {
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new Reject(PayloadRejection.BAD_TYPE, where + " of type " + type
                + " must be a number or \"NaN\", \"Infinity\", \"-Infinity\", not " + kind(value));
    }

    private static long integer(Object value, String where, long min, long max) throws Reject {
        if (value instanceof JsonReader.Number n && n.isInteger()) {
            BigDecimal exact = new BigDecimal(n.literal());
            if (exact.compareTo(BigDecimal.valueOf(min)) >= 0 && exact.compareTo(BigDecimal.valueOf(max)) <= 0) {
                return exact.longValueExact();
            }
            throw new Reject(PayloadRejection.BAD_TYPE, where + ": " + n.literal() + " is out of range ["
                    + min + ", " + max + "]");
        }
        throw new Reject(PayloadRejection.BAD_TYPE, where + " must be an integer, not " + kind(value));
    }

    private static byte[] base64(Object value, String where, PayloadRejection reason) throws Reject {
        if (value instanceof String s) {
            try {
                return Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw new Reject(reason, where + " is not base64: " + e.getMessage());
            }
        }
        throw new Reject(reason, where + " must be a base64 string, not " + kind(value));
    }

    private static KuraPosition position(Object value) throws Reject {
        Map<String, Object> p = members(value, "position", Set.of("latitude", "longitude", "altitude", "precision",
                "heading", "speed", "timestamp", "satellites", "status"), PayloadRejection.BAD_JSON);
        for (String required : List.of("latitude", "longitude")) {
            if (!p.containsKey(required)) {
                throw new Reject(PayloadRejection.MISSING_REQUIRED_FIELD, "position has no " + required);
            }
        }
        return new KuraPosition(
                floating(p.get("latitude"), "position.latitude", MetricType.DOUBLE),
                floating(p.get("longitude"), "position.longitude", MetricType.DOUBLE),
                optionalDouble(p, "altitude"), optionalDouble(p, "precision"), optionalDouble(p, "heading"),
                optionalDouble(p, "speed"),
                p.containsKey("timestamp") ? Instant.ofEpochMilli(integer(p.get("timestamp"), "position.timestamp",
                        Long.MIN_VALUE, Long.MAX_VALUE)) : null,
                optionalInt(p, "satellites"), optionalInt(p, "status"));
    }

    private static Double optionalDouble(Map<String, Object> p, String name) throws Reject {
        return p.containsKey(name) ? floating(p.get(name), "position." + name, MetricType.DOUBLE) : null;
    }

    private static Integer optionalInt(Map<String, Object> p, String name) throws Reject {
        return p.containsKey(name)
                ? (int) integer(p.get(name), "position." + name, Integer.MIN_VALUE, Integer.MAX_VALUE) : null;
    }

    /**
     * The members of an object, in order.
     *
     * @param allowed the member names allowed, null for any
     * @param duplicate the rejection for a name used twice
     */
    private static Map<String, Object> members(Object value, String where, Set<String> allowed,
            PayloadRejection duplicate) throws Reject {
        if (!(value instanceof JsonReader.Members object)) {
            throw new Reject(PayloadRejection.BAD_JSON, where + " must be a JSON object, not " + kind(value));
        }
        Map<String, Object> members = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Object> member : object.members()) {
            if (!seen.add(member.getKey())) {
                throw new Reject(duplicate, where + " has '" + member.getKey() + "' more than once");
            }
            if (allowed != null && !allowed.contains(member.getKey())) {
                throw new Reject(PayloadRejection.UNKNOWN_FIELD, where + " has unknown member '" + member.getKey()
                        + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            members.put(member.getKey(), member.getValue());
        }
        return members;
    }

    private static String kind(Object value) {
        if (value instanceof JsonReader.Members) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof JsonReader.Number) {
            return "a number";
        }
        return "null";
    }

    private static PayloadDecodeResult rejected(PayloadRejection reason, String detail) {
        return new PayloadDecodeResult.Rejected(reason, detail);
    }

    private static final class Reject extends Exception {
        private static final long serialVersionUID = 1L;
        final transient PayloadRejection reason;

        Reject(PayloadRejection reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
