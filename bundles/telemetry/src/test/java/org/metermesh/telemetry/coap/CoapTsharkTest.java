package org.metermesh.telemetry.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.testsupport.Tshark;

/**
 * DESIGN.md principle 4: our CoAP encoding, in IPv6/UDP packets to port 61616 in a LINKTYPE_IPV6 capture, read back
 * by tshark's CoAP dissector, an independent implementation: type, code, message ID, token, Uri-Path, Uri-Query,
 * Content-Format and payload must be what we encoded, with nothing malformed.
 */
class CoapTsharkTest {

    /** LINKTYPE_IPV6 (tcpdump.org link-layer header types): a raw IPv6 packet. */
    static final int LINKTYPE_IPV6 = 229;
    static final int PORT = 61616;
    static final Ipv6Address METER = Ipv6Address.parse("fd00::212:4b00:1:2");
    static final Ipv6Address GATEWAY = Ipv6Address.parse("fd00::1");
    static final List<String> FIELDS = List.of("_ws.malformed", "_ws.expert.message", "udp.dstport", "coap.version",
            "coap.type", "coap.code", "coap.mid", "coap.token", "coap.token_len", "coap.opt.uri_path",
            "coap.opt.uri_path_recon", "coap.response_to",
            "coap.opt.uri_query", "coap.opt.ctype", "coap.payload_length", "data.data");

    @TempDir
    Path dir;

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static CoapMessage message(CoapType type, CoapCode code, int mid, byte[] token, List<CoapOption> options,
            byte[] payload) {
        return new CoapMessage(type, code, mid, token, options, payload);
    }

