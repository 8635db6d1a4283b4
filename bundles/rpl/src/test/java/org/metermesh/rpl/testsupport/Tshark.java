package org.metermesh.rpl.testsupport;

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
 * Runs tshark (Debian package {@code tshark}) with {@code -T fields} and returns one map of field name to value
 * per packet, repeated fields joined with {@code ^}. A missing tshark fails the test: the independent decoder is
 * the point.
 */
public final class Tshark {

    private static final long TIMEOUT_SECONDS = 120;

    private Tshark() {
    }

    private static Path executable() {
        for (String dir : ("/usr/bin" + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", ""))
                .split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "tshark");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("tshark is not installed: these tests need the Debian package 'tshark'");
    }

    public static List<Map<String, String>> fields(Path pcap, Path workDir, List<String> fields)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable().toString(), "-n", "-r", pcap.toString(),
                "-T", "fields", "-E", "header=y", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=^"));
        for (String f : fields) {
            command.add("-e");
            command.add(f);
        }
        Path stdout = workDir.resolve(pcap.getFileName() + ".tsv");
        Path stderr = workDir.resolve(pcap.getFileName() + ".stderr");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("WIRESHARK_CONFIG_DIR", Files.createDirectories(workDir.resolve("ws-config")).toString());
        Process process = pb.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tshark did not finish: " + command);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("tshark failed (" + process.exitValue() + "): "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = Arrays.copyOf(line.split("\t", -1), header.length);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], values[i] == null ? "" : values[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
