package org.metermesh.sixlowpan.iphc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.radio.frame.FcsType;
import org.metermesh.radio.frame.FrameType;
import org.metermesh.radio.frame.FrameVersion;
import org.metermesh.radio.frame.MacFrame;
import org.metermesh.radio.frame.MacFrameCodec;
import org.metermesh.radio.pcap.LinkType;
import org.metermesh.radio.pcap.PcapWriter;
import org.metermesh.radio.pcap.TapMetadata;
import org.metermesh.sixlowpan.testsupport.Ipv6Samples;
import org.metermesh.testsupport.Tshark;

/**
 * DESIGN.md principle 4: our IPHC/NHC output, in real IEEE 802.15.4 frames (the radio bundle's codec, CRC-16) in a
 * LINKTYPE 195 capture (the radio bundle's pcap writer), decoded by tshark, an independent implementation. tshark is
 * given the same contexts; it must find the addresses we compressed, the ports, the RPL option and source route, and
 * good UDP and ICMPv6 checksums, computed by tshark over the pseudo-header it rebuilt. Fails if tshark is missing.
 */
class IphcTsharkTest {

    static final int PAN = 0xcafe;
    /** Expert info severity "warning" (Wireshark epan/proto.h PI_WARN): nothing of ours may reach it. */
    static final long PI_WARN = 0x0060_0000L;
    static final ExtendedAddress METER = Ipv6Samples.METER_EUI64;
    static final ExtendedAddress GATEWAY = Ipv6Samples.GATEWAY_EUI64;
    static final ShortAddress METER_SHORT = Ipv6Samples.METER_SHORT;
    static final Ipv6Prefix MESH = Ipv6Samples.MESH_PREFIX;
    static final Ipv6Prefix HEAD_END = Ipv6Prefix.parse("2001:db8:0:1::/64");

    static final List<String> FIELDS = List.of("frame.number", "wpan.fcs_ok", "_ws.malformed",
            "_ws.expert.severity", "_ws.expert.message", "6lowpan.pattern", "6lowpan.iphc.cid",
            "ipv6.src", "ipv6.dst", "ipv6.tclass", "ipv6.flow", "ipv6.hlim", "ipv6.plen", "ipv6.nxt",
            "udp.srcport", "udp.dstport", "udp.length", "udp.checksum", "udp.checksum.status",
            "icmpv6.type", "icmpv6.code", "icmpv6.checksum", "icmpv6.checksum.status",
            "ipv6.opt.rpl.instance_id", "ipv6.opt.rpl.sender_rank", "ipv6.opt.rpl.flag.o",
            "ipv6.routing.type", "ipv6.routing.segleft", "ipv6.routing.rpl.full_address",
            "6lowpan.mesh.orig16", "6lowpan.mesh.dest64", "data.data");

    @TempDir
    Path dir;

    /** One frame to write and what tshark must find in it. */
    record Case(String name, MacAddress macSource, MacAddress macDestination, Ipv6Packet packet, byte[] lowpan) {
    }

    final ContextTable contexts = new ContextTable().set(0, MESH).set(1, HEAD_END);
    final IphcCodec codec = new IphcCodec(contexts);

    Case compressed(String name, MacAddress macSource, MacAddress macDestination, Ipv6Packet p) throws Exception {
        byte[] lowpan = codec.compress(p, macSource, macDestination);
        assertThat(codec.decompress(lowpan, macSource, macDestination)).as(name).isEqualTo(p);
        return new Case(name, macSource, macDestination, p, lowpan);
    }

    static Ipv6Address a(String s) {
        return Ipv6Address.parse(s);
    }

