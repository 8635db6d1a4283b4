package org.metermesh.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.telemetry.payload.KuraPayload;
import org.metermesh.telemetry.payload.KuraPayloadCodec;
import org.metermesh.testsupport.Mosquitto;

class DecodeMainTest {

    private static final java.time.Instant AT = java.time.Instant.parse("2026-11-21T12:00:00Z");
    private static final byte[] READING = new KuraPayloadCodec().encode(KuraPayload.builder()
            .timestamp(AT)
            .metric("meter", "02004d6d00000005").metric("1-0:1.8.0.255", 1234567.0).build(), true);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsWhatABrokerCarriesAsJsonLines() throws Exception {
        try (Mosquitto broker = Mosquitto.start();
                MqttClient publisher = new MqttClient(broker.url(), "decode-test", new MemoryPersistence())) {
            publisher.connect();
            // Retained, so the decoder gets them whenever it subscribes.
            publisher.publish("metermesh/gateway-1/METERMESH-V1/meters/02004d6d00000005/usage", READING, 1, true);
            publisher.publish("$EDC/metermesh/gateway-1/MQTT/BIRTH", "not kura".getBytes(StandardCharsets.UTF_8),
                    1, true);
            publisher.disconnect();

            int exit = DecodeMain.run(new String[] {"--broker", broker.url(), "--count", "2"}, print(out),
                    print(err));

            assertThat(exit).isZero();
            assertThat(lines()).containsExactlyInAnyOrder(
                    "{\"topic\":\"metermesh/gateway-1/METERMESH-V1/meters/02004d6d00000005/usage\",\"payload\":"
                            + "{\"sentOn\":" + AT.toEpochMilli() + ",\"metrics\":{\"meter\":\"02004d6d00000005\","
                            + "\"1-0:1.8.0.255\":1234567.0}}}",
                    "{\"topic\":\"$EDC/metermesh/gateway-1/MQTT/BIRTH\",\"error\":\"not a Kura payload: "
                            + "NOT_PROTOBUF: " + notProtobufDetail() + "\",\"hex\":\"6e6f74206b757261\"}");
        }
    }

    @Test
    void decodesAPayloadFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reading.bin");
        Files.write(file, READING);

        assertThat(DecodeMain.run(new String[] {"--file", file.toString()}, print(out), print(err))).isZero();
        assertThat(lines()).singleElement().asString().contains("\"1-0:1.8.0.255\":1234567.0");
    }

    @Test
    void badUsageAndAnAbsentBrokerHaveTheirExitCodes(@TempDir Path dir) {
        assertThat(DecodeMain.run(new String[] {"--count", "zero"}, print(out), print(err))).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--count needs a positive number, not 'zero'");
        assertThat(DecodeMain.run(new String[] {"--file", dir.resolve("none").toString()}, print(out), print(err)))
                .isEqualTo(66);
        assertThat(DecodeMain.run(new String[] {"--broker", "tcp://127.0.0.1:1", "--count", "1"}, print(out),
                print(err))).isEqualTo(69);
    }

    private static String notProtobufDetail() {
        var r = (org.metermesh.telemetry.payload.PayloadDecodeResult.Rejected) new KuraPayloadCodec()
                .decode("not kura".getBytes(StandardCharsets.UTF_8));
        return r.detail();
    }

    private java.util.List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static PrintStream print(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }
}
