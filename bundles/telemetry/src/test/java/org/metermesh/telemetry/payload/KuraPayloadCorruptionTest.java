package org.metermesh.telemetry.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import com.google.protobuf.CodedOutputStream;

/** Messages that break exactly one rule, each with the rejection it must get. */
class KuraPayloadCorruptionTest {

    private final KuraPayloadCodec codec = new KuraPayloadCodec();

    private PayloadDecodeResult.Rejected rejected(KuraPayloadCodec c, byte[] message) {
        PayloadDecodeResult result = c.decode(message);
        assertThat(result).as("decoding %s", HexFormat.of().formatHex(message, 0, Math.min(64, message.length)))
                .isInstanceOf(PayloadDecodeResult.Rejected.class);
        return (PayloadDecodeResult.Rejected) result;
    }

    private PayloadRejection reason(byte[] message) {
        return rejected(codec, message).reason();
    }

    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] message(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] withMetric(Body metric) {
        return message(out -> out.writeByteArray(5000, message(metric)));
    }

    @Test
    void truncatedMessageIsNotProtobuf() {
        byte[] valid = codec.encode(Payloads.everyType());
        for (int cut = 1; cut < valid.length; cut++) {
            byte[] truncated = Arrays.copyOf(valid, valid.length - cut);
            PayloadDecodeResult result = codec.decode(truncated);
            // A cut can fall exactly between two top-level fields: that is a valid, shorter message.
            if (result instanceof PayloadDecodeResult.Rejected r) {
                assertThat(r.reason()).as("cut %d", cut).isIn(PayloadRejection.NOT_PROTOBUF);
            }
        }
        PayloadDecodeResult.Rejected r = rejected(codec, Arrays.copyOf(valid, valid.length - 1));
        assertThat(r.reason()).isEqualTo(PayloadRejection.NOT_PROTOBUF);
        assertThat(r.detail()).isNotBlank();
    }

    @Test
    void invalidWireTypeIsNotProtobuf() {
        assertThat(reason(new byte[] {0x0f, 0x00})).isEqualTo(PayloadRejection.NOT_PROTOBUF); // field 1, type 7
    }

    @Test
    void fieldNumberZeroIsNotProtobuf() {
        assertThat(reason(new byte[] {0x00, 0x01})).isEqualTo(PayloadRejection.NOT_PROTOBUF);
    }

    @Test
    void knownFieldWithWrongWireTypeIsNotProtobuf() {
        PayloadDecodeResult.Rejected r = rejected(codec, message(out -> out.writeInt64(5000, 7)));
        assertThat(r.reason()).isEqualTo(PayloadRejection.NOT_PROTOBUF);
        assertThat(r.detail()).contains("KuraPayload.metric has wire type 0, expected 2");
        assertThat(reason(message(out -> out.writeFixed64(1, 7)))).isEqualTo(PayloadRejection.NOT_PROTOBUF);
        assertThat(reason(withMetric(out -> {
            out.writeString(1, "v");
            out.writeEnum(2, 0);
            out.writeFloat(3, 1f);
        }))).isEqualTo(PayloadRejection.NOT_PROTOBUF);
    }

    @Test
    void embeddedLengthBeyondTheEndIsNotProtobuf() {
        // metric tag, length 100, only 2 octets follow
        assertThat(reason(new byte[] {(byte) 0xc2, (byte) 0xb8, 0x02, 100, 0x0a, 0x00}))
                .isEqualTo(PayloadRejection.NOT_PROTOBUF);
    }

    @Test
    void metricWithoutNameIsMissingRequiredField() {
        PayloadDecodeResult.Rejected r = rejected(codec, withMetric(out -> {
            out.writeEnum(2, 3);
            out.writeInt32(6, 1);
        }));
        assertThat(r.reason()).isEqualTo(PayloadRejection.MISSING_REQUIRED_FIELD);
        assertThat(r.detail()).contains("no name");
    }

    @Test
    void metricWithoutTypeIsMissingRequiredField() {
        PayloadDecodeResult.Rejected r = rejected(codec, withMetric(out -> {
            out.writeString(1, "energy");
            out.writeInt64(5, 1);
        }));
        assertThat(r.reason()).isEqualTo(PayloadRejection.MISSING_REQUIRED_FIELD);
        assertThat(r.detail()).contains("'energy'").contains("no type");
    }

    @Test
    void positionWithoutLongitudeIsMissingRequiredField() {
        PayloadDecodeResult.Rejected r = rejected(codec,
                message(out -> out.writeByteArray(2, message(p -> p.writeDouble(1, 52.0)))));
        assertThat(r.reason()).isEqualTo(PayloadRejection.MISSING_REQUIRED_FIELD);
        assertThat(r.detail()).contains("longitude");
    }

    @Test
    void unknownValueTypeIsBadType() {
        PayloadDecodeResult.Rejected r = rejected(codec, withMetric(out -> {
            out.writeString(1, "x");
            out.writeEnum(2, 7);
        }));
        assertThat(r.reason()).isEqualTo(PayloadRejection.BAD_TYPE);
        assertThat(r.detail()).contains("unknown ValueType 7");
    }

    @Test
    void typeWithoutItsValueFieldIsBadType() {
        PayloadDecodeResult.Rejected r = rejected(codec, withMetric(out -> {
            out.writeString(1, "voltage");
            out.writeEnum(2, 0); // DOUBLE
            out.writeInt64(5, 230); // but a long_value
        }));
        assertThat(r.reason()).isEqualTo(PayloadRejection.BAD_TYPE);
        assertThat(r.detail()).contains("'voltage' of type DOUBLE has no double value field");
    }

    @Test
    void duplicateMetricName() {
        byte[] one = codec.encode(KuraPayload.builder().metric("a", 1).build());
        PayloadDecodeResult.Rejected r = rejected(codec, KuraPayloadCodecTest.concat(one, one));
        assertThat(r.reason()).isEqualTo(PayloadRejection.DUPLICATE_METRIC);
        assertThat(r.detail()).contains("'a'");
    }

    @Test
    void invalidUtf8NameIsBadUtf8() {
        assertThat(reason(withMetric(out -> {
            out.writeByteArray(1, new byte[] {(byte) 0xc3, 0x28});
            out.writeEnum(2, 4);
            out.writeBool(7, true);
        }))).isEqualTo(PayloadRejection.BAD_UTF8);
    }

    @Test
    void gzipMagicWithGarbageIsBadGzip() {
        assertThat(reason(new byte[] {0x1f, (byte) 0x8b, 0x00, 0x01, 0x02})).isEqualTo(PayloadRejection.BAD_GZIP);
        byte[] gzip = codec.encode(Payloads.everyType(), true);
        assertThat(reason(Arrays.copyOf(gzip, gzip.length - 6))).isEqualTo(PayloadRejection.BAD_GZIP);
        byte[] flipped = gzip.clone();
        flipped[flipped.length - 5] ^= 0x01; // CRC-32 of the trailer
        assertThat(reason(flipped)).isEqualTo(PayloadRejection.BAD_GZIP);
    }

    @Test
    void tooManyOctetsOnTheWire() {
        KuraPayloadCodec small = new KuraPayloadCodec(new PayloadLimits(16, 1024, 10));
        PayloadDecodeResult.Rejected r = rejected(small, codec.encode(Payloads.everyType()));
        assertThat(r.reason()).isEqualTo(PayloadRejection.TOO_LARGE);
        assertThat(r.detail()).contains("limit of 16");
    }

    @Test
    void gzipBombIsTooLarge() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(new byte[4 * 1024 * 1024]);
        }
        assertThat(bytes.size()).isLessThan(PayloadLimits.DEFAULT.maxEncodedOctets());
        PayloadDecodeResult.Rejected r = rejected(codec, bytes.toByteArray());
        assertThat(r.reason()).isEqualTo(PayloadRejection.TOO_LARGE);
        assertThat(r.detail()).contains("inflates beyond");
    }

    @Test
    void tooManyMetrics() {
        KuraPayloadCodec few = new KuraPayloadCodec(new PayloadLimits(1024, 1024, 2));
        byte[] three = codec.encode(KuraPayload.builder().metric("a", 1).metric("b", 2).metric("c", 3).build());
        assertThat(rejected(few, three).reason()).isEqualTo(PayloadRejection.TOO_LARGE);
        assertThat(few.decode(codec.encode(KuraPayload.builder().metric("a", 1).metric("b", 2).build())))
                .isInstanceOf(PayloadDecodeResult.Decoded.class);
    }

    @Test
    void everySingleBitFlipIsDecodedOrRejectedNeverThrown() {
        byte[] valid = codec.encode(Payloads.everyType());
        for (int i = 0; i < valid.length * 8; i++) {
            byte[] flipped = valid.clone();
            flipped[i / 8] ^= (byte) (1 << (i % 8));
            assertThat(codec.decode(flipped)).isNotNull();
        }
    }
}