    List<Case> cases() throws Exception {
        Ipv6Address meterLl = Ipv6Address.linkLocal(METER);
        Ipv6Address gatewayLl = Ipv6Address.linkLocal(GATEWAY);
        Ipv6Address meterGlobal = MESH.addressOf(METER);
        Ipv6Address gatewayGlobal = MESH.withInterfaceId(1);
        Ipv6Address relayGlobal = MESH.addressOf(ShortAddress.of(0x0007));
        Ipv6Address shortLl = Ipv6Address.linkLocal(METER_SHORT);
        List<Case> cases = new ArrayList<>();

        cases.add(compressed("UDP 61616 link-local, both addresses from the MAC", METER, GATEWAY,
                Ipv6Samples.telemetry(meterLl, gatewayLl, "kWh=1234.5")));
        cases.add(compressed("UDP 50000 -> 61616 global through context 0 (SAM=11, DAM=01)", METER, GATEWAY,
                Ipv6Packet.builder().hopLimit(64).source(meterGlobal).destination(gatewayGlobal)
                        .udp(50000, 61616, "alarm:tamper".getBytes(StandardCharsets.US_ASCII)).build()));
        cases.add(compressed("ICMPv6 echo request from a short address", METER_SHORT, GATEWAY,
                Ipv6Samples.echoRequest(shortLl, gatewayLl, 0x4d4d, 1, "ping".getBytes(StandardCharsets.US_ASCII))));
        cases.add(compressed("RPL DIO to ff02::1a", METER, ShortAddress.BROADCAST,
                Ipv6Samples.dio(meterLl, 0x1e, 2, 0x0200, gatewayGlobal)));
        cases.add(compressed("ICMPv6 echo to the head-end through context 1 (CID octet)", METER, METER_SHORT,
                Ipv6Samples.echoRequest(meterGlobal, HEAD_END.addressOf(METER_SHORT), 7, 8, new byte[] {1, 2, 3})));
        cases.add(compressed("UDP up with the RPL Option (NHC EID 0), TF=00, hop limit inline", METER, GATEWAY,
                Ipv6Samples.telemetryWithRplOption(meterGlobal, gatewayGlobal, 0x1e, 0x0300, "kWh=1234.6")
                        .toBuilder().trafficClass(0xb8).flowLabel(0x12345).build()));
        Ipv6Packet down = Ipv6Samples.sourceRoutedCommand(gatewayGlobal,
                List.of(relayGlobal, MESH.addressOf(ShortAddress.of(0x0008)), meterGlobal), "disconnect");
        down = down.toBuilder().udp(61616, 61617, "disconnect".getBytes(StandardCharsets.US_ASCII)).build();
        cases.add(compressed("UDP down a source route (NHC EID 1)", GATEWAY, ShortAddress.of(0x0007), down));
        cases.add(compressed("UDP to a unicast-prefix-based multicast group (M=1 DAC=1)", METER,
                ShortAddress.BROADCAST, Ipv6Samples.telemetry(meterGlobal, a("ff35:40:fd00:0:0:1:0:1"), "all")));
        cases.add(compressed("UDP to a 48-bit multicast group, TF=01", METER, ShortAddress.BROADCAST,
                Ipv6Packet.builder().flowLabel(0xfedcb).hopLimit(1).source(meterLl).destination(a("ff02::1:ff00:42"))
                        .udp(50001, 50002, new byte[] {0x40}).build()));

        // a mesh header (RFC 4944 5.2): the IIDs come from originator and final destination, not the last hop
        MeshHeader mesh = new MeshHeader(METER_SHORT, GATEWAY, 4);
        Ipv6Packet viaMesh = Ipv6Samples.telemetry(shortLl, gatewayLl, "kWh=7.0");
        byte[] iphc = codec.compress(viaMesh, mesh.originator(), mesh.finalDestination());
        byte[] meshed = new byte[mesh.length() + iphc.length];
        mesh.writeTo(meshed, 0);
        System.arraycopy(iphc, 0, meshed, mesh.length(), iphc.length);
        assertThat(codec.decompress(meshed, ShortAddress.of(0x0007), GATEWAY)).isEqualTo(viaMesh);
        cases.add(new Case("UDP under a mesh header", ShortAddress.of(0x0007), GATEWAY, viaMesh, meshed));

        // the uncompressed IPv6 dispatch (RFC 4944 5.1)
        Ipv6Packet plain = Ipv6Samples.telemetry(meterLl, gatewayLl, "raw");
        cases.add(new Case("uncompressed IPv6 dispatch", METER, GATEWAY, plain, IphcCodec.encodeUncompressed(plain)));
        return cases;
    }

