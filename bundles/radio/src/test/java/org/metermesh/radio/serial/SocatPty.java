package org.metermesh.radio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A pty pair made by socat: the host end for the backend under test, the device end for the RCP emulator. Killing
 * socat makes both ptys vanish, as pulling a USB cable makes a ttyACM device vanish.
 */
final class SocatPty implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(10);
    private static final Duration EXIT = Duration.ofSeconds(10);

    private final Path host;
    private final Path device;
    private Process process;

    SocatPty(Path directory) {
        this.host = directory.resolve("rcp-host");
        this.device = directory.resolve("rcp-dev");
    }

    /** Fails (not skips) the test if socat is missing: .ci/run installs it. */
    static String socat() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "socat");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        Path fallback = Path.of("/usr/bin/socat");
        assertThat(Files.isExecutable(fallback)).as("socat is required for the serial pty tests (apt-get install "
                + "socat; .ci/run installs it)").isTrue();
        return fallback.toString();
    }

    Path host() {
        return host;
    }

    Path device() {
        return device;
    }

    /** Starts socat and waits (bounded) until it reports both ptys ready. */
    SocatPty start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("socat already running");
        }
        process = new ProcessBuilder(socat(), "-d", "-d",
                "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device)
                .redirectErrorStream(true)
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Process started = process;
        Thread drain = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // socat gone
            }
        }, "socat-log");
        drain.setDaemon(true);
        drain.start();
        long deadline = System.nanoTime() + READY.toNanos();
        StringBuilder log = new StringBuilder();
        while (true) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("socat did not report ready within " + READY + ":\n" + log);
            }
            log.append(line).append('\n');
            if (line.contains("starting data transfer loop")) {
                break;
            }
        }
        assertThat(Files.exists(host, LinkOption.NOFOLLOW_LINKS)).as(host.toString()).isTrue();
        assertThat(Files.exists(device, LinkOption.NOFOLLOW_LINKS)).as(device.toString()).isTrue();
        return this;
    }

    /** Terminates socat (SIGTERM: it closes both ptys and removes the links) and waits, bounded, for it. */
    void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(EXIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            assertThat(process.waitFor(EXIT.toMillis(), TimeUnit.MILLISECONDS)).as("socat exited").isTrue();
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
