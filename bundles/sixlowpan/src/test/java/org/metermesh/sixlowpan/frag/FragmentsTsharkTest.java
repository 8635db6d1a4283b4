package org.metermesh.sixlowpan.frag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.sixlowpan.testsupport.Bytes;
import org.metermesh.sixlowpan.testsupport.Ipv6Packets;
import org.metermesh.sixlowpan.testsupport.PcapFile;
import org.metermesh.testsupport.Tshark;
import org.metermesh.sixlowpan.testsupport.UncompressedIpv6Decompressor;

/**
 * Our fragments, checked by an independent decoder (DESIGN.md principle 4): tshark reassembles them and finds the
 * UDP checksum of the reassembled packet good, i.e. every octet landed where RFC 4944 5.3 says.
 */
class FragmentsTsharkTest {

    static final int PAN = 0xcafe;
    static final long METER = 0x0012_4b00_0000_0001L;
    static final long GATEWAY = 0x0012_4b00_0000_00ffL;

    @Test
    void tsharkReassemblesOurFragments(@TempDir Path dir) throws Exception {
        // Link-local addresses derived from the EUI-64s (RFC 4944 section 6: universal/local bit inverted).
        byte[] src = Ipv6Packets.address("fe80 0 0 0 0212 4b00 0 1");
        byte[] dst = Ipv6Packets.address("fe80 0 0 0 0212 4b00 0 ff");
        List<byte[]> frames = new ArrayList<>();
        int sequence = 0;
        int[] sizes = {1280, 700, 103};
        for (int i = 0; i < sizes.length; i++) {
            byte[] packet = Ipv6Packets.udp(src, dst, 61616, 61616, Bytes.random(sizes[i] - 48, i));
            for (byte[] payload : new Fragmenter(FragmenterTest.CLASSIC_PAYLOAD).fragment(
                    UncompressedIpv6Decompressor.compressedHeader(packet), 40,
                    Arrays.copyOfRange(packet, 40, packet.length), packet.length, 0xfffe + i & 0xffff)) {
                frames.add(PcapFile.dataFrame(sequence++, PAN, GATEWAY, METER, payload));
            }
        }
        Path pcap = dir.resolve("fragments.pcap");
        PcapFile.write(pcap, PcapFile.IEEE802_15_4_NOFCS, frames);

        List<String> lines = Tshark.lines(pcap, List.of("-o", "udp.check_checksum:TRUE", "-d", "wpan.panid==0xcafe,6lowpan", "-Y", "udp"),
                List.of("6lowpan.reassembled.length", "6lowpan.fragment.count", "ipv6.src", "ipv6.dst",
                        "udp.dstport", "udp.checksum.status", "6lowpan.fragment.error"), ',');
        assertThat(lines).containsExactly(
                "1280|14|fe80::212:4b00:0:1|fe80::212:4b00:0:ff|61616|1|",
                "700|8|fe80::212:4b00:0:1|fe80::212:4b00:0:ff|61616|1|",
                "103|2|fe80::212:4b00:0:1|fe80::212:4b00:0:ff|61616|1|");
    }
}