    @Test
    void tsharkDecodesWhatWeCompressed() throws Exception {
        List<Case> cases = cases();
        MacFrameCodec mac = MacFrameCodec.classic();
        Path pcap = dir.resolve("iphc.pcap");
        try (OutputStream out = Files.newOutputStream(pcap);
                PcapWriter writer = new PcapWriter(out, LinkType.IEEE802_15_4_WITHFCS)) {
            int seq = 0;
            for (Case c : cases) {
                MacFrame frame = MacFrame.builder(FrameType.DATA, FrameVersion.IEEE_802_15_4_2006).sequenceNumber(seq)
                        .intraPan(PAN, c.macDestination(), c.macSource()).payload(c.lowpan()).build();
                writer.write(1_767_225_600_000_000L + 1000L * seq++, mac.encode(frame), 0, mac.psduLength(frame),
                        TapMetadata.of(FcsType.CRC16));
            }
        }
        List<String> options = List.of(
                "-o", "wpan.fcs_format:ITU-T CRC-16",
                "-o", "6lowpan.context0:" + MESH,
                "-o", "6lowpan.context1:" + HEAD_END,
                "-o", "udp.check_checksum:TRUE",
                "--disable-heuristic", "6lowpan_wlan",
                "-d", "wpan.panid==0x" + Integer.toHexString(PAN) + ",6lowpan");
        List<Map<String, String>> rows = Tshark.read(pcap, dir, options, FIELDS);
        assertThat(rows).hasSize(cases.size());

        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Map<String, String> row = rows.get(i);
            Ipv6Packet p = c.packet();
            String what = c.name() + ": " + row;
            assertThat(row.get("wpan.fcs_ok")).as(what).isEqualTo("1");
            assertThat(row.get("_ws.malformed")).as(what).isEmpty();
            for (String severity : row.get("_ws.expert.severity").split("\\" + Tshark.AGGREGATOR)) {
                assertThat(severity.isEmpty() ? 0 : Long.parseLong(severity)).as("expert severity, " + what)
                        .isLessThan(PI_WARN);
            }
            assertThat(row.get("ipv6.src")).as("source of " + what).isEqualTo(p.source().toString());
            assertThat(row.get("ipv6.dst")).as("destination of " + what).isEqualTo(p.destination().toString());
            assertThat(Integer.decode(row.get("ipv6.tclass"))).as(what).isEqualTo(p.trafficClass());
            assertThat(Integer.decode(row.get("ipv6.flow"))).as(what).isEqualTo(p.flowLabel());
            assertThat(row.get("ipv6.hlim")).as(what).isEqualTo(String.valueOf(p.hopLimit()));
            assertThat(row.get("ipv6.plen")).as(what).isEqualTo(String.valueOf(p.payloadLength()));
            if (p.upperLayerProtocol() == Ipv6Packet.UDP) {
                var udp = p.udp();
                assertThat(row.get("udp.srcport")).as(what).isEqualTo(String.valueOf(udp.sourcePort()));
                assertThat(row.get("udp.dstport")).as(what).isEqualTo(String.valueOf(udp.destinationPort()));
                assertThat(row.get("udp.length")).as(what).isEqualTo(String.valueOf(udp.length()));
                assertThat(Integer.decode(row.get("udp.checksum"))).as(what).isEqualTo(udp.checksum());
                assertThat(row.get("udp.checksum.status")).as("UDP checksum good, " + what).isEqualTo("1");
                // the 6LoWPAN dissector also shows NHC extension header bodies as data: the payload is the last
                String[] data = row.get("data.data").split("\\" + Tshark.AGGREGATOR);
                assertThat(data[data.length - 1]).as(what).isEqualTo(java.util.HexFormat.of().formatHex(udp.data()));
            } else {
                var icmp = p.icmpv6();
                assertThat(row.get("icmpv6.type")).as(what).isEqualTo(String.valueOf(icmp.type()));
                assertThat(row.get("icmpv6.code")).as(what).isEqualTo(String.valueOf(icmp.code()));
                assertThat(Integer.decode(row.get("icmpv6.checksum"))).as(what).isEqualTo(icmp.checksum());
                assertThat(row.get("icmpv6.checksum.status")).as("ICMPv6 checksum good, " + what).isEqualTo("1");
            }
            p.rplOption().ifPresent(rpl -> {
                assertThat(Integer.decode(row.get("ipv6.opt.rpl.instance_id"))).as(what).isEqualTo(rpl.instanceId());
                assertThat(Integer.decode(row.get("ipv6.opt.rpl.sender_rank"))).as(what).isEqualTo(rpl.senderRank());
                assertThat(row.get("ipv6.opt.rpl.flag.o")).as(what).isEqualTo(rpl.down() ? "1" : "0");
            });
            p.sourceRoute().ifPresent(srh -> {
                assertThat(row.get("ipv6.routing.type")).as(what).isEqualTo("3");
                assertThat(row.get("ipv6.routing.segleft")).as(what).isEqualTo(String.valueOf(srh.segmentsLeft()));
                List<String> route = srh.addresses(p.destination()).stream().map(Ipv6Address::toString).toList();
                assertThat(row.get("ipv6.routing.rpl.full_address"))
                        .as(what).isEqualTo(String.join(String.valueOf(Tshark.AGGREGATOR), route));
            });
        }
        assertThat(rows.get(2).get("icmpv6.type")).isEqualTo("128");
        assertThat(rows.get(3).get("icmpv6.type")).isEqualTo("155");
        assertThat(rows.get(4).get("6lowpan.iphc.cid")).as("context 1 needs the CID octet").isEqualTo("1");
        assertThat(rows.get(9).get("6lowpan.mesh.orig16")).isEqualTo("0x0042");
        assertThat(rows.get(0).get("udp.dstport")).isEqualTo("61616");
    }
}
