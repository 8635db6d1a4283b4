package org.metermesh.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** tshark over a simulator capture: SUN frames with CRC-32, 6LoWPAN on PAN 0xcafe. Fails when tshark is missing. */
final class Tshark {

    private Tshark() {
    }

    static List<String> fields(Path pcap, String filter, String... fields) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/tshark"))) {
            throw new AssertionError("tshark (Debian package tshark) is needed to check the simulator's capture");
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/tshark", "-n", "-r", pcap.toString(), "-o",
                "wpan.fcs_format:ITU-T CRC-32", "-o", "6lowpan.context0:fd00:cafe::/64", "-d",
                "wpan.panid==0xcafe,6lowpan", "-Y", filter, "-T", "fields"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Path out = Files.createTempFile(pcap.getParent(), "tshark", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tshark did not finish within 120 s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("tshark exited with " + process.exitValue() + ": " + command);
        }
        return Files.readAllLines(out);
    }
}
