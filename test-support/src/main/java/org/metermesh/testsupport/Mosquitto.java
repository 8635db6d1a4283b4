package org.metermesh.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real Mosquitto broker (Debian package {@code mosquitto}, {@code /usr/sbin/mosquitto}) for tests: started on a
 * free localhost port from a config file generated in a temp directory, with its log kept for failure messages.
 * A missing broker fails the test instead of skipping it, as for {@link Tshark}.
 *
 * <p>{@link #restart()} comes back on the same port, so clients that reconnect find it again after an outage; with
 * persistence on, sessions and queued QoS 1 messages survive a {@link #stop()} (SIGTERM saves the database) but
 * not a {@link #kill()} (SIGKILL).
 */
public final class Mosquitto implements AutoCloseable {

    private static final Path EXECUTABLE = Path.of("/usr/sbin/mosquitto");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final Path config;
    private final Path log;
    private final Path output;
    private final int port;
    private Process process;

    private final boolean tls;

    private Mosquitto(Path dir, int port, boolean persistence, List<String> extra, boolean tls) throws IOException {
        this(dir, port, persistence, extra, tls, "all");
    }

    private Mosquitto(Path dir, int port, boolean persistence, List<String> extra, boolean tls, String logType)
            throws IOException {
        this.dir = dir;
        this.port = port;
        this.tls = tls;
        this.config = dir.resolve("mosquitto.conf");
        this.log = dir.resolve("mosquitto.log");
        this.output = dir.resolve("mosquitto.out");
        Files.writeString(config, String.join("\n", List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                // As root, mosquitto would otherwise switch to the 'mosquitto' user, who cannot read this dir.
                "user " + System.getProperty("user.name"),
                "persistence " + persistence,
                "persistence_location " + dir.toAbsolutePath() + "/",
                "log_dest file " + log.toAbsolutePath(),  // flushed per line; stdout to a file is not
                "log_type " + logType,
                "connection_messages true",
                String.join("\n", extra),
                "")), StandardCharsets.UTF_8);
    }

    /** Starts a broker without persistence in a new temp directory. */
    public static Mosquitto start() throws IOException {
        return start(false);
    }

    /** Starts a broker on a free port; {@code persistence} keeps sessions and queued messages across stop/start. */
    public static Mosquitto start(boolean persistence) throws IOException {
        Mosquitto broker = new Mosquitto(Files.createTempDirectory("mosquitto-"), freePort(), persistence,
                List.of(), false);
        broker.launch();
        return broker;
    }

    /**
     * Starts a broker without persistence that logs only errors and warnings: for benchmarks, where the per-packet
     * debug log of the other brokers (a line written and flushed for every PUBLISH and PUBACK) would slow it down.
     */
    public static Mosquitto startQuiet() throws IOException {
        Mosquitto broker = new Mosquitto(Files.createTempDirectory("mosquitto-quiet-"), freePort(), false,
                List.of("log_type warning"), false, "error");
        broker.launch();
        return broker;
    }

    /**
     * Starts a broker whose listener speaks TLS only (no persistence), with the given PEM server certificate and
     * key; {@link #url()} is then {@code ssl://127.0.0.1:port}.
     */
    public static Mosquitto startTls(Path certPem, Path keyPem) throws IOException {
        Mosquitto broker = new Mosquitto(Files.createTempDirectory("mosquitto-tls-"), freePort(), false,
                List.of("certfile " + certPem.toAbsolutePath(), "keyfile " + keyPem.toAbsolutePath()), true);
        broker.launch();
        return broker;
    }

    public int port() {
        return port;
    }

    /** The broker's URL as Paho takes it: {@code tcp://127.0.0.1:port}, or {@code ssl://} for a TLS broker. */
    public String url() {
        return (tls ? "ssl" : "tcp") + "://127.0.0.1:" + port;
    }

    public Path logFile() {
        return log;
    }

    /** Everything the broker logged so far, over every start; for failure messages. */
    public String log() {
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)\n";
            return Files.exists(output) ? text + Files.readString(output, StandardCharsets.UTF_8) : text;
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the broker with SIGTERM and waits for it to exit (it saves its database first if persistent). */
    public void stop() {
        terminate(false);
    }

    /** Kills the broker with SIGKILL: no clean close of any connection, no database save. */
    public void kill() {
        terminate(true);
    }

    /** Stops the broker (if running) and starts it again on the same port with the same config. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    /** Starts a stopped broker again on the same port. */
    public void startAgain() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("mosquitto is already running on port " + port);
        }
        launch();
    }

    @Override
    public void close() {
        kill();
    }

    private void launch() throws IOException {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new AssertionError("mosquitto is not installed at " + EXECUTABLE + ": this test needs the Debian"
                    + " package 'mosquitto' (the real broker) and fails rather than skips");
        }
        Files.writeString(log, "---- start on port " + port + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = new ProcessBuilder(EXECUTABLE.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        awaitListening();
    }

    /** Bounded await until the port accepts a TCP connection; fails early, with the log, if the broker exits. */
    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("mosquitto exited with " + process.exitValue() + " while starting on port "
                        + port + "; log:\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("mosquitto did not accept connections on port " + port + " within "
                            + START_TIMEOUT.toSeconds() + " s; log:\n" + log(), notYet);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));  // poll interval of the bounded await
            }
        }
    }

    private void terminate(boolean forcibly) {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                throw new AssertionError("mosquitto did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s of SIGTERM; killed it. Log:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping mosquitto", e);
        }
    }

    /** A port free now; the broker binds it a moment later (a small race other processes could only rarely win). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free localhost port", e);
        }
    }

    @Override
    public String toString() {
        return "mosquitto on " + url() + " (" + dir + ")";
    }
}
