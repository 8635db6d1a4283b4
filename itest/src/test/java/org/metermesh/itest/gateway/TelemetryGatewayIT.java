package org.metermesh.itest.gateway;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.metermesh.telemetry.payload.KuraPayload;
import org.metermesh.telemetry.payload.KuraPayloadCodec;
import org.metermesh.telemetry.payload.MetricValue;
import org.metermesh.telemetry.payload.PayloadDecodeResult;
import org.metermesh.testsupport.Mosquitto;
import org.metermesh.testsupport.MqttRecorder;

/**
 * What the utility sees: the standalone gateway with simulated meters publishing to a real Mosquitto, read by a
 * real subscriber (mosquitto_sub). Nothing may be lost: the gateway numbers every message it accepts from a meter
 * ({@code message.id}, one after the other in its durable outbox), so a gap in the ids a subscriber received is a
 * lost message; a meter numbers every message it raises ({@code meter.sequence}), so a gap there is one lost
 * between meter and gateway.
 */
public class TelemetryGatewayIT {

    private static final int METERS = 10;
    private static final long START_SECONDS = 60;
    private static final Duration FLOW = Duration.ofSeconds(180);
    /**
     * The outage lasts until the gateway holds this many messages it could not publish: ten meters reading every
     * 10 s raise about one a second, so about 30 s, the outage.
     */
    private static final int HELD_DURING_OUTAGE = 30;
    private static final String DATA = "metermesh/gateway-1/METERMESH-V1/meters/";
    private static final String REQUESTS = "$EDC/metermesh/gateway-1/METERMESH-V1/";
    private static final KuraPayloadCodec CODEC = new KuraPayloadCodec();

    @Rule
    public TemporaryFolder home = new TemporaryFolder();

    /**
     * Ten meters in the demo profile: every one reports, every reading arrives once its successors do (no gap per
     * meter, none across the gateway), with its registers; a read request on $EDC reaches a meter and its reply
     * comes back, an unknown meter gets 404.
     */
    @Test
    public void everyReadingOfTheMetersArrivesAndARequestReachesAMeter() throws Exception {
        Path dir = home.getRoot().toPath();
        try (Mosquitto broker = Mosquitto.start();
                MqttRecorder subscriber = MqttRecorder.start(broker);
                GatewayProcess gateway = start(dir, broker)) {
            List<KuraPayload> readings = awaitReadingsFromEveryMeter(subscriber, 5);

            for (KuraPayload reading : readings) {
                assertEquals(reading.toString(), new MetricValue.OfString("usage"), reading.metric("class").get());
                assertEquals(new MetricValue.OfLong(10), reading.metric("interval.s").get());
                for (String obis : List.of("1-0:1.8.0.255", "1-0:1.7.0.255", "1-0:32.7.0.255", "1-0:31.7.0.255")) {
                    assertTrue(obis + " in " + reading, reading.metric(obis).orElse(null) instanceof MetricValue.OfDouble);
                }
                double volts = ((MetricValue.OfDouble) reading.metric("1-0:32.7.0.255").get()).value();
                // 230 V nominal; random excursions of 15 % either way happen in the demo profile
                assertTrue("voltage " + volts, volts > 230 * 0.8 && volts < 230 * 1.2);
                assertEquals(new MetricValue.OfString("Wh"), reading.metric("1-0:1.8.0.255.unit").get());
            }
            assertNoGaps(subscriber.messages());

            String meter = meterOf(readings.get(0));
            KuraPayload reply = request(broker, subscriber, "GET/meters/" + meter + "/registers", "read-1");
            assertEquals(reply.toString(), new MetricValue.OfInt(200), reply.metric("response.code").get());
            assertTrue(reply.toString(), reply.metric("1-0:1.8.0.255").isPresent());
            KuraPayload unknown = request(broker, subscriber, "GET/meters/02004d6d0000ffff", "read-2");
            assertEquals(unknown.toString(), new MetricValue.OfInt(404), unknown.metric("response.code").get());

            assertEquals("exit status after SIGTERM", 143, gateway.terminate(30));
            assertEquals("warnings or errors in the log", List.of(), gateway.problems());
        }
    }