    @Test
    void tsharkReadsWhatWeEncoded() throws Exception {
        byte[] apdu = bytes("c001c100030100010800ff0200");  // a DLMS GET.request-like APDU: binary, not text
        List<CoapMessage> messages = List.of(
                CoapMessage.request(CoapType.CON, CoapCode.POST, "/u", apdu).withMessageId(0x1234)
                        .withToken(new byte[] {1}).withOption(CoapOption.contentFormat(42)),
                CoapMessage.piggybackedResponse(
                        CoapMessage.request(CoapType.CON, CoapCode.POST, "/u", apdu).withMessageId(0x1234)
                                .withToken(new byte[] {1}), CoapCode.CHANGED, List.of(), new byte[0]),
                CoapMessage.emptyAck(0xfffe),
                CoapMessage.reset(0),
                message(CoapType.NON, CoapCode.CONTENT, 7, bytes("0102"), List.of(CoapOption.contentFormat(42)),
                        apdu),
                CoapMessage.request(CoapType.NON, CoapCode.GET, "/meter/a-segment-longer-than-thirteen", new byte[0])
                        .withMessageId(0xabcd).withToken(bytes("0102030405060708"))
                        .withOption(CoapOption.uriQuery("id=7")).withOption(CoapOption.uriQuery("full")),
                CoapMessage.request(CoapType.CON, CoapCode.PUT, "/c", new byte[300]).withMessageId(1));
        List<byte[]> packets = new ArrayList<>();
        for (CoapMessage m : messages) {
            packets.add(Ipv6Packet.builder().hopLimit(64).source(METER).destination(GATEWAY)
                    .udp(PORT, PORT, CoapCodec.encode(m)).build().encode());
        }
        Path pcap = dir.resolve("coap.pcap");
        writePcap(pcap, packets);

        List<Map<String, String>> rows = Tshark.read(pcap, dir, List.of("-d", "udp.port==" + PORT + ",coap"),
                FIELDS);
        assertThat(rows).hasSize(messages.size());
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < messages.size(); i++) {
            CoapMessage m = messages.get(i);
            Map<String, String> row = rows.get(i);
            String what = m + ": " + row;
            assertThat(row.get("_ws.malformed")).as(what).isEmpty();
            assertThat(row.get("_ws.expert.message")).as(what).isEmpty();
            assertThat(row.get("udp.dstport")).as(what).isEqualTo(String.valueOf(PORT));
            assertThat(row.get("coap.version")).as(what).isEqualTo("1");
            assertThat(row.get("coap.type")).as(what).isEqualTo(String.valueOf(m.type().bits()));
            assertThat(row.get("coap.code")).as(what).isEqualTo(String.valueOf(m.code().toByte()));
            assertThat(row.get("coap.mid")).as(what).isEqualTo(String.valueOf(m.messageId()));
            assertThat(row.get("coap.token_len")).as(what).isEqualTo(String.valueOf(m.tokenLength()));
            assertThat(row.get("coap.token")).as(what).isEqualTo(hex.formatHex(m.token()));
            List<String> segments = m.options(CoapOption.URI_PATH).stream().map(CoapOption::stringValue).toList();
            assertThat(row.get("coap.opt.uri_path")).as(what)
                    .isEqualTo(String.join(String.valueOf(Tshark.AGGREGATOR), segments));
            if (m.code().isRequest()) {
                assertThat(row.get("coap.opt.uri_path_recon")).as(what).isEqualTo(m.uriPath());
            }
            assertThat(row.get("coap.opt.uri_query")).as(what)
                    .isEqualTo(String.join(String.valueOf(Tshark.AGGREGATOR), m.uriQuery()));
            assertThat(row.get("coap.opt.ctype")).as(what)
                    .isEqualTo(m.contentFormat().isPresent() ? "application/octet-stream" : "");
            assertThat(row.get("coap.payload_length")).as(what)
                    .isEqualTo(m.payloadLength() == 0 ? "" : String.valueOf(m.payloadLength()));
            assertThat(row.get("data.data")).as(what).isEqualTo(hex.formatHex(m.payload()));
        }
        // tshark matched the piggybacked 2.04 to the POST by token and message ID, and carried its path over
        assertThat(rows.get(1).get("coap.response_to")).isEqualTo("1");
        assertThat(rows.get(1).get("coap.opt.uri_path_recon")).isEqualTo("/u");
    }

    /**
     * What two endpoints really send for a slow handler (RFC 7252 5.2.2): CON POST, Empty ACK after the separate-ACK
     * delay, CON 2.04 with the request's token, Empty ACK. tshark must pair the response with the request by token.
     * (tshark 4.0 pairs only non-empty tokens, one reason why the endpoint's tokens start at 1.)
     */
    @Test
    void tsharkPairsASeparateResponseFromTheEndpointsWithItsRequest() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler(3);
        Map<Ipv6Address, CoapEndpoint<Ipv6Address>> nodes = new java.util.HashMap<>();
        List<byte[]> packets = new ArrayList<>();
        CoapHandler<Ipv6Address> slow = exchange -> scheduler.schedule(Duration.ofSeconds(3),
                () -> exchange.respond(CoapCode.CHANGED, "stored".getBytes(StandardCharsets.US_ASCII)));
        for (Ipv6Address self : List.of(METER, GATEWAY)) {
            CoapTransport<Ipv6Address> wire = (peer, datagram) -> {
                packets.add(Ipv6Packet.builder().hopLimit(64).source(self).destination(peer)
                        .udp(PORT, PORT, datagram).build().encode());
                scheduler.schedule(Duration.ofMillis(100), () -> nodes.get(peer).receive(self, datagram));
            };
            nodes.put(self, new CoapEndpoint<>(scheduler, wire, CoapConfig.DEFAULTS, new Counters(),
                    self.equals(GATEWAY) ? slow : CoapHandler.notFound(), new CoapEndpointListener<>() { }));
        }
        var response = nodes.get(METER).request(GATEWAY, CoapMessage.request(CoapType.CON, CoapCode.POST, "/u",
                bytes("c001c100030100010800ff0200"))).toCompletableFuture();
        scheduler.runFor(Duration.ofSeconds(10));
        assertThat(response.join().payloadString()).isEqualTo("stored");
        Path pcap = dir.resolve("separate.pcap");
        writePcap(pcap, packets);

        List<Map<String, String>> rows = Tshark.read(pcap, dir, List.of("-d", "udp.port==" + PORT + ",coap"),
                List.of("_ws.malformed", "_ws.expert.message", "ipv6.src", "coap.type", "coap.code", "coap.mid",
                        "coap.token", "coap.opt.uri_path_recon", "coap.payload_length"));
        assertThat(rows).hasSize(4);
        assertThat(rows).extracting(r -> r.get("ipv6.src")).containsExactly(METER.toString(), GATEWAY.toString(),
                GATEWAY.toString(), METER.toString());
        assertThat(rows).extracting(r -> r.get("coap.type")).containsExactly("0", "2", "0", "2");
        assertThat(rows).extracting(r -> r.get("coap.code")).containsExactly("2", "0", "68", "0");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("_ws.malformed") + r.get("_ws.expert.message")).isEmpty());
        assertThat(rows.get(1).get("coap.mid")).isEqualTo(rows.get(0).get("coap.mid"));
        assertThat(rows.get(3).get("coap.mid")).isEqualTo(rows.get(2).get("coap.mid"));
        assertThat(rows.get(2).get("coap.mid")).isNotEqualTo(rows.get(0).get("coap.mid"));
        assertThat(rows.get(2).get("coap.token")).isEqualTo(rows.get(0).get("coap.token"));
        // the response has no Uri-Path: tshark shows the request's, so it paired them by token
        assertThat(rows.get(2).get("coap.opt.uri_path_recon")).as("tshark pairs the separate response")
                .isEqualTo("/u");
        assertThat(rows.get(2).get("coap.payload_length")).isEqualTo("6");
    }

    /** A classic pcap file (tcpdump.org format, microsecond timestamps). */
    static void writePcap(Path file, List<byte[]> packets) throws java.io.IOException {
        int size = 24 + packets.stream().mapToInt(p -> 16 + p.length).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(LINKTYPE_IPV6);
        int second = 1_767_225_600;  // 2026-01-01
        for (byte[] packet : packets) {
            out.putInt(second++).putInt(0).putInt(packet.length).putInt(packet.length).put(packet);
        }
        Files.write(file, out.array());
    }
}
