package org.metermesh.radio.pcap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs tshark (Debian package {@code tshark}; .ci/run installs it where missing) with {@code -T fields} and returns
 * one map of field name to value per frame. A missing tshark fails the test: the independent decoder is the point.
 */
final class Tshark {

    /** Severity of an expert item at "Error" level and above (Wireshark epan/proto.h PI_ERROR = 0x00800000). */
    static final long PI_ERROR = 0x0080_0000L;
    static final char AGGREGATOR = org.metermesh.testsupport.Tshark.AGGREGATOR;

    /** Our test payloads are opaque octets: keep upper-layer heuristics from guessing ZigBee/6LoWPAN/Thread in them. */
    private static final List<String> NO_UPPER_LAYERS = List.of("zbee_nwk", "zbee_nwk_gp", "zbee_beacon",
            "zbip_beacon", "lwm", "6lowpan", "thread_bcn");

    private Tshark() {
    }

    /**
     * @param preferences {@code -o name:value} pairs
     * @return one map per frame, keyed by field name; multiple occurrences joined with {@link #AGGREGATOR}
     */
    static List<Map<String, String>> fields(Path pcap, Path workDir, List<String> preferences, List<String> fields)
            throws IOException, InterruptedException {
        List<String> options = new ArrayList<>();
        for (String p : preferences) {
            options.add("-o");
            options.add(p);
        }
        for (String proto : NO_UPPER_LAYERS) {
            options.add("--disable-protocol");
            options.add(proto);
        }
        return org.metermesh.testsupport.Tshark.read(pcap, workDir, options, fields);
    }
}
