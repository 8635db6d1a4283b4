package org.metermesh.radio.serial;

import org.metermesh.api.counters.Counters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.metermesh.radio.serial.HdlcLiteTest.bytes;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.api.radio.LinkState;
import org.metermesh.platform.clock.RealTimeScheduler;
import org.metermesh.radio.phy.Reception;
import org.metermesh.radio.phy.TxOutcome;
import org.metermesh.radio.testsupport.OnLoop;
import org.metermesh.radio.testsupport.RecordingPhyListener;

/**
 * The serial backend against the RCP emulator over a real pty pair made by socat, including a cable pull: socat is
 * killed so the port disappears, then restarted under the same name.
 */
class SerialRcpPhyPtyTest {

    private static final String LOOP = "rcp-test-loop";
    /** An IEEE 802.15.4-2006 data frame, PAN 0xcafe, 0x0001 -> broadcast, FCS not checked by the PHY. */
    private static final byte[] PSDU = bytes(0x41, 0x98, 0x2a, 0xfe, 0xca, 0xff, 0xff, 0x01, 0x00, 0x01, 0x7e,
            0x7d, 0x11, 0x00, 0x00);

    @TempDir
    Path dir;

    private final RealTimeScheduler scheduler = new RealTimeScheduler(LOOP, Duration.ofSeconds(1));
    private final RecordingPhyListener listener = new RecordingPhyListener(LOOP);
    private SocatPty pty;
    private RcpEmulator emulator;
    private SerialRcpPhy phy;

