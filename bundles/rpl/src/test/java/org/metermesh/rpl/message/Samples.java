package org.metermesh.rpl.message;

import org.metermesh.api.ipv6.Ipv6Address;
import java.util.List;
import java.util.Optional;

import org.metermesh.rpl.message.RplMessage.Dao;
import org.metermesh.rpl.message.RplMessage.DaoAck;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplMessage.Dis;
import org.metermesh.rpl.message.RplOption.DagMetricContainer;
import org.metermesh.rpl.message.RplOption.DodagConfiguration;
import org.metermesh.rpl.message.RplOption.Pad1;
import org.metermesh.rpl.message.RplOption.PadN;
import org.metermesh.rpl.message.RplOption.PrefixInformation;
import org.metermesh.rpl.message.RplOption.RouteInformation;
import org.metermesh.rpl.message.RplOption.RplTarget;
import org.metermesh.rpl.message.RplOption.SolicitedInformation;
import org.metermesh.rpl.message.RplOption.TargetDescriptor;
import org.metermesh.rpl.message.RplOption.TransitInformation;
import org.metermesh.rpl.message.RplOption.Unknown;
import org.metermesh.rpl.testsupport.Hex;

/** Messages that between them use every field and every option type, for round-trip, fuzz and tshark tests. */
final class Samples {

    static final Ipv6Address ROOT = Ipv6Address.parse("fd00::1");
    static final Ipv6Address METER = Ipv6Address.parse("fd00::212:4b00:1:2");
    static final Ipv6Address PARENT = Ipv6Address.parse("fd00::212:4b00:1:1");

    static final DodagConfiguration CONFIG = new DodagConfiguration(false, 7, 8, 12, 10, 1024, 128, 1, 120, 60);
    static final PrefixInformation PREFIX = new PrefixInformation(64, false, true, false, 0xffff_ffffL, 0xffff_ffffL,
            Ipv6Address.parse("fd00::"));
    /** An RFC 6551 ETX object: type 7, no flags, length 2, ETX 256 (2.0). */
    static final DagMetricContainer ETX_METRIC = new DagMetricContainer(Hex.bytes("07 0000 02 0100"));

    private Samples() {
    }

    static List<RplMessage> all() {
        return List.of(
                new Dis(),
                new Dis(List.of(new SolicitedInformation(0x1e, true, true, true, ROOT, 240))),
                new Dis(List.of(Pad1.INSTANCE, new PadN(7), new SolicitedInformation(0, false, false, false,
                        Ipv6Address.UNSPECIFIED, 0))),
                new Dio(0x1e, 240, 256, true, Dio.MOP_NON_STORING, 0, 240, ROOT, List.of(CONFIG, PREFIX)),
                new Dio(0x1e, 241, 0x2a7, false, Dio.MOP_STORING_MULTICAST, 7, 3, ROOT,
                        List.of(ETX_METRIC, new RouteInformation(48, 1, 3600, Ipv6Address.parse("2001:db8:1::")),
                                new RouteInformation(0, 3, 0, Ipv6Address.UNSPECIFIED), new PadN(2),
                                new RouteInformation(128, 0, 0xffff_ffffL, METER))),
                new Dio(0x80, 0, 0xffff, false, Dio.MOP_NO_DOWNWARD_ROUTES, 0, 0, ROOT, List.of()),
                new Dao(0x1e, true, 5, Optional.of(ROOT), List.of(RplTarget.host(METER),
                        new TransitInformation(false, 0x80, 1, 30, Optional.of(PARENT)),
                        new TransitInformation(false, 0x40, 1, 30, Optional.of(ROOT)))),
                new Dao(0x1e, false, 250, Optional.empty(), List.of(new RplTarget(64, Ipv6Address.parse("2001:db8::")),
                        new TargetDescriptor(0xdead_beefL),
                        new TransitInformation(true, 0, 255, TransitInformation.NO_PATH, Optional.empty()))),
                new DaoAck(0x1e, 5, DaoAck.STATUS_ACCEPTED, Optional.empty(), List.of()),
                new DaoAck(0x1e, 6, 128, Optional.of(ROOT), List.of(Pad1.INSTANCE, new PadN(3))),
                new Dio(0x1e, 240, 256, false, Dio.MOP_NON_STORING, 0, 240, ROOT,
                        List.of(new Unknown(0x0a, Hex.bytes("010203")), new Unknown(0xff, new byte[0]), CONFIG)));
    }
}
