package org.metermesh.radio.zep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.metermesh.testsupport.Tshark;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.platform.clock.RealTimeScheduler;
import org.metermesh.radio.phy.TxOutcome;
import org.metermesh.radio.testsupport.OnLoop;
import org.metermesh.radio.testsupport.RecordingPhyListener;

/**
 * Independent check of the ZEP encoding: datagrams our backend really sent are written into a pcap (LINKTYPE_RAW,
 * IPv4 + UDP to port 17754, headers built here) and Wireshark's dissectors, through tshark, must read back the
 * header fields we sent and dissect the 802.15.4 frame inside.
 */
class ZepTsharkTest {

    private static final String LOOP = "zep-tshark-loop";
    /** pcap LINKTYPE_RAW: the packet starts with an IPv4 or IPv6 header. */
    private static final int LINKTYPE_RAW = 101;
    private static final Duration TSHARK_LIMIT = Duration.ofSeconds(60);
    private static final String[] FIELDS = {"zep.version", "zep.type", "zep.channel_id", "zep.device_id",
        "zep.seqno", "zep.lqi", "zep.lqi_mode", "zep.length", "wpan.frame_type", "wpan.seq_no", "wpan.dst_pan",
        "wpan.dst16", "wpan.src16", "wpan.fcs_ok", "_ws.malformed", "_ws.expert", "frame.protocols"};

    @TempDir
    Path dir;

    /** One captured datagram and where it came from. */
    private record Captured(byte[] payload, int sourcePort) {
    }

    @Test
    void tsharkReadsBackTheZepHeadersAndTheFramesOurBackendSent() throws Exception {
        List<Captured> captured = new ArrayList<>();
        byte[][] frames = {
            TestFrames.data(0x11, 0xcafe, 0xffff, 0x0001, payload("first")),
            TestFrames.data(0x12, 0xcafe, 0x0002, 0x0001, payload("second")),
            TestFrames.data(0x13, 0xbeef, 0x0003, 0x0001, payload("third"))
        };
        int[] channels = {17, 20, 26};

        try (DatagramSocket sniffer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                RealTimeScheduler scheduler = new RealTimeScheduler(LOOP, Duration.ofSeconds(1))) {
            sniffer.setSoTimeout((int) RecordingPhyListener.WAIT.toMillis());
            RecordingPhyListener listener = new RecordingPhyListener(LOOP);
            ZepConfig config = ZepConfig.unicast(0, List.of((InetSocketAddress) sniffer.getLocalSocketAddress()),
                    0x0a0b).withTxLqi(201);
            try (ZepPhy phy = new ZepPhy(config, channels[0], scheduler)) {
                phy.start(listener);
                for (int i = 0; i < frames.length; i++) {
                    int channel = channels[i];
                    byte[] frame = frames[i];
                    OnLoop.run(scheduler, () -> {
                        phy.setChannel(channel);
                        phy.transmit(frame);
                    });
                    assertThat(listener.nextOutcome()).isEqualTo(TxOutcome.SENT);
                    DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                    sniffer.receive(packet);
                    captured.add(new Captured(Arrays.copyOf(packet.getData(), packet.getLength()),
                            packet.getPort()));
                }
            }
        }
        // LQI mode (last two PSDU octets are CC24xx metadata: RSSI, CRC-OK bit | correlation) and an ack, from
        // the codec: Wireshark shows zep.lqi only in LQI mode.
        ZepCodec codec = new ZepCodec();
        byte[] withMetadata = TestFrames.data(0x14, 0xcafe, 0xffff, 0x0009, payload("lqi mode"));
        withMetadata[withMetadata.length - 2] = (byte) -40;
        withMetadata[withMetadata.length - 1] = (byte) (0x80 | 0x6c);
        captured.add(new Captured(codec.encode(new ZepPacket.Data(15, 7, false, 123,
                NtpTimestamp.of(Instant.now()), 99, withMetadata)), 40000));
        captured.add(new Captured(codec.encode(new ZepPacket.Ack(0xdeadbeefL)), 40000));

        Path pcap = dir.resolve("zep.pcap");
        writePcap(pcap, captured);
        List<String[]> rows = runTshark(pcap);

        assertThat(rows).hasSize(5);
        for (int i = 0; i < frames.length; i++) {
            String[] row = rows.get(i);
            assertThat(field(row, "frame.protocols")).endsWith("udp:zep:wpan:data");
            assertThat(field(row, "zep.version")).isEqualTo("2");
            assertThat(field(row, "zep.type")).isEqualTo("1");
            assertThat(field(row, "zep.channel_id")).isEqualTo(String.valueOf(channels[i]));
            assertThat(field(row, "zep.device_id")).isEqualTo(String.valueOf(0x0a0b));
            assertThat(field(row, "zep.seqno")).isEqualTo(String.valueOf(i + 1));
            assertThat(field(row, "zep.lqi_mode")).isIn("1", "True");
            // Wireshark hides the LQI in CRC mode; where a version shows it, it must be ours.
            assertThat(field(row, "zep.lqi")).isIn("", "201");
            assertThat(field(row, "zep.length")).isEqualTo(String.valueOf(frames[i].length));
            assertThat(field(row, "wpan.frame_type")).isEqualTo("0x0001");
            assertThat(field(row, "wpan.seq_no")).isEqualTo(String.valueOf(0x11 + i));
            assertThat(field(row, "wpan.fcs_ok")).isIn("1", "True");
            assertThat(field(row, "_ws.malformed")).isEmpty();
            assertThat(field(row, "_ws.expert")).isEmpty();
        }
        assertThat(field(rows.get(0), "wpan.dst_pan")).isEqualTo("0xcafe");
        assertThat(field(rows.get(0), "wpan.dst16")).isEqualTo("0xffff");
        assertThat(field(rows.get(0), "wpan.src16")).isEqualTo("0x0001");
        assertThat(field(rows.get(2), "wpan.dst_pan")).isEqualTo("0xbeef");
        assertThat(field(rows.get(2), "wpan.dst16")).isEqualTo("0x0003");

        String[] lqiMode = rows.get(3);
        assertThat(field(lqiMode, "zep.lqi_mode")).isIn("0", "False");
        assertThat(field(lqiMode, "zep.lqi")).isEqualTo("123");
        assertThat(field(lqiMode, "zep.channel_id")).isEqualTo("15");
        assertThat(field(lqiMode, "zep.seqno")).isEqualTo("99");
        assertThat(field(lqiMode, "wpan.seq_no")).isEqualTo(String.valueOf(0x14));
        assertThat(field(lqiMode, "wpan.fcs_ok")).isIn("1", "True");
        assertThat(field(lqiMode, "_ws.malformed")).isEmpty();

        String[] ack = rows.get(4);
        assertThat(field(ack, "zep.type")).isEqualTo("2");
        assertThat(field(ack, "zep.seqno")).isEqualTo(String.valueOf(0xdeadbeefL));
        assertThat(field(ack, "_ws.malformed")).isEmpty();
    }

