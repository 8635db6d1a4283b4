package org.metermesh.telemetry.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class KuraPayloadCodecTest {

    private final KuraPayloadCodec codec = new KuraPayloadCodec();

    private KuraPayload roundTrip(KuraPayload payload, boolean gzip) {
        byte[] encoded = codec.encode(payload, gzip);
        assertThat(KuraPayloadCodec.isGzip(encoded)).isEqualTo(gzip);
        PayloadDecodeResult result = codec.decode(encoded);
        assertThat(result).isInstanceOf(PayloadDecodeResult.Decoded.class);
        return ((PayloadDecodeResult.Decoded) result).payload();
    }

    @Test
    void everyMetricTypePositionAndBodyRoundTrip() {
        KuraPayload payload = Payloads.everyType();
        assertThat(roundTrip(payload, false)).isEqualTo(payload);
        assertThat(roundTrip(payload, true)).isEqualTo(payload);
    }

    @Test
    void metricOrderIsKept() {
        KuraPayload payload = KuraPayload.builder().metric("z", 1).metric("a", 2).metric("m", 3).build();
        assertThat(roundTrip(payload, false).metrics().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void emptyPayloadIsZeroOctets() {
        KuraPayload empty = KuraPayload.builder().build();
        assertThat(codec.encode(empty)).isEmpty();
        assertThat(roundTrip(empty, false)).isEqualTo(empty);
        assertThat(roundTrip(empty, true)).isEqualTo(empty);
    }

    @Test
    void extremeValuesRoundTrip() {
        KuraPayload payload = KuraPayload.builder()
                .timestamp(Instant.ofEpochMilli(-1))
                .position(KuraPosition.of(-90.0, 180.0))
                .metric("nan", Double.NaN)
                .metric("neg_zero", -0.0)
                .metric("inf", Float.NEGATIVE_INFINITY)
                .metric("min_long", Long.MIN_VALUE)
                .metric("max_long", Long.MAX_VALUE)
                .metric("min_int", Integer.MIN_VALUE)
                .metric("false", false)
                .metric("empty_string", "")
                .metric("empty_bytes", new byte[0])
                .metric("ünïcødé 🚀", "✓")
                .body(new byte[0])
                .build();
        KuraPayload decoded = roundTrip(payload, false);
        assertThat(decoded).isEqualTo(payload);
        assertThat(decoded.body()).hasValueSatisfying(b -> assertThat(b).isEmpty());
    }

    @Test
    void timestampIsHeldToTheMillisecond() {
        KuraPayload payload = KuraPayload.builder().timestamp(Instant.parse("2026-01-01T00:00:00.123456789Z")).build();
        assertThat(payload.timestamp()).contains(Instant.parse("2026-01-01T00:00:00.123Z"));
        assertThat(roundTrip(payload, false)).isEqualTo(payload);
    }

    @Test
    void knownEncodingOfOneMetric() {
        // metric {name: "a", type: INT32, int_value: 1}: key (5000 << 3) | 2 = 40002 = varint c2 b8 02, length 7
        byte[] encoded = codec.encode(KuraPayload.builder().metric("a", 1).build());
        assertThat(encoded).containsExactly(0xc2, 0xb8, 0x02, 0x07, 0x0a, 0x01, 'a', 0x10, 0x03, 0x30, 0x01);
    }

    @Test
    void gzipShrinksRepetitiveReadings() {
        KuraPayload.Builder builder = KuraPayload.builder();
        for (int i = 0; i < 96; i++) {
            builder.metric("interval_" + i + "_wh", 1000L + i);
        }
        KuraPayload payload = builder.build();
        byte[] plain = codec.encode(payload, false);
        byte[] compressed = codec.encode(payload, true);
        assertThat(compressed.length).isLessThan(plain.length / 2);
        assertThat(roundTrip(payload, true)).isEqualTo(payload);
    }

    @Test
    void unknownFieldsAndExtensionsAreSkipped() {
        byte[] known = codec.encode(KuraPayload.builder().metric("a", 1).build());
        // extension field 3 (varint 42) and unknown field 6000 (key 48002 = 82 f7 02; LEN "xy") around the metric
        byte[] withUnknown = concat(new byte[] {0x18, 0x2a}, known, new byte[] {(byte) 0x82, (byte) 0xf7, 0x02, 0x02,
            'x', 'y'});
        assertThat(codec.decode(withUnknown)).isEqualTo(codec.decode(known));
    }

    @Test
    void decodesWhatKuraWouldSendForAStringMetric() {
        byte[] encoded = codec.encode(KuraPayload.builder().timestamp(Instant.ofEpochMilli(1)).metric("s", "v").build());
        // timestamp (field 1, varint 1), then the metric: name, type STRING (5), string_value (field 8)
        assertThat(encoded).containsExactly(0x08, 0x01, 0xc2, 0xb8, 0x02, 0x08, 0x0a, 0x01, 's', 0x10, 0x05, 0x42,
                0x01, 'v');
    }

    @Test
    void builderRefusesDuplicateAndEmptyNames() {
        KuraPayload.Builder builder = KuraPayload.builder().metric("a", 1);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> builder.metric("a", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate metric name 'a'");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> builder.metric("", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void bytesMetricsAndBodyAreCopied() {
        byte[] raw = {1, 2, 3};
        KuraPayload payload = KuraPayload.builder().metric("raw", raw).body(raw).build();
        raw[0] = 9;
        assertThat(((MetricValue.OfBytes) payload.metrics().get("raw")).value()).containsExactly(1, 2, 3);
        assertThat(payload.body()).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        assertThat(List.copyOf(payload.metrics().keySet())).containsExactly("raw");
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
