package org.metermesh.itest.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standalone gateway jar run as its own process, as {@code ./metermesh run} runs it. Its output goes to files:
 * reading a process's pipes from other threads races the JDK closing them when the process exits.
 */
final class GatewayProcess implements AutoCloseable {

    static final Path GATEWAY_JAR = Path.of(System.getProperty("metermesh.gateway.jar"));
    static final Path DEFAULT_CONFIG = Path.of(System.getProperty("metermesh.default.config"));
    static final Path LOGGING = Path.of(System.getProperty("metermesh.logging.config"));

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private GatewayProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** @param properties more {@code name=value} system properties, as ./metermesh run passes its options */
    static GatewayProcess start(Path home, Path config, String... properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmetermesh.home=" + home,
                "-Dmetermesh.config=" + config,
                "-Dlaunch.storage.dir=" + home.resolve("data/felix-cache"),
                "-Djava.util.logging.config.file=" + LOGGING));
        for (String property : properties) {
            command.add("-D" + property);
        }
        command.addAll(List.of("-jar", GATEWAY_JAR.toString()));
        Path out = home.resolve("gateway.out");
        Path err = home.resolve("gateway.err");
        Process process = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new GatewayProcess(process, out, err);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits, at most {@code seconds}, for a line of standard output that contains {@code text}. */
    boolean awaitStdout(String text, long seconds) {
        return await(stdout, text, seconds);
    }

    /** Waits, at most {@code seconds}, for a line of standard output that satisfies {@code condition}. */
    boolean awaitStdoutLine(java.util.function.Predicate<String> condition, long seconds) {
        return await(stdout, condition, seconds);
    }

    /** Waits, at most {@code seconds}, for a log line (standard error) that contains {@code text}. */
    boolean awaitLog(String text, long seconds) {
        return await(stderr, text, seconds);
    }

    private boolean await(Path file, String text, long seconds) {
        return await(file, line -> line.contains(text), seconds);
    }

    private boolean await(Path file, java.util.function.Predicate<String> condition, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            boolean alive = process.isAlive();
            if (lines(file).stream().anyMatch(condition)) {
                return true;
            }
            if (!alive) {
                return false;
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Asks the gateway to stop as Ctrl-C or a service manager would (SIGTERM), and waits for its exit status. */
    int terminate(long seconds) throws InterruptedException {
        process.destroy();
        return exitStatus(seconds);
    }

    /** Kills the gateway with SIGKILL, as a power cut or the OOM killer would: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the gateway survived SIGKILL for 30 s");
        }
    }

    int exitStatus(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the gateway did not exit within " + seconds + " s; stdout " + stdout()
                    + " stderr " + stderr());
        }
        return process.exitValue();
    }

    List<String> stdout() {
        return lines(stdout);
    }

    /** Standard error without the JVM's own warnings, which are not the gateway's words. */
    List<String> stderr() {
        return lines(stderr).stream().filter(line -> !line.startsWith("WARNING: ") && !line.startsWith("Picked up ")).toList();
    }

    /** Log lines of level WARNING or worse, in the gateway's one-line log format (features/gateway/logging.properties). */
    List<String> problems() {
        return lines(stderr).stream().filter(line -> line.matches("\\S+ \\S+ (WARNING|SEVERE) .*")
                || line.contains("Exception")).toList();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