    @AfterEach
    void tearDown() throws Exception {
        if (phy != null) {
            phy.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (pty != null) {
            pty.close();
        }
        scheduler.close();
        assertThat(listener.offLoopCall()).as("listener called off the event loop").isNull();
    }

    @Test
    void channelAndTxPowerReachTheRcpOnConnectAndOnChange() throws Exception {
        startUp(config());
        awaitCommand(new RcpMessage.SetChannel(17));
        awaitCommand(new RcpMessage.SetTxPower(14));

        OnLoop.run(scheduler, () -> phy.setChannel(20));
        OnLoop.run(scheduler, () -> phy.setTxPower(-3));
        awaitCommand(new RcpMessage.SetChannel(20));
        awaitCommand(new RcpMessage.SetTxPower(-3));
        assertThat(emulator.channel).isEqualTo(20);
        assertThat(emulator.txPowerDbm).isEqualTo(-3);
        assertThat(phy.counters().snapshot()).doesNotContainKeys("rcp-status:invalid-argument", "rcp-status:failed");
    }

    @Test
    void transmissionIsSentAndItsLoopbackHeardWithRssiAndLqi() throws Exception {
        startUp(config());
        long before = scheduler.nanoTime();

        OnLoop.run(scheduler, () -> phy.transmit(PSDU));

        assertThat(listener.nextOutcome()).isEqualTo(TxOutcome.SENT);
        Reception reception = listener.nextReception();
        long after = scheduler.nanoTime();
        assertThat(reception.psdu()).isEqualTo(PSDU);
        assertThat(reception.rssiDbm()).isEqualTo(RcpEmulator.LOOPBACK_RSSI);
        assertThat(reception.lqi()).isEqualTo(RcpEmulator.LOOPBACK_LQI);
        assertThat(reception.channel()).isEqualTo(17);
        assertThat(reception.timestampNanos()).isBetween(before, after);
        assertThat(phy.counters().get("tx")).isEqualTo(1);
        assertThat(phy.counters().get("tx-sent")).isEqualTo(1);
        assertThat(phy.counters().get("rx")).isEqualTo(1);
    }

    @Test
    void busyChannelIsReportedOnTransmitAndByClearChannelAssessment() throws Exception {
        startUp(config());
        emulator.channelBusy = true;

        OnLoop.run(scheduler, () -> phy.transmit(PSDU));
        assertThat(listener.nextOutcome()).isEqualTo(TxOutcome.CHANNEL_BUSY);
        assertThat(OnLoop.call(scheduler, phy::channelClear)).isFalse();

        emulator.channelBusy = false;
        assertThat(OnLoop.call(scheduler, phy::channelClear)).isTrue();
        OnLoop.run(scheduler, () -> phy.transmit(PSDU));
        assertThat(listener.nextOutcome()).isEqualTo(TxOutcome.SENT);
        assertThat(phy.counters().get("tx-channel-busy")).isEqualTo(1);
        assertThat(phy.counters().get("cca-busy")).isEqualTo(1);
        assertThat(phy.counters().get("cca-clear")).isEqualTo(1);
    }

    @Test
    void receptionFromTheRcpReachesTheListener() throws Exception {
        startUp(config());
        byte[] heard = bytes(0x02, 0x00, 0x2a, 0x5a, 0x5b);

        emulator.send(new RcpMessage.Receive(-87, 120, 17, 123_456_789L, heard));
        emulator.send(new RcpMessage.Receive(-101, 3, 17, 123_466_789L, PSDU));

        Reception first = listener.nextReception();
        assertThat(first.psdu()).isEqualTo(heard);
        assertThat(first.rssiDbm()).isEqualTo(-87);
        assertThat(first.lqi()).isEqualTo(120);
        assertThat(first.channel()).isEqualTo(17);
        Reception second = listener.nextReception();
        assertThat(second.rssiDbm()).isEqualTo(-101);
        assertThat(second.lqi()).isEqualTo(3);
        assertThat(second.timestampNanos()).isGreaterThanOrEqualTo(first.timestampNanos())
                .isLessThanOrEqualTo(scheduler.nanoTime());
    }

    @Test
    void corruptedFramesAreCountedAndDroppedAndTheLinkStaysUp() throws Exception {
        startUp(config());
        RcpCodec codec = new RcpCodec(RcpCodec.SUN_MAX_PSDU);

        emulator.writeRaw(flipOneOctet(HdlcLiteEncoder.encode(
                codec.encode(new RcpMessage.Receive(-70, 100, 17, 1, PSDU)))));
        emulator.writeRaw(HdlcLiteEncoder.encode(bytes(0x42, 0x00)));   // no such command
        emulator.writeRaw(HdlcLiteEncoder.encode(bytes(0x86, 0xc4)));   // RECEIVE cut after the RSSI
        byte[] overLong = new byte[2100];
        Arrays.fill(overLong, (byte) 0x55);
        ByteArrayOutputStream junk = new ByteArrayOutputStream();
        junk.write(0x7e);
        junk.writeBytes(overLong);
        junk.write(0x7e);
        emulator.writeRaw(junk.toByteArray());                           // longer than any valid frame
        emulator.writeRaw(bytes(0x7e, 0x86, 0x01, 0x7d, 0x7e));          // aborted by the sender
        emulator.send(new RcpMessage.Receive(-70, 100, 17, 2, PSDU));    // then a good one

        // Input is decoded in order, so once the good frame is here every bad one before it has been counted.
        assertThat(listener.nextReception().psdu()).isEqualTo(PSDU);
        Counters counters = phy.counters();
        assertThat(counters.get("dropped:bad-fcs")).isEqualTo(1);
        assertThat(counters.get("dropped:unknown-command")).isEqualTo(1);
        assertThat(counters.get("dropped:truncated")).isEqualTo(1);
        assertThat(counters.get("dropped:too-long")).isEqualTo(1);
        assertThat(counters.get("dropped:aborted")).isEqualTo(1);
        assertThat(counters.get("rx")).isEqualTo(1);
        assertThat(phy.linkState()).isEqualTo(LinkState.UP);
        assertThat(listener.states).isEmpty();
    }

    @Test
    void unansweredTransmissionFailsAfterTheTimeout() throws Exception {
        startUp(config());
        emulator.swallowTransmissions = true;

        OnLoop.run(scheduler, () -> phy.transmit(PSDU));
        assertThat(listener.nextOutcome()).isEqualTo(TxOutcome.FAILED);
        assertThat(phy.counters().get("tx-timeout")).isEqualTo(1);

        emulator.swallowTransmissions = false;
        OnLoop.run(scheduler, () -> phy.transmit(PSDU));
        assertThat(listener.nextOutcome()).isEqualTo(TxOutcome.SENT);
        assertThat(phy.linkState()).isEqualTo(LinkState.UP);
    }

    @Test
    void secondTransmissionWhileOneIsInFlightFails() throws Exception {
        startUp(config());
        emulator.swallowTransmissions = true;

        OnLoop.run(scheduler, () -> {
            phy.transmit(PSDU);
            phy.transmit(PSDU);
        });

        assertThat(listener.nextOutcome()).isEqualTo(TxOutcome.FAILED);
        assertThat(phy.counters().get("tx-rejected-busy")).isEqualTo(1);
        assertThat(phy.counters().get("tx-timeout")).isZero();
    }

    @Test
    void cablePullReportsDownFailsTheTransmissionInFlightAndReconnectsByItself() throws Exception {
        // A long TX timeout: the FAILED below must come from the pull, not from the timer.
        startUp(config().withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(60),
                Duration.ofMillis(500)));
        emulator.swallowTransmissions = true;
        OnLoop.run(scheduler, () -> phy.transmit(PSDU));
        awaitCommand(command -> command instanceof RcpMessage.Transmit);

        pty.kill();

        assertThat(listener.nextState()).isEqualTo(LinkState.DOWN);
        assertThat(listener.nextOutcome()).isEqualTo(TxOutcome.FAILED);
        assertThat(phy.linkState()).isEqualTo(LinkState.DOWN);
        assertThat(phy.counters().get("link-down")).isEqualTo(1);
        assertThat(phy.counters().get("tx-timeout")).isZero();
        OnLoop.run(scheduler, () -> phy.transmit(PSDU));
        assertThat(listener.nextOutcome()).isEqualTo(TxOutcome.FAILED);
        assertThat(phy.counters().get("tx-rejected-link-down")).isEqualTo(1);

        emulator.close();
        pty.start();
        emulator = new RcpEmulator(pty.device());

        assertThat(listener.nextState()).isEqualTo(LinkState.UP);
        awaitCommand(new RcpMessage.SetChannel(17));
        OnLoop.run(scheduler, () -> phy.transmit(PSDU));
        assertThat(listener.nextOutcome()).isEqualTo(TxOutcome.SENT);
        assertThat(listener.nextReception().psdu()).isEqualTo(PSDU);
        assertThat(phy.counters().get("link-up")).isEqualTo(2);
    }

