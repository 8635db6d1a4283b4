package org.metermesh.sixlowpan.nd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metermesh.sixlowpan.nd.NdSamples.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.sixlowpan.nd.NdMessage.NeighborSolicitation;
import org.metermesh.sixlowpan.nd.NdOption.AddressRegistration;
import org.metermesh.sixlowpan.nd.NdOption.SourceLinkLayerAddress;
import org.metermesh.sixlowpan.testsupport.Ipv6Packets;
import org.metermesh.sixlowpan.testsupport.PcapFile;
import org.metermesh.testsupport.Tshark;

/**
 * A registration exchange as the responder produces it, checked by an independent decoder (DESIGN.md principle 4):
 * tshark finds the ICMPv6 checksums good and reads the options' fields as we meant them.
 */
class NdTsharkTest {

    @Test
    void tsharkReadsOurNeighborDiscovery(@TempDir Path dir) throws Exception {
        RegistrationTable table = new RegistrationTable(new VirtualScheduler(1), 16);
        NdResponder responder = new NdResponder(RouterConfig.gateway(GATEWAY_MAC, PREFIX,
                List.of(CONTEXT_0, CONTEXT_1), 0x10002L), table);
        List<byte[]> packets = new ArrayList<>();

        exchange(responder, packets, METER_LL, ALL_ROUTERS, rs());
        exchange(responder, packets, METER_LL, GATEWAY_LL, new NeighborSolicitation(GATEWAY_LL,
                List.of(new SourceLinkLayerAddress(METER_MAC), ARO)));
        exchange(responder, packets, METER_LL, GATEWAY_LL, new NeighborSolicitation(GATEWAY_LL,
                List.of(new SourceLinkLayerAddress(ShortAddress.of(0x0002)),
                        AddressRegistration.request(60, OTHER_EUI64))));
        Path pcap = dir.resolve("nd.pcap");
        PcapFile.write(pcap, PcapFile.IPV6, packets);

        List<String> lines = Tshark.lines(pcap, List.of(), List.of("ipv6.src", "ipv6.dst", "icmpv6.type",
                "icmpv6.checksum.status", "icmpv6.opt.type", "icmpv6.opt.aro.status",
                "icmpv6.opt.aro.registration_lifetime", "icmpv6.opt.aro.eui64", "icmpv6.opt.prefix",
                "icmpv6.opt.prefix.flag.l", "icmpv6.opt.prefix.flag.a", "icmpv6.opt.6co.context_prefix",
                "icmpv6.opt.6co.flag.cid", "icmpv6.opt.6co.flag.c", "icmpv6.opt.abro.version_low",
                "icmpv6.opt.abro.version_high", "icmpv6.opt.abro.6lbr_address", "icmpv6.opt.linkaddr_eui64",
                "icmpv6.opt.linkaddr", "_ws.expert"), ',');
        // Checksum status 1 is "Good"; no expert info at all. A Length-1 (short address) link-layer option is
        // shown as a 6-octet address whose first two octets are the short address (RFC 4944 section 8).
        assertThat(lines).containsExactly(
                "fe80::212:4b00:0:1|ff02::2|133|1|1|||||||||||||00:12:4b:00:00:00:00:01|00124b0000000001|",
                "fe80::212:4b00:0:ff|fe80::212:4b00:0:1|134|1|1,3,34,34,35||||2001:db8:1:2::|0|1|"
                        + "2001:db8:1:2::,2001:db8:ffff::abcd:0|0,1|1,0|2|1|2001:db8:1:2:212:4b00:0:ff|"
                        + "00:12:4b:00:00:00:00:ff|00124b00000000ff|",
                "fe80::212:4b00:0:1|fe80::212:4b00:0:ff|135|1|1,33|0|120|00:12:4b:00:00:00:00:01||||||||||"
                        + "00:12:4b:00:00:00:00:01|00124b0000000001|",
                "fe80::212:4b00:0:ff|fe80::212:4b00:0:1|136|1|33|0|120|00:12:4b:00:00:00:00:01||||||||||||",
                "fe80::212:4b00:0:1|fe80::212:4b00:0:ff|135|1|1,33|0|60|00:12:4b:00:00:00:00:02|||||||||||"
                        + "00:02:00:00:00:00|",
                "fe80::212:4b00:0:ff|fe80::212:4b00:0:2|136|1|33|1|60|00:12:4b:00:00:00:00:02||||||||||||");
    }

    private static void exchange(NdResponder responder, List<byte[]> packets, byte[] source, byte[] destination,
            NdMessage message) {
        byte[] wire = NdCodec.encode(message, source, destination);
        packets.add(Ipv6Packets.ipv6(source, destination, 58, 255, wire));
        NdResponder.Reply reply = (NdResponder.Reply) responder.handle(source, destination, 255, wire, 0,
                wire.length);
        packets.add(Ipv6Packets.ipv6(reply.source(), reply.destination(), 58, 255, reply.icmpv6()));
    }
}
