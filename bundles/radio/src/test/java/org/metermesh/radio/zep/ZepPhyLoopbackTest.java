package org.metermesh.radio.zep;

import org.metermesh.api.counters.Counters;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metermesh.api.radio.LinkState;
import org.metermesh.platform.clock.RealTimeScheduler;
import org.metermesh.radio.phy.Reception;
import org.metermesh.radio.phy.TxOutcome;
import org.metermesh.radio.testsupport.OnLoop;
import org.metermesh.radio.testsupport.RecordingPhyListener;

/** Two ZEP backends in one JVM exchange frames over loopback UDP. */
class ZepPhyLoopbackTest {

    private static final String LOOP = "zep-test-loop";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final byte[] FROM_A = TestFrames.data(1, 0xcafe, 0xffff, 0x0001,
            "\u0001meter A".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] FROM_B = TestFrames.data(2, 0xcafe, 0x0001, 0x0002,
            "\u0001meter B".getBytes(StandardCharsets.US_ASCII));

    private final RealTimeScheduler scheduler = new RealTimeScheduler(LOOP, Duration.ofSeconds(1));
    private final RecordingPhyListener listenerA = new RecordingPhyListener(LOOP);
    private final RecordingPhyListener listenerB = new RecordingPhyListener(LOOP);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        scheduler.close();
        assertThat(listenerA.offLoopCall()).isNull();
        assertThat(listenerB.offLoopCall()).isNull();
    }

    @Test
    void twoBackendsExchangeFramesWithLqiAndDerivedRssi() throws Exception {
        int[] ports = freePorts(2);
        ZepPhy a = start(ZepConfig.unicast(ports[0], List.of(at(ports[1])), 0x000a).withTxLqi(200), 17, listenerA);
        ZepPhy b = start(ZepConfig.unicast(ports[1], List.of(at(ports[0])), 0x000b).withTxLqi(90), 17, listenerB);

        OnLoop.run(scheduler, () -> a.transmit(FROM_A));
        assertThat(listenerA.nextOutcome()).isEqualTo(TxOutcome.SENT);
        Reception atB = listenerB.nextReception();
        assertThat(atB.psdu()).isEqualTo(FROM_A);
        assertThat(atB.lqi()).isEqualTo(200);
        assertThat(atB.rssiDbm()).isEqualTo(new LqiRssiMapping(ZepConfig.DEFAULT_SENSITIVITY_DBM).rssiDbm(200));
        assertThat(atB.channel()).isEqualTo(17);
        assertThat(atB.timestampNanos()).isLessThanOrEqualTo(scheduler.nanoTime());

        OnLoop.run(scheduler, () -> b.transmit(FROM_B));
        assertThat(listenerB.nextOutcome()).isEqualTo(TxOutcome.SENT);
        Reception atA = listenerA.nextReception();
        assertThat(atA.psdu()).isEqualTo(FROM_B);
        assertThat(atA.lqi()).isEqualTo(90);
        assertThat(a.counters().get("rx")).isEqualTo(1);
        assertThat(b.counters().get("tx-sent")).isEqualTo(1);
    }

    @Test
    void ownPacketsAreIgnored() throws Exception {
        int[] ports = freePorts(2);
        // A sends to itself as well as to B, as a shared peer list would make it.
        ZepPhy a = start(ZepConfig.unicast(ports[0], List.of(at(ports[0]), at(ports[1])), 1), 17, listenerA);
        ZepPhy b = start(ZepConfig.unicast(ports[1], List.of(at(ports[0])), 2), 17, listenerB);

        OnLoop.run(scheduler, () -> a.transmit(FROM_A));
        assertThat(listenerB.nextReception().psdu()).isEqualTo(FROM_A);
        OnLoop.run(scheduler, () -> b.transmit(FROM_B));

        // A's own datagram was queued at A before B's reply existed, so by now it has been seen and skipped.
        assertThat(listenerA.nextReception().psdu()).isEqualTo(FROM_B);
        assertThat(listenerA.receptions).isEmpty();
        assertThat(a.counters().get("ignored-own")).isEqualTo(1);
        assertThat(a.counters().get("rx")).isEqualTo(1);
    }

    @Test
    void framesOnAnotherChannelAreFilteredUntilTheReceiverTunesThere() throws Exception {
        int[] ports = freePorts(2);
        ZepPhy a = start(ZepConfig.unicast(ports[0], List.of(at(ports[1])), 1), 17, listenerA);
        ZepPhy b = start(ZepConfig.unicast(ports[1], List.of(), 2), 18, listenerB);

        OnLoop.run(scheduler, () -> a.transmit(FROM_A));
        assertThat(listenerA.nextOutcome()).isEqualTo(TxOutcome.SENT);
        OnLoop.run(scheduler, () -> a.setChannel(18));
        OnLoop.run(scheduler, () -> a.transmit(FROM_B));

        Reception reception = listenerB.nextReception();
        assertThat(reception.psdu()).isEqualTo(FROM_B);
        assertThat(reception.channel()).isEqualTo(18);
        assertThat(b.counters().get("dropped:wrong-channel")).isEqualTo(1);
        assertThat(listenerB.receptions).isEmpty();
    }

    @Test
    void malformedDatagramsAreCountedAndDropped() throws Exception {
        int[] ports = freePorts(1);
        ZepPhy b = start(ZepConfig.unicast(ports[0], List.of(), 2), 17, listenerB);
        ZepCodec codec = new ZepCodec();
        byte[] valid = codec.encode(new ZepPacket.Data(17, 9, true, 77, 0, 5, FROM_A));

        try (DatagramSocket raw = new DatagramSocket(0, LOOPBACK)) {
            send(raw, ports[0], "GET / HTTP/1.0".getBytes(StandardCharsets.US_ASCII)); // bad preamble
            send(raw, ports[0], new byte[] {'E', 'X', 1});                             // too short
            byte[] version1 = valid.clone();
            version1[2] = 1;
            send(raw, ports[0], version1);                                             // unsupported version
            byte[] cut = Arrays.copyOf(valid, valid.length - 3);
            send(raw, ports[0], cut);                                                  // truncated
            byte[] lqiMode = valid.clone();
            lqiMode[7] = 0;
            send(raw, ports[0], lqiMode);                                              // no FCS in the PSDU
            send(raw, ports[0], codec.encode(new ZepPacket.Ack(5)));                   // acks are not frames
            send(raw, ports[0], valid);
        }

        Reception reception = listenerB.nextReception();
        assertThat(reception.psdu()).isEqualTo(FROM_A);
        assertThat(reception.lqi()).isEqualTo(77);
        Counters counters = b.counters();
        assertThat(counters.get("dropped:bad-preamble")).isEqualTo(1);
        assertThat(counters.get("dropped:too-short")).isEqualTo(1);
        assertThat(counters.get("dropped:unsupported-version")).isEqualTo(1);
        assertThat(counters.get("dropped:truncated")).isEqualTo(1);
        assertThat(counters.get("dropped:lqi-mode")).isEqualTo(1);
        assertThat(counters.get("ignored-ack")).isEqualTo(1);
        assertThat(counters.get("rx")).isEqualTo(1);
        assertThat(b.linkState()).isEqualTo(LinkState.UP);
    }

    @Test
    void multicastGroupOnLoopbackIsSharedAndOwnCopiesSkipped() throws Exception {
        int port = freePorts(1)[0];
        InetAddress group = InetAddress.getByName("239.255.77.54");
        ZepPhy a = start(ZepConfig.multicast(group, port, "lo", 1), 17, listenerA);
        ZepPhy b = start(ZepConfig.multicast(group, port, "lo", 2), 17, listenerB);

        OnLoop.run(scheduler, () -> a.transmit(FROM_A));
        assertThat(listenerB.nextReception().psdu()).isEqualTo(FROM_A);
        OnLoop.run(scheduler, () -> b.transmit(FROM_B));
        assertThat(listenerA.nextReception().psdu()).isEqualTo(FROM_B);

        assertThat(listenerA.receptions).isEmpty();
        assertThat(a.counters().get("ignored-own")).isEqualTo(1);
        assertThat(a.counters().get("rx")).isEqualTo(1);
    }

    @Test
    void psduLongerThanZepCanCarryFailsAndTheLinkIsUpUntilClosed() throws Exception {
        int[] ports = freePorts(2);
        ZepPhy a = start(ZepConfig.unicast(ports[0], List.of(at(ports[1])), 1), 17, listenerA);

        OnLoop.run(scheduler, () -> a.transmit(new byte[128]));
        assertThat(listenerA.nextOutcome()).isEqualTo(TxOutcome.FAILED);
        assertThat(a.counters().get("tx-rejected-length")).isEqualTo(1);
        assertThat(OnLoop.call(scheduler, a::channelClear)).isTrue();

        a.close();
        assertThat(a.linkState()).isEqualTo(LinkState.DOWN);
        OnLoop.run(scheduler, () -> a.transmit(FROM_A));
        OnLoop.run(scheduler, () -> { }); // the rejection task, if any, has run by now
        assertThat(listenerA.outcomes).isEmpty();
    }

    private ZepPhy start(ZepConfig config, int channel, RecordingPhyListener listener) throws IOException {
        ZepPhy phy = new ZepPhy(config, channel, scheduler);
        resources.add(phy);
        phy.start(listener);
        assertThat(listener.nextState()).isEqualTo(LinkState.UP);
        return phy;
    }

    private static InetSocketAddress at(int port) {
        return new InetSocketAddress(LOOPBACK, port);
    }

    private static void send(DatagramSocket socket, int port, byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, at(port)));
    }

    /** Ports free at the time of asking; each backend binds all addresses on one of them. */
    static int[] freePorts(int count) throws IOException {
        List<DatagramSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                DatagramSocket socket = new DatagramSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            sockets.forEach(DatagramSocket::close);
        }
    }
}
