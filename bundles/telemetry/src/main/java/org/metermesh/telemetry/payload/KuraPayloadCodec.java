package org.metermesh.telemetry.payload;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;

/**
 * Encodes and decodes {@link KuraPayload} in Eclipse Kura's protobuf schema ({@code kuradatatypes.KuraPayload},
 * src/main/proto/kurapayload.proto), written by hand on protobuf-java's coded streams
 * (https://protobuf.dev/programming-guides/encoding/), optionally gzip-compressed as Kura does.
 *
 * <p>Decoding follows protobuf and Kura: unknown fields (including the extension range 3-4999) are skipped; of an
 * optional field sent twice the last one counts; a metric's value is read from the field its type names and other
 * value fields are ignored. It is stricter where a lenient reading would hide a broken sender: a known field with
 * the wrong wire type, a metric type that is not a ValueType, a metric without the value its type names, a
 * duplicate metric name or invalid UTF-8 is a typed rejection. Thread-safe and stateless apart from its limits.
 */
public final class KuraPayloadCodec {

    // Field numbers of kurapayload.proto.
    static final int PAYLOAD_TIMESTAMP = 1;
    static final int PAYLOAD_POSITION = 2;
    static final int PAYLOAD_METRIC = 5000;
    static final int PAYLOAD_BODY = 5001;
    static final int METRIC_NAME = 1;
    static final int METRIC_TYPE = 2;
    static final int METRIC_DOUBLE = 3;
    static final int METRIC_FLOAT = 4;
    static final int METRIC_LONG = 5;
    static final int METRIC_INT = 6;
    static final int METRIC_BOOL = 7;
    static final int METRIC_STRING = 8;
    static final int METRIC_BYTES = 9;
    static final int POSITION_LATITUDE = 1;
    static final int POSITION_LONGITUDE = 2;
    static final int POSITION_ALTITUDE = 3;
    static final int POSITION_PRECISION = 4;
    static final int POSITION_HEADING = 5;
    static final int POSITION_SPEED = 6;
    static final int POSITION_TIMESTAMP = 7;
    static final int POSITION_SATELLITES = 8;
    static final int POSITION_STATUS = 9;

    private final PayloadLimits limits;

