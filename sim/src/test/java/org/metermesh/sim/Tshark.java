package org.metermesh.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** tshark over a simulator capture: SUN frames with CRC-32, 6LoWPAN on PAN 0xcafe with the mesh context. */
final class Tshark {

    private Tshark() {
    }

    /** One line per frame matching {@code filter}, its fields separated by tabs. */
    static List<String> fields(Path pcap, String filter, String... fields) throws Exception {
        List<Map<String, String>> rows = org.metermesh.testsupport.Tshark.read(pcap, pcap.getParent(),
                List.of("-o", "wpan.fcs_format:ITU-T CRC-32", "-o", "6lowpan.context0:fd00:cafe::/64", "-d",
                        "wpan.panid==0xcafe,6lowpan", "-Y", filter), List.of(fields));
        List<String> lines = new ArrayList<>();
        for (Map<String, String> row : rows) {
            List<String> values = new ArrayList<>();
            for (String field : fields) {
                values.add(row.get(field));
            }
            lines.add(String.join("\t", values));
        }
        return lines;
    }
}
