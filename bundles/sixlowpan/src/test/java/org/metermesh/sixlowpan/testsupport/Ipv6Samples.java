package org.metermesh.sixlowpan.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.metermesh.api.ipv6.HopByHopOptions;
import org.metermesh.api.ipv6.Icmpv6Message;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.ipv6.RplOption;
import org.metermesh.api.ipv6.RplSourceRoutingHeader;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.ShortAddress;

/**
 * Sample MeterMesh packets for tests: meter telemetry over UDP 61616, ICMPv6 echo and RPL-shaped messages, with
 * link-local and mesh-prefix (global) addresses derived from the meters' MAC addresses.
 */
public final class Ipv6Samples {

    /** The mesh prefix the samples use as 6LoWPAN context 0. */
    public static final Ipv6Prefix MESH_PREFIX = Ipv6Prefix.parse("fd00:0:0:1::/64");
    /** MeterMesh application port, 0xF0B0: RFC 6282 4.3.1 compresses it to 4 bits. */
    public static final int METER_PORT = 61616;

    public static final ExtendedAddress GATEWAY_EUI64 = ExtendedAddress.of(0x0012_4b00_0000_0001L);
    public static final ExtendedAddress METER_EUI64 = ExtendedAddress.of(0x0012_4b00_1234_5678L);
    public static final ShortAddress METER_SHORT = ShortAddress.of(0x0042);

    private Ipv6Samples() {
    }

    /** A telemetry datagram from the meter to the gateway, UDP 61616 to 61616, with its checksum. */
    public static Ipv6Packet telemetry(Ipv6Address source, Ipv6Address destination, String reading) {
        return Ipv6Packet.builder().hopLimit(64).source(source).destination(destination)
                .udp(METER_PORT, METER_PORT, reading.getBytes(StandardCharsets.US_ASCII)).build();
    }

    /** An ICMPv6 echo request (RFC 4443 section 4.1) with identifier, sequence number and data. */
    public static Ipv6Packet echoRequest(Ipv6Address source, Ipv6Address destination, int id, int seq, byte[] data) {
        byte[] body = new byte[4 + data.length];
        body[0] = (byte) (id >>> 8);
        body[1] = (byte) id;
        body[2] = (byte) (seq >>> 8);
        body[3] = (byte) seq;
        System.arraycopy(data, 0, body, 4, data.length);
        return Ipv6Packet.builder().hopLimit(64).source(source).destination(destination)
                .icmpv6(Icmpv6Message.TYPE_ECHO_REQUEST, 0, body).build();
    }

    /**
     * A DIO-shaped RPL message (ICMPv6 type 155 code 1, RFC 6550 section 6.3.1): RPLInstanceID, Version, Rank,
     * G/MOP/Prf, DTSN, Flags, Reserved, DODAGID; no options. To the all-RPL-nodes group, hop limit 255.
     */
    public static Ipv6Packet dio(Ipv6Address source, int instance, int version, int rank, Ipv6Address dodagId) {
        byte[] body = new byte[24];
        body[0] = (byte) instance;
        body[1] = (byte) version;
        body[2] = (byte) (rank >>> 8);
        body[3] = (byte) rank;
        body[4] = (byte) 0x88;  // G=1, MOP=1 (non-storing), Prf=0
        body[5] = 1;            // DTSN
        dodagId.writeTo(body, 8);
        return Ipv6Packet.builder().hopLimit(255).source(source).destination(Ipv6Address.ALL_RPL_NODES)
                .icmpv6(Icmpv6Message.TYPE_RPL, 1, body).build();
    }

    /** Telemetry travelling up with the RPL Option of RFC 6553 in a Hop-by-Hop Options header. */
    public static Ipv6Packet telemetryWithRplOption(Ipv6Address source, Ipv6Address destination, int instance,
            int senderRank, String reading) {
        return Ipv6Packet.builder().hopLimit(63).source(source).destination(destination)
                .addExtensionHeader(HopByHopOptions.of(RplOption.of(false, false, false, instance, senderRank)))
                .udp(METER_PORT, METER_PORT, reading.getBytes(StandardCharsets.US_ASCII)).build();
    }

    /**
     * A command travelling down a source route (RFC 6554): the Destination Address is the first hop, the header
     * holds the rest of the route, the last address being the meter.
     */
    public static Ipv6Packet sourceRoutedCommand(Ipv6Address source, List<Ipv6Address> route, String command) {
        Ipv6Address firstHop = route.get(0);
        List<Ipv6Address> rest = route.subList(1, route.size());
        return Ipv6Packet.builder().hopLimit(64).source(source).destination(firstHop)
                .addExtensionHeader(RplSourceRoutingHeader.of(rest.size(), rest, firstHop))
                .udp(METER_PORT, METER_PORT, command.getBytes(StandardCharsets.US_ASCII)).build();
    }
}