    private static byte[] payload(String text) {
        // 0x01: 6LoWPAN "not a LoWPAN frame" dispatch, so Wireshark shows the rest as data.
        return ("\u0001" + text).getBytes(StandardCharsets.US_ASCII);
    }

    /** One array of {@link #FIELDS} per ZEP packet; the payload is opaque test data the heuristics must not claim. */
    private static List<String[]> runTshark(Path pcap) throws IOException, InterruptedException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Tshark.lines(pcap, List.of("--disable-heuristic", "lwm_wlan", "--disable-heuristic",
                "6lowpan_wlan"), List.of(FIELDS), ',')) {
            rows.add(line.split("\\|", -1));
        }
        return rows;
    }

    private static String field(String[] row, String name) {
        for (int i = 0; i < FIELDS.length; i++) {
            if (FIELDS[i].equals(name)) {
                return row[i];
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** Classic pcap (microsecond timestamps), each datagram in IPv4 + UDP 127.0.0.1:port -> 127.0.0.1:17754. */
    private static void writePcap(Path file, List<Captured> datagrams) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(LINKTYPE_RAW);
        out.writeBytes(header.array());
        long seconds = Instant.now().getEpochSecond();
        int id = 1;
        for (Captured datagram : datagrams) {
            byte[] packet = ipv4Udp(datagram.sourcePort(), ZepPacket.UDP_PORT, datagram.payload(), id++);
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            record.putInt((int) seconds).putInt(id * 1000).putInt(packet.length).putInt(packet.length);
            out.writeBytes(record.array());
            out.writeBytes(packet);
        }
        Files.write(file, out.toByteArray());
    }

    /** RFC 791 header with its checksum; RFC 768 header with checksum 0 (none, allowed over IPv4). */
    private static byte[] ipv4Udp(int sourcePort, int destinationPort, byte[] payload, int id) {
        int udpLength = 8 + payload.length;
        ByteBuffer ip = ByteBuffer.allocate(20 + udpLength);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udpLength)).putShort((short) id)
                .putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((ip.get(i) & 0xff) << 8) | (ip.get(i + 1) & 0xff);
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        ip.putShort(10, (short) ~sum);
        ip.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) udpLength)
                .putShort((short) 0).put(payload);
        return ip.array();
    }
}