    /** The broker goes away for 30 s: the gateway keeps what the meters send and publishes all of it afterwards. */
    @Test
    public void nothingIsLostDuringABrokerOutageOf30Seconds() throws Exception {
        Path dir = home.getRoot().toPath();
        try (Mosquitto broker = Mosquitto.start(true);
                MqttRecorder subscriber = MqttRecorder.startPersistent(broker, "itest-outage");
                GatewayProcess gateway = start(dir, broker)) {
            awaitReadingsFromEveryMeter(subscriber, 1);
            long before = maxId(subscriber.messages());

            broker.stop();
            assertTrue("the gateway did not queue " + HELD_DURING_OUTAGE + " messages while the broker was away: "
                    + gateway.stdout(), gateway.awaitStdoutLine(line -> queueDepth(line) >= HELD_DURING_OUTAGE,
                    FLOW.toSeconds()));
            broker.startAgain();

            // Meters kept reporting during the outage: ids well beyond what was published before must arrive, and
            // every id up to the highest one received.
            long during = before + HELD_DURING_OUTAGE;
            subscriber.awaitAll(messages -> maxId(messages) > during && gaps(messages).isEmpty(),
                    "ids past " + during + " without gaps", FLOW);
            assertNoGaps(subscriber.messages());
            assertTrue(gateway.stderr().toString(), gateway.stderr().stream()
                    .anyMatch(line -> line.contains("MQTT connected") && !line.contains("WARNING")));
        }
    }

    /**
     * The gateway is killed (SIGKILL) with messages in its outbox and started again on the same data: everything it
     * had acknowledged to a meter is published after the restart; ids go on where they stopped.
     */
    @Test
    public void nothingIsLostWhenTheGatewayIsKilled() throws Exception {
        Path dir = home.getRoot().toPath();
        try (Mosquitto broker = Mosquitto.start(true);
                MqttRecorder subscriber = MqttRecorder.startPersistent(broker, "itest-kill")) {
            long before;
            try (GatewayProcess gateway = start(dir, broker)) {
                awaitReadingsFromEveryMeter(subscriber, 2);
                before = maxId(subscriber.messages());
                gateway.kill();
            }
            try (GatewayProcess again = GatewayProcess.start(dir, dir.resolve("mesh-config.yaml"),
                    "metermesh.profile=itest", "metermesh.meters=" + METERS)) {
                assertTrue(again.stderr().toString(), again.awaitLog("MQTT connected", START_SECONDS));
                subscriber.awaitAll(messages -> maxId(messages) > before + METERS && gaps(messages).isEmpty(),
                        "ids past " + (before + METERS) + " without gaps", FLOW);
                assertNoGaps(subscriber.messages());
                assertEquals("exit status after SIGTERM", 143, again.terminate(30));
            }
        }
    }

    // ---- helpers ----

