package org.metermesh.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs tshark (Debian package {@code tshark}) on a capture with {@code -T fields} and returns one map of field name to
 * value per frame. tshark is the independent decoder of DESIGN.md principle 4, so a missing tshark fails the test
 * instead of skipping it. The process wait is bounded; output goes to files so a full pipe cannot block it.
 */
public final class Tshark {

    /** Occurrences of a field repeated in one frame are joined with this. */
    public static final char AGGREGATOR = '^';

    private static final long TIMEOUT_SECONDS = 120;

    private Tshark() {
    }

    /** The tshark executable: /usr/bin/tshark, else the first on the PATH; an {@link AssertionError} if none. */
    public static Path executable() {
        Path fixed = Path.of("/usr/bin/tshark");
        if (Files.isExecutable(fixed)) {
            return fixed;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "tshark");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("tshark is not installed: this test needs the Debian package 'tshark' and fails"
                + " rather than skips, so that no capture goes unchecked by an independent decoder");
    }

    /**
     * @param options extra command-line options, e.g. {@code -o name:value} pairs
     * @return one map per frame, keyed by field name; repeated occurrences joined with {@link #AGGREGATOR}
     */
    public static List<Map<String, String>> read(Path pcap, Path workDir, List<String> options, List<String> fields)
            throws IOException, InterruptedException {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : run(pcap, workDir, options, fields, AGGREGATOR)) {
            String[] values = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                row.put(fields.get(i), i < values.length ? values[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * The same reading as one line per frame, fields joined with {@code |} and repeated occurrences with
     * {@code aggregator}: compact to assert whole frames at once.
     */
    public static List<String> lines(Path pcap, List<String> options, List<String> fields, char aggregator)
            throws IOException, InterruptedException {
        return run(pcap, pcap.toAbsolutePath().getParent(), options, fields, aggregator).stream()
                .map(line -> line.replace('\t', '|')).toList();
    }

    /** Runs tshark with a bounded wait and no personal preferences; checks it knows every field asked for. */
    private static List<String> run(Path pcap, Path workDir, List<String> options, List<String> fields,
            char aggregator) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable().toString(), "-n", "-r", pcap.toString()));
        command.addAll(options);
        command.addAll(List.of("-T", "fields", "-E", "header=y", "-E", "separator=/t", "-E", "occurrence=a",
                "-E", "aggregator=" + aggregator));
        for (String f : fields) {
            command.add("-e");
            command.add(f);
        }
        Path stdout = workDir.resolve(pcap.getFileName() + ".fields.tsv");
        Path stderr = workDir.resolve(pcap.getFileName() + ".stderr.txt");
        Path config = Files.createDirectories(workDir.resolve("wireshark-config"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("WIRESHARK_CONFIG_DIR", config.toString());  // no personal preferences
        Process process = pb.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("tshark did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        String errors = Files.readString(stderr, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("tshark exited with " + process.exitValue() + ": " + errors + "\n" + command);
        }
        List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new AssertionError("tshark printed nothing; stderr: " + errors);
        }
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        if (!header.equals(fields)) {
            throw new AssertionError("tshark does not know every field: asked " + fields + ", got " + header);
        }
        return lines.subList(1, lines.size());
    }
}
