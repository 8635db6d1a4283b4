package org.metermesh.rpl.message;

import org.metermesh.api.ipv6.Ipv6Address;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.rpl.message.RplMessage.Dao;
import org.metermesh.rpl.message.RplMessage.DaoAck;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplMessage.Dis;
import org.metermesh.rpl.message.RplOption.RouteInformation;
import org.metermesh.rpl.message.RplOption.RplTarget;
import org.metermesh.rpl.message.RplOption.SolicitedInformation;
import org.metermesh.rpl.message.RplOption.TargetDescriptor;
import org.metermesh.rpl.message.RplOption.TransitInformation;
import org.metermesh.rpl.testsupport.Ipv6Packets;
import org.metermesh.rpl.testsupport.RawIpPcap;
import org.metermesh.testsupport.Tshark;

/**
 * An independent decoder (Wireshark's ICMPv6/RPL dissector, via tshark) reads what {@link RplCodec} writes: every
 * field equals what was encoded, the ICMPv6 checksum is good and nothing is flagged malformed.
 */
class RplTsharkTest {

    private static final Ipv6Address SOURCE = Ipv6Address.parse("fe80::212:4b00:1:2");

    @TempDir
    Path dir;

    @Test
    void tsharkDecodesEveryMessageAsEncoded() throws Exception {
        RplCodec codec = RplCodec.defaults();
        List<RplMessage> messages = List.of(
                new Dio(0x1e, 240, 256, true, Dio.MOP_NON_STORING, 3, 241, Samples.ROOT,
                        List.of(Samples.CONFIG, Samples.PREFIX, Samples.ETX_METRIC,
                                new RouteInformation(48, 1, 3600, Ipv6Address.parse("2001:db8:1::")))),
                new Dao(0x1e, true, 5, Optional.of(Samples.ROOT), List.of(RplTarget.host(Samples.METER),
                        new TargetDescriptor(0xdeadbeefL),
                        new TransitInformation(false, 0x80, 1, 30, Optional.of(Samples.PARENT)))),
                new Dao(0x1e, false, 6, Optional.empty(), List.of(new RplTarget(64, Ipv6Address.parse("2001:db8::")),
                        new TransitInformation(true, 0, 2, 0xff, Optional.empty()))),
                new DaoAck(0x1e, 5, 0, Optional.of(Samples.ROOT), List.of()),
                new Dis(List.of(new RplOption.PadN(3), new SolicitedInformation(0x1e, true, false, true, Samples.ROOT,
                        240))));
        List<byte[]> packets = new ArrayList<>();
        for (RplMessage m : messages) {
            packets.add(Ipv6Packets.icmpv6(SOURCE, Ipv6Address.ALL_RPL_NODES, codec.encodeIcmpv6(m)));
        }
        Path pcap = dir.resolve("rpl.pcap");
        RawIpPcap.write(pcap, packets);

        List<Map<String, String>> rows = Tshark.read(pcap, dir, List.of(), List.of("icmpv6.type", "icmpv6.code",
                "icmpv6.checksum.status", "_ws.malformed", "_ws.expert.severity",
                "icmpv6.rpl.dio.instance", "icmpv6.rpl.dio.version", "icmpv6.rpl.dio.rank", "icmpv6.rpl.dio.flag.g",
                "icmpv6.rpl.dio.flag.mop", "icmpv6.rpl.dio.flag.preference", "icmpv6.rpl.dio.dtsn",
                "icmpv6.rpl.dio.dagid", "icmpv6.rpl.opt.type", "icmpv6.rpl.opt.length",
                "icmpv6.rpl.opt.config.pcs", "icmpv6.rpl.opt.config.interval_double",
                "icmpv6.rpl.opt.config.interval_min", "icmpv6.rpl.opt.config.redundancy",
                "icmpv6.rpl.opt.config.max_rank_inc", "icmpv6.rpl.opt.config.min_hop_rank_inc",
                "icmpv6.rpl.opt.config.ocp", "icmpv6.rpl.opt.config.def_lifetime",
                "icmpv6.rpl.opt.config.lifetime_unit", "icmpv6.rpl.opt.prefix.length",
                "icmpv6.rpl.opt.config.flag.a", "icmpv6.rpl.opt.config.auth", "icmpv6.rpl.opt.prefix.valid_lifetime",
                "icmpv6.rpl.opt.prefix",
                "icmpv6.rpl.opt.metric.etx.object.etx", "icmpv6.rpl.opt.route.prefix_length",
                "icmpv6.rpl.opt.route.pref", "icmpv6.rpl.opt.route.lifetime", "icmpv6.rpl.opt.route.prefix",
                "icmpv6.rpl.dao.instance", "icmpv6.rpl.dao.flag.k", "icmpv6.rpl.dao.flag.d",
                "icmpv6.rpl.dao.sequence", "icmpv6.rpl.dao.dodagid", "icmpv6.rpl.opt.target.prefix_length",
                "icmpv6.rpl.opt.target.prefix", "icmpv6.rpl.opt.targetdesc.descriptor",
                "icmpv6.rpl.opt.transit.flag.e", "icmpv6.rpl.opt.transit.pathctl",
                "icmpv6.rpl.opt.transit.pathseq", "icmpv6.rpl.opt.transit.pathlifetime",
                "icmpv6.rpl.opt.transit.parent", "icmpv6.rpl.daoack.instance", "icmpv6.rpl.daoack.flag.d",
                "icmpv6.rpl.daoack.sequence", "icmpv6.rpl.daoack.status", "icmpv6.rpl.daoack.dodagid",
                "icmpv6.rpl.opt.solicited.instance", "icmpv6.rpl.opt.solicited.flag.v",
                "icmpv6.rpl.opt.solicited.flag.i", "icmpv6.rpl.opt.solicited.flag.d",
                "icmpv6.rpl.opt.solicited.dodagid", "icmpv6.rpl.opt.solicited.version"));
        assertThat(rows).hasSize(messages.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            assertThat(row.get("icmpv6.type")).as("packet %d", i).isEqualTo("155");
            assertThat(row.get("icmpv6.code")).isEqualTo(String.valueOf(messages.get(i).code()));
            assertThat(row.get("icmpv6.checksum.status")).as("checksum status (1 = good)").isEqualTo("1");
            assertThat(row.get("_ws.malformed")).as("packet %d malformed", i).isEmpty();
            assertThat(row.get("_ws.expert.severity")).as("packet %d expert info", i).isEmpty();
        }

        Map<String, String> dio = rows.get(0);
        assertThat(dio).containsEntry("icmpv6.rpl.dio.instance", "30").containsEntry("icmpv6.rpl.dio.version", "240")
                .containsEntry("icmpv6.rpl.dio.rank", "256").containsEntry("icmpv6.rpl.dio.flag.g", "1")
                .containsEntry("icmpv6.rpl.dio.flag.mop", "0x01").containsEntry("icmpv6.rpl.dio.flag.preference", "3")
                .containsEntry("icmpv6.rpl.dio.dtsn", "241").containsEntry("icmpv6.rpl.dio.dagid", "fd00::1")
                .containsEntry("icmpv6.rpl.opt.type", "4^8^2^3")
                .containsEntry("icmpv6.rpl.opt.length", "14^30^6^14")
                .containsEntry("icmpv6.rpl.opt.config.auth", "0")
                .containsEntry("icmpv6.rpl.opt.config.flag.a", "1") // Wireshark's name for the PIO's A flag
                .containsEntry("icmpv6.rpl.opt.config.pcs", "7")
                .containsEntry("icmpv6.rpl.opt.config.interval_double", "8")
                .containsEntry("icmpv6.rpl.opt.config.interval_min", "12")
                .containsEntry("icmpv6.rpl.opt.config.redundancy", "10")
                .containsEntry("icmpv6.rpl.opt.config.max_rank_inc", "1024")
                .containsEntry("icmpv6.rpl.opt.config.min_hop_rank_inc", "128")
                .containsEntry("icmpv6.rpl.opt.config.ocp", "1")
                .containsEntry("icmpv6.rpl.opt.config.def_lifetime", "120")
                .containsEntry("icmpv6.rpl.opt.config.lifetime_unit", "60")
                .containsEntry("icmpv6.rpl.opt.prefix.length", "64")
                .containsEntry("icmpv6.rpl.opt.prefix.valid_lifetime", "4294967295")
                .containsEntry("icmpv6.rpl.opt.prefix", "fd00::")
                .containsEntry("icmpv6.rpl.opt.metric.etx.object.etx", "256")
                .containsEntry("icmpv6.rpl.opt.route.prefix_length", "48")
                .containsEntry("icmpv6.rpl.opt.route.pref", "1")
                .containsEntry("icmpv6.rpl.opt.route.lifetime", "3600")
                .containsEntry("icmpv6.rpl.opt.route.prefix", "2001:db8:1::");

        Map<String, String> dao = rows.get(1);
        assertThat(dao).containsEntry("icmpv6.rpl.dao.instance", "30").containsEntry("icmpv6.rpl.dao.flag.k", "1")
                .containsEntry("icmpv6.rpl.dao.flag.d", "1").containsEntry("icmpv6.rpl.dao.sequence", "5")
                .containsEntry("icmpv6.rpl.dao.dodagid", "fd00::1")
                .containsEntry("icmpv6.rpl.opt.target.prefix_length", "128")
                .containsEntry("icmpv6.rpl.opt.target.prefix", "fd00::212:4b00:1:2")
                .containsEntry("icmpv6.rpl.opt.targetdesc.descriptor", "0xdeadbeef")
                .containsEntry("icmpv6.rpl.opt.transit.flag.e", "0")
                .containsEntry("icmpv6.rpl.opt.transit.pathctl", "128")
                .containsEntry("icmpv6.rpl.opt.transit.pathseq", "1")
                .containsEntry("icmpv6.rpl.opt.transit.pathlifetime", "30")
                .containsEntry("icmpv6.rpl.opt.transit.parent", "fd00::212:4b00:1:1");

        Map<String, String> storingDao = rows.get(2);
        assertThat(storingDao).containsEntry("icmpv6.rpl.dao.flag.k", "0").containsEntry("icmpv6.rpl.dao.flag.d", "0")
                .containsEntry("icmpv6.rpl.opt.target.prefix_length", "64")
                .containsEntry("icmpv6.rpl.opt.target.prefix", "2001:db8::")
                .containsEntry("icmpv6.rpl.opt.transit.flag.e", "1")
                .containsEntry("icmpv6.rpl.opt.transit.pathlifetime", "255")
                .containsEntry("icmpv6.rpl.opt.transit.parent", "");

        assertThat(rows.get(3)).containsEntry("icmpv6.rpl.daoack.instance", "30")
                .containsEntry("icmpv6.rpl.daoack.flag.d", "1").containsEntry("icmpv6.rpl.daoack.sequence", "5")
                .containsEntry("icmpv6.rpl.daoack.status", "0").containsEntry("icmpv6.rpl.daoack.dodagid", "fd00::1");

        assertThat(rows.get(4)).containsEntry("icmpv6.rpl.opt.type", "1^7")
                .containsEntry("icmpv6.rpl.opt.solicited.instance", "30")
                .containsEntry("icmpv6.rpl.opt.solicited.flag.v", "1")
                .containsEntry("icmpv6.rpl.opt.solicited.flag.i", "0")
                .containsEntry("icmpv6.rpl.opt.solicited.flag.d", "1")
                .containsEntry("icmpv6.rpl.opt.solicited.dodagid", "fd00::1")
                .containsEntry("icmpv6.rpl.opt.solicited.version", "240");
    }
}