    /** The shipped configuration with the test broker, no embedded broker, and the demo timings. */
    private static GatewayProcess start(Path dir, Mosquitto broker) throws Exception {
        Files.copy(GatewayProcess.DEFAULT_CONFIG, dir.resolve("mesh-config.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(dir.resolve("profiles"));
        String demo = Files.readString(GatewayProcess.DEFAULT_CONFIG.getParent().resolve("profiles/demo.yaml"));
        // Ten meters can read every 10 s (the demo's one minute is sized for 200 on one channel).
        Files.writeString(dir.resolve("profiles/itest.yaml"), demo.replace("sim:\n", "sim:\n  reading.interval.s: 10\n")
                + "\ntelemetry:\n  broker.url: " + broker.url() + "\n  reconnect.max.s: 2\n\nbroker:\n  enabled: false\n");
        GatewayProcess gateway = GatewayProcess.start(dir, dir.resolve("mesh-config.yaml"),
                "metermesh.profile=itest", "metermesh.meters=" + METERS);
        assertTrue("no summary: " + gateway.stdout() + " " + gateway.stderr(),
                gateway.awaitStdout("stop with Ctrl-C", START_SECONDS));
        return gateway;
    }

    /** The queue depth of a status line ({@code ... | published 1234 | queue 5}), -1 for other lines. */
    private static int queueDepth(String line) {
        int at = line.lastIndexOf("| queue ");
        return at < 0 ? -1 : Integer.parseInt(line.substring(at + "| queue ".length()).trim());
    }

    /** Waits until every meter has at least {@code each} readings on the broker; returns all readings. */
    private static List<KuraPayload> awaitReadingsFromEveryMeter(MqttRecorder subscriber, int each) {
        subscriber.awaitAll(messages -> {
            Map<String, Long> perMeter = readings(messages).stream()
                    .collect(Collectors.groupingBy(TelemetryGatewayIT::meterOf, Collectors.counting()));
            return perMeter.size() == METERS && perMeter.values().stream().allMatch(n -> n >= each);
        }, each + " readings from each of " + METERS + " meters", FLOW);
        return readings(subscriber.messages());
    }

    private static List<KuraPayload> readings(List<MqttRecorder.Message> messages) {
        return messages.stream().filter(m -> m.topic().startsWith(DATA) && m.topic().endsWith("/usage"))
                .map(m -> decode(m.payload())).toList();
    }

    /** The gateway's ids and each meter's sequence numbers, without gaps up to the highest received. */
    private static void assertNoGaps(List<MqttRecorder.Message> messages) {
        assertEquals("message ids missing", List.of(), gaps(messages));
        Map<String, SortedSet<Long>> sequences = new TreeMap<>();
        for (MqttRecorder.Message m : messages) {
            if (m.topic().startsWith(DATA)) {
                KuraPayload p = decode(m.payload());
                assertEquals("topic and meter metric disagree", m.topic().split("/")[4], meterOf(p));
                sequences.computeIfAbsent(meterOf(p), k -> new TreeSet<>())
                        .add((long) ((MetricValue.OfInt) p.metric("meter.sequence").get()).value());
            }
        }
        sequences.forEach((meter, seen) -> assertEquals("meter " + meter + " sequence gaps", seen.last() + 1,
                seen.size()));
    }

    /** Ids up to the highest received that never arrived; the outbox numbers from 1. */
    private static List<Long> gaps(List<MqttRecorder.Message> messages) {
        Set<Long> ids = ids(messages);
        List<Long> missing = new ArrayList<>();
        if (ids.isEmpty()) {
            return missing;
        }
        long max = ids.stream().mapToLong(Long::longValue).max().orElseThrow();
        for (long id = 1; id <= max; id++) {
            if (!ids.contains(id)) {
                missing.add(id);
            }
        }
        return missing;
    }

    private static long maxId(List<MqttRecorder.Message> messages) {
        return ids(messages).stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    private static Set<Long> ids(List<MqttRecorder.Message> messages) {
        Set<Long> ids = new TreeSet<>();
        for (MqttRecorder.Message m : messages) {
            if (m.topic().startsWith(DATA) || m.topic().contains("/REPLY/")) {
                decode(m.payload()).metric("message.id").ifPresent(v -> ids.add(((MetricValue.OfLong) v).value()));
            }
        }
        return ids;
    }

    private static String meterOf(KuraPayload payload) {
        return ((MetricValue.OfString) payload.metric("meter").get()).value();
    }

    private static KuraPayload decode(byte[] bytes) {
        PayloadDecodeResult result = CODEC.decode(bytes);
        if (result instanceof PayloadDecodeResult.Rejected r) {
            throw new AssertionError("not a Kura payload: " + r);
        }
        return ((PayloadDecodeResult.Decoded) result).payload();
    }

    /** Publishes a Kura request as the utility would and waits for its reply. */
    private static KuraPayload request(Mosquitto broker, MqttRecorder subscriber, String resource, String id)
            throws Exception {
        try (MqttClient utility = new MqttClient(broker.url(), "itest-utility", new MemoryPersistence())) {
            utility.connect();
            utility.publish(REQUESTS + resource, CODEC.encode(KuraPayload.builder().metric("request.id", id)
                    .metric("requester.client.id", "itest-utility").build()), 1, false);
            utility.disconnect();
        }
        String replyTopic = "$EDC/metermesh/itest-utility/METERMESH-V1/REPLY/" + id;
        return decode(subscriber.awaitFirst(m -> m.topic().equals(replyTopic), FLOW).payload());
    }
}