    @Test
    void portAbsentAtStartIsRetriedUntilItAppears() throws Exception {
        pty = new SocatPty(dir);
        CountDownLatch attempts = new CountDownLatch(2);
        SerialLink.Opener opener = JSerialCommLink.opener(pty.host().toString(), SerialRcpConfig.DEFAULT_BAUD_RATE);
        phy = new SerialRcpPhy(config(), scheduler, () -> {
            attempts.countDown();
            return opener.open();
        });
        OnLoop.run(scheduler, () -> phy.setChannel(11));
        phy.start(listener);
        assertThat(attempts.await(10, TimeUnit.SECONDS)).as("two open attempts").isTrue();
        assertThat(phy.linkState()).isEqualTo(LinkState.DOWN);
        assertThat(listener.states).isEmpty();

        pty.start();
        emulator = new RcpEmulator(pty.device());

        assertThat(listener.nextState()).isEqualTo(LinkState.UP);
        awaitCommand(new RcpMessage.SetChannel(11));
        assertThat(phy.counters().get("open-failed")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void silentRcpIsDetectedByKeepaliveAndReconnectedWhenItAnswersAgain() throws Exception {
        startUp(config().withTimeouts(Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofMillis(500)));

        emulator.answerPings = false;
        assertThat(listener.nextState()).isEqualTo(LinkState.DOWN);
        assertThat(phy.counters().get("ping-timeout")).isGreaterThanOrEqualTo(1);

        emulator.answerPings = true;
        assertThat(listener.nextState()).isEqualTo(LinkState.UP);
    }

    @Test
    void closeStopsEventsAndReleasesThePort() throws Exception {
        startUp(config());
        phy.close();
        assertThat(phy.linkState()).isEqualTo(LinkState.DOWN);

        // The port is free again: a second backend opens it and comes up.
        RecordingPhyListener second = new RecordingPhyListener(LOOP);
        try (SerialRcpPhy other = new SerialRcpPhy(config(), scheduler)) {
            other.start(second);
            assertThat(second.nextState()).isEqualTo(LinkState.UP);
        }
        assertThat(listener.states).isEmpty();
    }

    // ---- helpers ----

    private SerialRcpConfig config() {
        return SerialRcpConfig.defaults(dir.resolve("rcp-host").toString())
                .withReconnect(Duration.ofMillis(50), Duration.ofMillis(400))
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(1),
                        Duration.ofMillis(500));
    }

    /** socat pty pair, emulator, backend on channel 17 at 14 dBm; returns once the backend reported UP. */
    private void startUp(SerialRcpConfig config) throws Exception {
        pty = new SocatPty(dir).start();
        emulator = new RcpEmulator(pty.device());
        phy = new SerialRcpPhy(config, scheduler);
        OnLoop.run(scheduler, () -> {
            phy.setChannel(17);
            phy.setTxPower(14);
        });
        phy.start(listener);
        assertThat(listener.nextState()).isEqualTo(LinkState.UP);
        assertThat(phy.linkState()).isEqualTo(LinkState.UP);
    }

    private void awaitCommand(RcpMessage expected) {
        awaitCommand(expected::equals);
    }

    /** Takes commands the emulator received until one matches; bounded. */
    private void awaitCommand(Predicate<RcpMessage> matching) {
        long deadline = System.nanoTime() + RecordingPhyListener.WAIT.toNanos();
        try {
            while (true) {
                RcpMessage command = emulator.commands.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(command).as("expected command not received by the emulator").isNotNull();
                if (matching.test(command)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Flips the low bit of one octet between the flags that is neither a flag nor an escape before or after. */
    private static byte[] flipOneOctet(byte[] frame) {
        for (int i = 3; i < frame.length - 3; i++) {
            int original = frame[i] & 0xff;
            int flipped = original ^ 0x01;
            boolean special = original == 0x7e || original == 0x7d || flipped == 0x7e || flipped == 0x7d
                    || (frame[i - 1] & 0xff) == 0x7d;
            if (!special) {
                byte[] corrupted = frame.clone();
                corrupted[i] = (byte) flipped;
                return corrupted;
            }
        }
        throw new AssertionError("no octet to flip");
    }
}