    public KuraPayloadCodec(PayloadLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A codec with {@link PayloadLimits#DEFAULT}. */
    public KuraPayloadCodec() {
        this(PayloadLimits.DEFAULT);
    }

    public PayloadLimits limits() {
        return limits;
    }

    /** The payload as an uncompressed protobuf message. */
    public byte[] encode(KuraPayload payload) {
        return encode(payload, false);
    }

    /** The payload as a protobuf message, gzip-compressed (RFC 1952) if {@code gzip}, as Kura's encoder offers. */
    public byte[] encode(KuraPayload payload, boolean gzip) {
        Objects.requireNonNull(payload, "payload");
        byte[] message = serialize(out -> {
            if (payload.timestamp().isPresent()) {
                out.writeInt64(PAYLOAD_TIMESTAMP, payload.timestamp().get().toEpochMilli());
            }
            if (payload.position().isPresent()) {
                out.writeByteArray(PAYLOAD_POSITION, encodePosition(payload.position().get()));
            }
            for (Map.Entry<String, MetricValue> metric : payload.metrics().entrySet()) {
                out.writeByteArray(PAYLOAD_METRIC, encodeMetric(metric.getKey(), metric.getValue()));
            }
            if (payload.body().isPresent()) {
                out.writeByteArray(PAYLOAD_BODY, payload.body().get());
            }
        });
        return gzip ? gzip(message) : message;
    }

    private static byte[] encodePosition(KuraPosition p) {
        return serialize(out -> {
            out.writeDouble(POSITION_LATITUDE, p.latitude());
            out.writeDouble(POSITION_LONGITUDE, p.longitude());
            if (p.altitude() != null) {
                out.writeDouble(POSITION_ALTITUDE, p.altitude());
            }
            if (p.precision() != null) {
                out.writeDouble(POSITION_PRECISION, p.precision());
            }
            if (p.heading() != null) {
                out.writeDouble(POSITION_HEADING, p.heading());
            }
            if (p.speed() != null) {
                out.writeDouble(POSITION_SPEED, p.speed());
            }
            if (p.timestamp() != null) {
                out.writeInt64(POSITION_TIMESTAMP, p.timestamp().toEpochMilli());
            }
            if (p.satellites() != null) {
                out.writeInt32(POSITION_SATELLITES, p.satellites());
            }
            if (p.status() != null) {
                out.writeInt32(POSITION_STATUS, p.status());
            }
        });
    }

    private static byte[] encodeMetric(String name, MetricValue value) {
        return serialize(out -> {
            out.writeString(METRIC_NAME, name);
            out.writeEnum(METRIC_TYPE, value.type().wireNumber());
            if (value instanceof MetricValue.OfDouble v) {
                out.writeDouble(METRIC_DOUBLE, v.value());
            } else if (value instanceof MetricValue.OfFloat v) {
                out.writeFloat(METRIC_FLOAT, v.value());
            } else if (value instanceof MetricValue.OfLong v) {
                out.writeInt64(METRIC_LONG, v.value());
            } else if (value instanceof MetricValue.OfInt v) {
                out.writeInt32(METRIC_INT, v.value());
            } else if (value instanceof MetricValue.OfBoolean v) {
                out.writeBool(METRIC_BOOL, v.value());
            } else if (value instanceof MetricValue.OfString v) {
                out.writeString(METRIC_STRING, v.value());
            } else if (value instanceof MetricValue.OfBytes v) {
                out.writeByteArray(METRIC_BYTES, v.value());
            }
        });
    }

    /**
     * Decodes a message; gzip is detected by its magic number 1f 8b, as Kura's decoder does. No protobuf message
     * of this schema can begin with 0x1f: that would be field 3 with the invalid wire type 7.
     */
    public PayloadDecodeResult decode(byte[] message) {
        Objects.requireNonNull(message, "message");
        if (message.length > limits.maxEncodedOctets()) {
            return new PayloadDecodeResult.Rejected(PayloadRejection.TOO_LARGE,
                    message.length + " octets, more than the limit of " + limits.maxEncodedOctets());
        }
        try {
            byte[] plain = isGzip(message) ? gunzip(message) : message;
            if (plain.length > limits.maxDecodedOctets()) {
                throw new Reject(PayloadRejection.TOO_LARGE,
                        plain.length + " octets, more than the limit of " + limits.maxDecodedOctets());
            }
            return new PayloadDecodeResult.Decoded(parsePayload(CodedInputStream.newInstance(plain)));
        } catch (Reject r) {
            return new PayloadDecodeResult.Rejected(r.reason, r.getMessage());
        } catch (InvalidProtocolBufferException e) {
            return new PayloadDecodeResult.Rejected(PayloadRejection.NOT_PROTOBUF, e.getMessage());
        } catch (IOException e) {
            // CodedInputStream over an array only throws InvalidProtocolBufferException; kept for the signature.
            return new PayloadDecodeResult.Rejected(PayloadRejection.NOT_PROTOBUF, String.valueOf(e.getMessage()));
        }
    }

    /** The gzip magic number (RFC 1952 section 2.3.1: ID1 = 31, ID2 = 139). */
    public static boolean isGzip(byte[] message) {
        return message.length >= 2 && message[0] == (byte) 0x1f && message[1] == (byte) 0x8b;
    }

    private byte[] gunzip(byte[] message) throws Reject {
        int max = limits.maxDecodedOctets();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(message))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, message.length * 4 + 64));
            byte[] buffer = new byte[8192];
            int total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > max) {
                    throw new Reject(PayloadRejection.TOO_LARGE,
                            "gzip payload inflates beyond the limit of " + max + " octets");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new Reject(PayloadRejection.BAD_GZIP, "gzip payload does not decompress: " + e.getMessage());
        }
    }

    private KuraPayload parsePayload(CodedInputStream in) throws IOException, Reject {
        KuraPayload.Builder builder = KuraPayload.builder();
        int metrics = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            switch (field) {
                case PAYLOAD_TIMESTAMP -> {
                    expectWireType(tag, WireFormat.WIRETYPE_VARINT, "KuraPayload.timestamp");
                    builder.timestamp(Instant.ofEpochMilli(in.readInt64()));
                }
                case PAYLOAD_POSITION -> {
                    expectWireType(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "KuraPayload.position");
                    builder.position(parseNested(in, this::parsePosition));
                }
                case PAYLOAD_METRIC -> {
                    expectWireType(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "KuraPayload.metric");
                    if (++metrics > limits.maxMetrics()) {
                        throw new Reject(PayloadRejection.TOO_LARGE,
                                "more than the limit of " + limits.maxMetrics() + " metrics");
                    }
                    NamedValue metric = parseNested(in, this::parseMetric);
                    if (builder.hasMetric(metric.name)) {
                        throw new Reject(PayloadRejection.DUPLICATE_METRIC,
                                "metric '" + metric.name + "' appears more than once");
                    }
                    builder.metric(metric.name, metric.value);
                }
                case PAYLOAD_BODY -> {
                    expectWireType(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "KuraPayload.body");
                    builder.body(in.readByteArray());
                }
                default -> skipUnknown(in, tag);
            }
        }
        return builder.build();
    }

    private record NamedValue(String name, MetricValue value) {
    }

    private NamedValue parseMetric(CodedInputStream in) throws IOException, Reject {
        String name = null;
        Integer type = null;
        Double doubleValue = null;
        Float floatValue = null;
        Long longValue = null;
        Integer intValue = null;
        Boolean boolValue = null;
        String stringValue = null;
        byte[] bytesValue = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case METRIC_NAME -> {
                    expectWireType(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "KuraMetric.name");
                    name = readUtf8(in, "KuraMetric.name");
                }
                case METRIC_TYPE -> {
                    expectWireType(tag, WireFormat.WIRETYPE_VARINT, "KuraMetric.type");
                    type = in.readEnum();
                }
                case METRIC_DOUBLE -> {
                    expectWireType(tag, WireFormat.WIRETYPE_FIXED64, "KuraMetric.double_value");
                    doubleValue = in.readDouble();
                }
                case METRIC_FLOAT -> {
                    expectWireType(tag, WireFormat.WIRETYPE_FIXED32, "KuraMetric.float_value");
                    floatValue = in.readFloat();
                }
                case METRIC_LONG -> {
                    expectWireType(tag, WireFormat.WIRETYPE_VARINT, "KuraMetric.long_value");
                    longValue = in.readInt64();
                }
                case METRIC_INT -> {
                    expectWireType(tag, WireFormat.WIRETYPE_VARINT, "KuraMetric.int_value");
                    intValue = in.readInt32();
                }
                case METRIC_BOOL -> {
                    expectWireType(tag, WireFormat.WIRETYPE_VARINT, "KuraMetric.bool_value");
                    boolValue = in.readBool();
                }
                case METRIC_STRING -> {
                    expectWireType(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "KuraMetric.string_value");
                    stringValue = readUtf8(in, "KuraMetric.string_value");
                }
                case METRIC_BYTES -> {
                    expectWireType(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "KuraMetric.bytes_value");
                    bytesValue = in.readByteArray();
                }
                default -> skipUnknown(in, tag);
            }
        }
        if (name == null) {
            throw new Reject(PayloadRejection.MISSING_REQUIRED_FIELD, "a metric has no name (KuraMetric.name = 1)");
        }
        if (type == null) {
            throw new Reject(PayloadRejection.MISSING_REQUIRED_FIELD,
                    "metric '" + name + "' has no type (KuraMetric.type = 2)");
        }
        if (name.isEmpty()) {
            throw new Reject(PayloadRejection.MISSING_REQUIRED_FIELD, "a metric has an empty name");
        }
        String metricName = name;
        int typeNumber = type;
        MetricType metricType = MetricType.fromWireNumber(typeNumber).orElseThrow(() -> new Reject(
                PayloadRejection.BAD_TYPE, "metric '" + metricName + "' has unknown ValueType " + typeNumber));
        Object raw = switch (metricType) {
            case DOUBLE -> doubleValue;
            case FLOAT -> floatValue;
            case INT64 -> longValue;
            case INT32 -> intValue;
            case BOOL -> boolValue;
            case STRING -> stringValue;
            case BYTES -> bytesValue;
        };
        if (raw == null) {
            throw new Reject(PayloadRejection.BAD_TYPE, "metric '" + name + "' of type " + metricType
                    + " has no " + metricType.name().toLowerCase() + " value field");
        }
        MetricValue value = switch (metricType) {
            case DOUBLE -> MetricValue.of((double) doubleValue);
            case FLOAT -> MetricValue.of((float) floatValue);
            case INT64 -> MetricValue.of((long) longValue);
            case INT32 -> MetricValue.of((int) intValue);
            case BOOL -> MetricValue.of((boolean) boolValue);
            case STRING -> MetricValue.of(stringValue);
            case BYTES -> MetricValue.of(bytesValue);
        };
        return new NamedValue(name, value);
    }

    private KuraPosition parsePosition(CodedInputStream in) throws IOException, Reject {
        Double latitude = null;
        Double longitude = null;
        Double altitude = null;
        Double precision = null;
        Double heading = null;
        Double speed = null;
        Instant timestamp = null;
        Integer satellites = null;
        Integer status = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case POSITION_LATITUDE -> latitude = readDouble(in, tag, "KuraPosition.latitude");
                case POSITION_LONGITUDE -> longitude = readDouble(in, tag, "KuraPosition.longitude");
                case POSITION_ALTITUDE -> altitude = readDouble(in, tag, "KuraPosition.altitude");
                case POSITION_PRECISION -> precision = readDouble(in, tag, "KuraPosition.precision");
                case POSITION_HEADING -> heading = readDouble(in, tag, "KuraPosition.heading");
                case POSITION_SPEED -> speed = readDouble(in, tag, "KuraPosition.speed");
                case POSITION_TIMESTAMP -> {
                    expectWireType(tag, WireFormat.WIRETYPE_VARINT, "KuraPosition.timestamp");
                    timestamp = Instant.ofEpochMilli(in.readInt64());
                }
                case POSITION_SATELLITES -> {
                    expectWireType(tag, WireFormat.WIRETYPE_VARINT, "KuraPosition.satellites");
                    satellites = in.readInt32();
                }
                case POSITION_STATUS -> {
                    expectWireType(tag, WireFormat.WIRETYPE_VARINT, "KuraPosition.status");
                    status = in.readInt32();
                }
                default -> skipUnknown(in, tag);
            }
        }
        if (latitude == null || longitude == null) {
            throw new Reject(PayloadRejection.MISSING_REQUIRED_FIELD,
                    "position without " + (latitude == null ? "latitude (KuraPosition.latitude = 1)"
                            : "longitude (KuraPosition.longitude = 2)"));
        }
        return new KuraPosition(latitude, longitude, altitude, precision, heading, speed, timestamp, satellites,
                status);
    }

    private static double readDouble(CodedInputStream in, int tag, String field) throws IOException, Reject {
        expectWireType(tag, WireFormat.WIRETYPE_FIXED64, field);
        return in.readDouble();
    }

    @FunctionalInterface
    private interface NestedParser<T> {
        T parse(CodedInputStream in) throws IOException, Reject;
    }

    /** Reads a length-delimited embedded message with {@code parser}, bounded by its length. */
    private static <T> T parseNested(CodedInputStream in, NestedParser<T> parser) throws IOException, Reject {
        int length = in.readRawVarint32();
        if (length < 0) {
            throw new InvalidProtocolBufferException("embedded message with a negative length");
        }
        int oldLimit = in.pushLimit(length);
        T value = parser.parse(in);
        if (!in.isAtEnd()) {
            throw new InvalidProtocolBufferException("embedded message ends inside a field");
        }
        in.popLimit(oldLimit);
        return value;
    }

    private static void skipUnknown(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new InvalidProtocolBufferException("unexpected end-group tag for field "
                    + WireFormat.getTagFieldNumber(tag));
        }
    }

    private static void expectWireType(int tag, int wireType, String field) throws InvalidProtocolBufferException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new InvalidProtocolBufferException(field + " has wire type " + WireFormat.getTagWireType(tag)
                    + ", expected " + wireType);
        }
    }

    private static String readUtf8(CodedInputStream in, String field) throws IOException, Reject {
        ByteString bytes = in.readBytes();
        if (!bytes.isValidUtf8()) {
            throw new Reject(PayloadRejection.BAD_UTF8, field + " is not valid UTF-8");
        }
        return bytes.toStringUtf8();
    }

    @FunctionalInterface
    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] serialize(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
    }

    private static byte[] gzip(byte[] message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.length / 2 + 32);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(message);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** A rejection raised inside the parser; no stack trace, it is flow control. */
    private static final class Reject extends Exception {
        private static final long serialVersionUID = 1L;
        final transient PayloadRejection reason;

        Reject(PayloadRejection reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
