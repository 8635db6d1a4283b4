package org.metermesh.telemetry.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPayloadCodecTest {

    private final JsonPayloadCodec codec = new JsonPayloadCodec();

    private KuraPayload decoded(String json) {
        PayloadDecodeResult result = codec.decode(json);
        assertThat(result).as("decoding %s", json).isInstanceOf(PayloadDecodeResult.Decoded.class);
        return ((PayloadDecodeResult.Decoded) result).payload();
    }

    private PayloadDecodeResult.Rejected rejected(String json) {
        PayloadDecodeResult result = codec.decode(json);
        assertThat(result).as("decoding %s", json).isInstanceOf(PayloadDecodeResult.Rejected.class);
        return (PayloadDecodeResult.Rejected) result;
    }

    @Test
    void everyTypeRoundTripsExactly() {
        KuraPayload payload = Payloads.everyType();
        byte[] json = codec.encode(payload);
        assertThat(((PayloadDecodeResult.Decoded) codec.decode(json)).payload()).isEqualTo(payload);
    }

    @Test
    void documentedLayout() {
        KuraPayload payload = KuraPayload.builder()
                .timestamp(Instant.ofEpochMilli(1767225600000L))
                .position(KuraPosition.of(52.5, 4.25).withAltitude(3.0))
                .metric("energy_wh", 1234L)
                .metric("voltage", 229.5)
                .metric("pf", 0.97f)
                .metric("tariff", 2)
                .metric("relay", true)
                .metric("fw", "1.2 \"beta\"\n")
                .metric("raw", new byte[] {1, 2})
                .body(new byte[] {1, 2, 3})
                .build();
        assertThat(codec.encodeToString(payload)).isEqualTo("{\"sentOn\":1767225600000,"
                + "\"position\":{\"latitude\":52.5,\"longitude\":4.25,\"altitude\":3.0},"
                + "\"metrics\":{\"energy_wh\":1234,\"voltage\":229.5,\"pf\":0.97,\"tariff\":2,\"relay\":true,"
                + "\"fw\":\"1.2 \\\"beta\\\"\\n\",\"raw\":\"AQI=\"},"
                + "\"types\":{\"pf\":\"FLOAT\",\"tariff\":\"INT32\",\"raw\":\"BYTES\"},"
                + "\"body\":\"AQID\"}");
    }

    @Test
    void typesAreReadFromValuesWhenNotNamed() {
        KuraPayload p = decoded("{\"metrics\": {\"a\": 1, \"b\": 1.0, \"c\": 1e3, \"d\": \"x\", \"e\": false}}");
        assertThat(p.metrics()).containsExactly(
                java.util.Map.entry("a", MetricValue.of(1L)),
                java.util.Map.entry("b", MetricValue.of(1.0)),
                java.util.Map.entry("c", MetricValue.of(1000.0)),
                java.util.Map.entry("d", MetricValue.of("x")),
                java.util.Map.entry("e", MetricValue.of(false)));
    }

    @Test
    void nonFiniteAndExtremeNumbersRoundTrip() {
        KuraPayload payload = KuraPayload.builder()
                .metric("nan", Double.NaN)
                .metric("inf", Float.POSITIVE_INFINITY)
                .metric("neg_zero", -0.0)
                .metric("tiny", Double.MIN_VALUE)
                .metric("min_long", Long.MIN_VALUE)
                .metric("max_int", Integer.MAX_VALUE)
                .metric("float_third", 1f / 3)
                .build();
        String json = codec.encodeToString(payload);
        assertThat(json).contains("\"nan\":\"NaN\"", "\"inf\":\"Infinity\"", "\"min_long\":-9223372036854775808");
        assertThat(decoded(json)).isEqualTo(payload);
    }

    @Test
    void requestTypedByHand() {
        KuraPayload p = decoded("""
                {
                  "metrics": {"relay": "open", "delay_s": 30, "raw": "fwA="},
                  "types": {"delay_s": "INT32", "raw": "BYTES"}
                }
                """);
        assertThat(p.metric("relay")).contains(MetricValue.of("open"));
        assertThat(p.metric("delay_s")).contains(MetricValue.of(30));
        assertThat(p.metric("raw")).contains(MetricValue.of(new byte[] {0x7f, 0x00}));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "BAD_JSON               | {\"metrics\": {\"a\": 1}                          | unterminated object",
        "BAD_JSON               | {\"metrics\": {\"a\": 01}}                        | leading zero",
        "BAD_JSON               | {\"metrics\": {\"a\": 1,}}                        | trailing comma",
        "BAD_JSON               | {\"a\": 1} x                                      | content after the value",
        "BAD_JSON               | [1, 2]                                            | not an object",
        "BAD_JSON               | {\"metrics\": [1]}                                | metrics not an object",
        "BAD_JSON               | {\"metrics\": {\"s\": \"\\ud800\"}}              | unpaired surrogate",
        "BAD_JSON               | {\"body\": 12}                                    | body not a string",
        "UNKNOWN_FIELD          | {\"metrix\": {}}                                  | typo in a member name",
        "UNKNOWN_FIELD          | {\"position\": {\"latitude\": 1, \"longitude\": 2, \"alt\": 3}} | unknown position member",
        "UNKNOWN_FIELD          | {\"metrics\": {}, \"types\": {\"a\": \"INT32\"}} | type for a missing metric",
        "DUPLICATE_METRIC       | {\"metrics\": {\"a\": 1, \"a\": 2}}               | same name twice",
        "BAD_TYPE               | {\"metrics\": {\"a\": null}}                      | null value",
        "BAD_TYPE               | {\"metrics\": {\"a\": {}}}                        | object value",
        "BAD_TYPE               | {\"metrics\": {\"a\": 1.5}, \"types\": {\"a\": \"INT32\"}} | fraction for INT32",
        "BAD_TYPE               | {\"metrics\": {\"a\": 2147483648}, \"types\": {\"a\": \"INT32\"}} | out of int range",
        "BAD_TYPE               | {\"metrics\": {\"a\": 9223372036854775808}}       | out of long range",
        "BAD_TYPE               | {\"metrics\": {\"a\": 1e400}}                     | out of double range",
        "BAD_TYPE               | {\"metrics\": {\"a\": 1}, \"types\": {\"a\": \"BOOL\"}} | number for BOOL",
        "BAD_TYPE               | {\"metrics\": {\"a\": \"%%\"}, \"types\": {\"a\": \"BYTES\"}} | not base64",
        "BAD_TYPE               | {\"metrics\": {\"a\": 1}, \"types\": {\"a\": \"UINT8\"}} | unknown type name",
        "BAD_TYPE               | {\"sentOn\": \"yesterday\"}                       | sentOn not an integer",
        "MISSING_REQUIRED_FIELD | {\"position\": {\"latitude\": 52.1}}              | position without longitude",
        "MISSING_REQUIRED_FIELD | {\"metrics\": {\"\": 1}}                           | empty metric name",
    })
    void malformedRequestsAreTypedRejections(PayloadRejection reason, String json, String what) {
        PayloadDecodeResult.Rejected r = rejected(json);
        assertThat(r.reason()).as(what + ": " + r.detail()).isEqualTo(reason);
        assertThat(r.detail()).isNotBlank();
    }

    @Test
    void rejectionsNameTheMember() {
        assertThat(rejected("{\"metrics\": {\"delay_s\": 1.5}, \"types\": {\"delay_s\": \"INT32\"}}").detail())
                .contains("metric 'delay_s'", "integer");
        assertThat(rejected("{\"metrix\": {}}").detail()).contains("'metrix'", "metrics");
        assertThat(rejected("{\"metrics\": {\"a\": 1}").detail()).contains("offset");
    }

    @Test
    void invalidUtf8AndOversizeAreRejected() {
        assertThat(((PayloadDecodeResult.Rejected) codec.decode(new byte[] {'{', (byte) 0xc3, '}'})).reason())
                .isEqualTo(PayloadRejection.BAD_UTF8);
        JsonPayloadCodec small = new JsonPayloadCodec(new PayloadLimits(10, 10, 10));
        assertThat(((PayloadDecodeResult.Rejected) small.decode("{\"metrics\": {}}".getBytes(StandardCharsets.UTF_8)))
                .reason()).isEqualTo(PayloadRejection.TOO_LARGE);
        JsonPayloadCodec fewMetrics = new JsonPayloadCodec(new PayloadLimits(1000, 1000, 1));
        assertThat(((PayloadDecodeResult.Rejected) fewMetrics.decode("{\"metrics\": {\"a\": 1, \"b\": 2}}"))
                .reason()).isEqualTo(PayloadRejection.TOO_LARGE);
    }

    @Test
    void deepNestingIsRejectedNotAStackOverflow() {
        String deep = "{\"metrics\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThat(rejected(deep).reason()).isEqualTo(PayloadRejection.BAD_JSON);
    }

    @Test
    void escapesAndUnicodeSurviveBothWays() {
        KuraPayload p = decoded("{\"metrics\": {\"s\": \"tab\\there \\u00fc \\ud83d\\ude80 \\/ \\\\\"}}");
        assertThat(p.metric("s")).contains(MetricValue.of("tab\there ü 🚀 / \\"));
        assertThat(decoded(codec.encodeToString(p))).isEqualTo(p);
        KuraPayload control = KuraPayload.builder().metric("c", "\u0001\u001f").build();
        assertThat(codec.encodeToString(control)).contains("\\u0001\\u001f");
        assertThat(decoded(codec.encodeToString(control))).isEqualTo(control);
    }

    @Test
    void emptyPayload() {
        assertThat(codec.encodeToString(KuraPayload.builder().build())).isEqualTo("{}");
        assertThat(decoded("{}")).isEqualTo(KuraPayload.builder().build());
    }
}
