package org.metermesh.radio.pcap;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Runs tshark (Debian package {@code tshark}; .ci/run installs it where missing) with {@code -T fields} and returns
 * one map of field name to value per frame. A missing tshark fails the test: the independent decoder is the point.
 */
final class Tshark {

    /** Severity of an expert item at "Error" level and above (Wireshark epan/proto.h PI_ERROR = 0x00800000). */
    static final long PI_ERROR = 0x0080_0000L;
    static final char AGGREGATOR = '^';

    /** Our test payloads are opaque octets: keep upper-layer heuristics from guessing ZigBee/6LoWPAN/Thread in them. */
    private static final List<String> NO_UPPER_LAYERS = List.of("zbee_nwk", "zbee_nwk_gp", "zbee_beacon",
            "zbip_beacon", "lwm", "6lowpan", "thread_bcn");

    private static final long TIMEOUT_SECONDS = 120;

    private Tshark() {
    }

    static Path executable() {
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
        throw new AssertionError("tshark is not installed: these tests need the Debian package 'tshark' "
                + "(.ci/run installs it); they fail rather than skip so that no capture goes unchecked");
    }

    /**
     * @param preferences {@code -o name:value} pairs
     * @return one map per frame, keyed by field name; multiple occurrences joined with {@link #AGGREGATOR}
     */
    static List<Map<String, String>> fields(Path pcap, Path workDir, List<String> preferences, List<String> fields)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable().toString(), "-n", "-r", pcap.toString()));
        for (String p : preferences) {
            command.add("-o");
            command.add(p);
        }
        for (String proto : NO_UPPER_LAYERS) {
            command.add("--disable-protocol");
            command.add(proto);
        }
        command.addAll(List.of("-T", "fields", "-E", "header=y", "-E", "separator=/t", "-E", "occurrence=a",
                "-E", "aggregator=" + AGGREGATOR));
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
            throw new AssertionError("tshark did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        String errors = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("tshark exit code, stderr: %s", errors).isZero();

        List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        assertThat(lines).as("tshark output").isNotEmpty();
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        assertThat(header).as("tshark knows every field").containsExactlyElementsOf(fields);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < values.length ? values[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }
}
