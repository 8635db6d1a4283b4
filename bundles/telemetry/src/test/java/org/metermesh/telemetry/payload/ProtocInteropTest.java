package org.metermesh.telemetry.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our hand-written codec against the reference protobuf compiler: protoc decodes what we encode, and we decode
 * what protoc encodes, both with the schema in src/main/proto/kurapayload.proto.
 */
class ProtocInteropTest {

    private static final Path PROTOC = Path.of("/usr/bin/protoc");
    private static final Path PROTO_DIR = Path.of("src/main/proto");
    private static final String TYPE = "kuradatatypes.KuraPayload";

    private final KuraPayloadCodec codec = new KuraPayloadCodec();

    @BeforeAll
    static void protocIsInstalled() {
        assertThat(Files.isExecutable(PROTOC))
                .as("%s is needed for these tests (Debian package protobuf-compiler)", PROTOC).isTrue();
        assertThat(PROTO_DIR.resolve("kurapayload.proto")).exists();
    }

    private static byte[] protoc(String mode, byte[] input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PROTOC.toString(), "--proto_path=" + PROTO_DIR, mode + "=" + TYPE,
                PROTO_DIR.resolve("kurapayload.proto").toString()).start();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("protoc finished").isTrue();
        assertThat(process.exitValue()).as("protoc %s failed: %s", mode,
                new String(stderr.join(), StandardCharsets.UTF_8)).isZero();
        return stdout.join();
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String protocDecode(byte[] message) throws IOException, InterruptedException {
        return new String(protoc("--decode", message), StandardCharsets.UTF_8);
    }

    @Test
    void protocDecodesEveryMetricTypeExactly() throws Exception {
        String text = protocDecode(codec.encode(Payloads.everyType()));
        assertThat(text).startsWith("timestamp: " + Payloads.T0.toEpochMilli() + "\n");
        assertThat(text).contains("""
                position {
                  latitude: 52.0907
                  longitude: 5.1214
                  altitude: 4.5
                  precision: 2
                  heading: 180
                  speed: 0
                  timestamp: %d
                  satellites: 7
                  status: 1
                }
                """.formatted(Payloads.T0.minusSeconds(1).toEpochMilli()));
        assertThat(text).contains("""
                metric {
                  name: "voltage"
                  type: DOUBLE
                  double_value: 229.75
                }
                metric {
                  name: "frequency"
                  type: FLOAT
                  float_value: 49.98
                }
                metric {
                  name: "energy_wh"
                  type: INT64
                  long_value: 9876543210
                }
                metric {
                  name: "interval_s"
                  type: INT32
                  int_value: 900
                }
                metric {
                  name: "relay_closed"
                  type: BOOL
                  bool_value: true
                }
                metric {
                  name: "firmware"
                  type: STRING
                  string_value: "1.4.2-\\302\\265"
                }
                metric {
                  name: "obis_raw"
                  type: BYTES
                  bytes_value: "\\001\\000\\001\\010\\000\\377"
                }
                body: "\\000\\177\\200\\377"
                """);
    }

    @Test
    void protocDecodesNegativeAndExtremeNumbers() throws Exception {
        KuraPayload payload = KuraPayload.builder()
                .metric("min_long", Long.MIN_VALUE)
                .metric("neg_int", -1)
                .metric("nan", Double.NaN)
                .metric("inf", Float.NEGATIVE_INFINITY)
                .build();
        String text = protocDecode(codec.encode(payload));
        assertThat(text).contains("long_value: -9223372036854775808", "int_value: -1", "double_value: nan",
                "float_value: -inf");
    }

    @Test
    void weDecodeWhatProtocEncodes() throws Exception {
        String text = """
                timestamp: 1767225600000
                position { latitude: -33.8688 longitude: 151.2093 satellites: 12 }
                metric { name: "energy_wh" type: INT64 long_value: -42 }
                metric { name: "voltage" type: DOUBLE double_value: 230.1 }
                metric { name: "pf" type: FLOAT float_value: 0.97 }
                metric { name: "tariff" type: INT32 int_value: -2 }
                metric { name: "tamper" type: BOOL bool_value: false }
                metric { name: "serial" type: STRING string_value: "LGZ-\\303\\274" }
                metric { name: "frame" type: BYTES bytes_value: "\\x7e\\xa0\\x07" }
                body: "hello"
                """;
        byte[] message = protoc("--encode", text.getBytes(StandardCharsets.UTF_8));
        PayloadDecodeResult result = codec.decode(message);
        assertThat(result).isInstanceOf(PayloadDecodeResult.Decoded.class);
        KuraPayload expected = KuraPayload.builder()
                .timestamp(Instant.ofEpochMilli(1767225600000L))
                .position(new KuraPosition(-33.8688, 151.2093, null, null, null, null, null, 12, null))
                .metric("energy_wh", -42L)
                .metric("voltage", 230.1)
                .metric("pf", 0.97f)
                .metric("tariff", -2)
                .metric("tamper", false)
                .metric("serial", "LGZ-ü")
                .metric("frame", new byte[] {0x7e, (byte) 0xa0, 0x07})
                .body("hello".getBytes(StandardCharsets.US_ASCII))
                .build();
        assertThat(((PayloadDecodeResult.Decoded) result).payload()).isEqualTo(expected);
        // and our encoding of it is byte for byte what protoc wrote
        assertThat(codec.encode(expected)).isEqualTo(message);
    }

    @Test
    void protocEncodedGzipDetectionDoesNotMisfire() throws Exception {
        // A payload whose first octet is as large as possible still cannot look like gzip.
        byte[] message = protoc("--encode", "metric { name: \"a\" type: BOOL bool_value: true }\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(KuraPayloadCodec.isGzip(message)).isFalse();
        assertThat(codec.decode(message)).isInstanceOf(PayloadDecodeResult.Decoded.class);
    }
}
