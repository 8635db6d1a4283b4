package org.metermesh.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Records every message a real {@code mosquitto_sub} (Debian package {@code mosquitto-clients}) receives: an MQTT
 * client independent of the Paho code under test, so what it prints is what the broker really delivered.
 *
 * <p>It subscribes with QoS 1 to {@code #} and {@code $EDC/#} by default ({@code #} does not match topics that begin
 * with {@code $}, MQTT 3.1.1 section 4.7.2) and prints each message as {@code MSG retained qos hexpayload topic}, the
 * topic last since it may hold spaces. Start returns once the broker has acknowledged the subscriptions. A persistent
 * recorder ({@link #startPersistent}) keeps its session, so with a persistent broker it loses nothing across a
 * broker restart: mosquitto_sub reconnects by itself and the broker sends what was queued meanwhile.
 */
public final class MqttRecorder implements AutoCloseable {

    /** One message as received; {@code retained} is true only for a retained message sent on subscription. */
    public record Message(String topic, byte[] payload, boolean retained, int qos) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Message m && topic.equals(m.topic) && Arrays.equals(payload, m.payload)
                    && retained == m.retained && qos == m.qos;
        }

        @Override
        public int hashCode() {
            return topic.hashCode() * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return topic + " q" + qos + (retained ? " r " : " ") + HexFormat.of().formatHex(payload);
        }
    }

    private static final String EXECUTABLE = "/usr/bin/mosquitto_sub";
    /** mosquitto_sub's stdout is block-buffered into a pipe; coreutils' stdbuf makes it line-buffered. */
    private static final String STDBUF = "/usr/bin/stdbuf";
    private static final String PREFIX = "MSG ";
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> DEFAULT_FILTERS = List.of("#", "$EDC/#");

    private final Process process;
    private final List<Message> messages = new ArrayList<>();
    private final StringBuilder clientLog = new StringBuilder();
    private int subacks;
    private boolean ended;

    private MqttRecorder(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::read, "mosquitto_sub-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Subscribes to {@code filters} (default {@code #} and {@code $EDC/#}) with a clean session. */
    public static MqttRecorder start(Mosquitto broker, String... filters) throws IOException {
        return launch(broker, null, filters);
    }

    /** Subscribes with a persistent session under {@code clientId}, so queued messages reach it after outages. */
    public static MqttRecorder startPersistent(Mosquitto broker, String clientId, String... filters)
            throws IOException {
        return launch(broker, clientId, filters);
    }

    private static MqttRecorder launch(Mosquitto broker, String clientId, String... filters) throws IOException {
        if (!java.nio.file.Files.isExecutable(java.nio.file.Path.of(EXECUTABLE))) {
            throw new AssertionError("mosquitto_sub is not installed at " + EXECUTABLE + ": this test needs the"
                    + " Debian package 'mosquitto-clients' and fails rather than skips");
        }
        List<String> command = new ArrayList<>(List.of(STDBUF, "-oL", EXECUTABLE, "-d", "-h", "127.0.0.1",
                "-p", Integer.toString(broker.port()), "-q", "1", "-k", "5", "-F", PREFIX + "%r %q %x %t"));
        if (clientId != null) {
            command.addAll(List.of("-c", "-i", clientId));
        }
        for (String filter : filters.length == 0 ? DEFAULT_FILTERS : List.of(filters)) {
            command.addAll(List.of("-t", filter));
        }
        MqttRecorder recorder = new MqttRecorder(command);
        recorder.awaitSubscribed(broker);
        return recorder;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (this) {
                    if (line.startsWith(PREFIX)) {
                        messages.add(parse(line.substring(PREFIX.length())));
                    } else {
                        clientLog.append(line).append('\n');
                        if (line.contains("received SUBACK")) {
                            subacks++;
                        }
                    }
                    notifyAll();
                }
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                clientLog.append("reader failed: ").append(e).append('\n');
            }
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** Parses {@code retained qos hex topic}; the hex is empty for an empty payload. */
    private static Message parse(String fields) {
        String[] parts = fields.split(" ", 4);
        if (parts.length != 4) {
            throw new IllegalStateException("unexpected mosquitto_sub line: " + fields);
        }
        return new Message(parts[3], HexFormat.of().parseHex(parts[2]), "1".equals(parts[0]),
                Integer.parseInt(parts[1]));
    }

    private synchronized void awaitSubscribed(Mosquitto broker) {
        long deadline = System.nanoTime() + SUBSCRIBE_TIMEOUT.toNanos();
        while (subacks == 0) {
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                close();
                throw new AssertionError("mosquitto_sub did not subscribe within " + SUBSCRIBE_TIMEOUT.toSeconds()
                        + " s; its output:\n" + clientLog + "\nbroker log:\n" + broker.log());
            }
            waitNanos(left);
        }
    }

    /** Every message so far, in arrival order. */
    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The messages so far on exactly {@code topic}. */
    public synchronized List<Message> on(String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    /** Waits until at least {@code count} messages arrived; returns them all. */
    public List<Message> awaitCount(int count, Duration timeout) {
        return awaitMatching(m -> true, count, timeout);
    }

    /** Waits for the first message matching {@code condition}. */
    public Message awaitFirst(Predicate<Message> condition, Duration timeout) {
        return awaitMatching(condition, 1, timeout).get(0);
    }

    /** Waits until at least {@code count} messages match {@code condition}; returns the matching ones in order. */
    public synchronized List<Message> awaitMatching(Predicate<Message> condition, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Message> matching = messages.stream().filter(condition).toList();
            if (matching.size() >= count) {
                return matching;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                throw new AssertionError("mosquitto_sub received " + matching.size() + " of " + count
                        + " expected messages within " + timeout.toMillis() + " ms (" + messages.size()
                        + " in all" + (ended ? "; mosquitto_sub ended" : "") + "); last received: "
                        + (messages.isEmpty() ? "none" : messages.get(messages.size() - 1))
                        + "\nmosquitto_sub output:\n" + tail(clientLog, 4000));
            }
            waitNanos(left);
        }
    }

    /**
     * Waits until the messages received so far satisfy {@code condition} (e.g. "every id seen at least once").
     *
     * @param what describes the condition for the failure message
     */
    public synchronized List<Message> awaitAll(Predicate<List<Message>> condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(messages)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                throw new AssertionError("mosquitto_sub: not within " + timeout.toMillis() + " ms: " + what + " ("
                        + messages.size() + " messages received" + (ended ? "; mosquitto_sub ended" : "")
                        + ")\nmosquitto_sub output:\n" + tail(clientLog, 4000));
            }
            waitNanos(left);
        }
        return List.copyOf(messages);
    }

    /** What mosquitto_sub printed other than messages (its -d protocol trace); for failure messages. */
    public synchronized String clientLog() {
        return clientLog.toString();
    }

    private void waitNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(this, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for mosquitto_sub", e);
        }
    }

    private static String tail(CharSequence text, int max) {
        return text.length() <= max ? text.toString() : "..." + text.subSequence(text.length() - max, text.length());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
