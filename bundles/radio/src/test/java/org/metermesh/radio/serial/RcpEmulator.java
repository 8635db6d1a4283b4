package org.metermesh.radio.serial;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.metermesh.radio.phy.TxOutcome;

/**
 * The device side of the RCP protocol for tests, on the other end of a pty pair: answers PING, applies SET_CHANNEL
 * and SET_TX_POWER, answers CCA, reports TX_DONE, and loops every transmitted PSDU back as a RECEIVE so one backend
 * can hear itself. Behaviour switches are volatile fields the test flips.
 */
final class RcpEmulator implements AutoCloseable {

    static final int LOOPBACK_RSSI = -60;
    static final int LOOPBACK_LQI = 200;
    static final String FIRMWARE = "metermesh-rcp-emulator 1";

    /** Every host message decoded, in order. */
    final BlockingQueue<RcpMessage> commands = new LinkedBlockingQueue<>();
    final AtomicInteger rejectedFrames = new AtomicInteger();

    volatile boolean channelBusy;
    volatile boolean swallowTransmissions;
    volatile boolean answerPings = true;
    volatile int channel = -1;
    volatile int txPowerDbm = Integer.MIN_VALUE;

    private final SerialLink link;
    private final RcpCodec codec = new RcpCodec(RcpCodec.SUN_MAX_PSDU);
    private final Thread thread;
    private final long origin = System.nanoTime();

    RcpEmulator(Path device) throws IOException {
        this.link = JSerialCommLink.open(device.toString(), SerialRcpConfig.DEFAULT_BAUD_RATE);
        this.thread = new Thread(this::serve, "rcp-emulator");
        thread.setDaemon(true);
        thread.start();
    }

    void send(RcpMessage message) throws IOException {
        writeRaw(HdlcLiteEncoder.encode(codec.encode(message)));
    }

    void writeRaw(byte[] bytes) throws IOException {
        synchronized (link) {
            link.write(bytes);
        }
    }

    long nowMicros() {
        return (System.nanoTime() - origin) / 1000;
    }

    private void serve() {
        HdlcLiteDecoder decoder = new HdlcLiteDecoder(codec.maxPayloadLength(), new HdlcLiteDecoder.Sink() {
            @Override
            public void frame(byte[] payload) {
                RcpDecodeResult result = codec.decode(payload);
                if (result.isSuccess()) {
                    handle(result.message());
                    commands.add(result.message()); // after handling: a test seeing it sees its effect
                } else {
                    rejectedFrames.incrementAndGet();
                }
            }

            @Override
            public void rejected(HdlcRejection reason) {
                rejectedFrames.incrementAndGet();
            }
        });
        byte[] buffer = new byte[4096];
        try {
            while (true) {
                int read = link.read(buffer);
                decoder.decode(buffer, 0, read);
            }
        } catch (IOException e) {
            // pty gone or emulator closed
        }
    }

    private void handle(RcpMessage message) {
        try {
            if (message instanceof RcpMessage.Ping ping) {
                if (answerPings) {
                    send(new RcpMessage.Pong(ping.nonce(), RcpMessage.PROTOCOL_VERSION, FIRMWARE));
                }
            } else if (message instanceof RcpMessage.SetChannel set) {
                channel = set.channel();
                send(new RcpMessage.Status(RcpCommand.SET_CHANNEL, RcpStatus.OK));
            } else if (message instanceof RcpMessage.SetTxPower set) {
                txPowerDbm = set.dBm();
                send(new RcpMessage.Status(RcpCommand.SET_TX_POWER, RcpStatus.OK));
            } else if (message instanceof RcpMessage.CcaRequest) {
                send(new RcpMessage.CcaResult(!channelBusy, channelBusy ? -55 : -98));
            } else if (message instanceof RcpMessage.Transmit transmit) {
                if (swallowTransmissions) {
                    return;
                }
                if (channelBusy) {
                    send(new RcpMessage.TxDone(transmit.txId(), TxOutcome.CHANNEL_BUSY));
                    return;
                }
                send(new RcpMessage.TxDone(transmit.txId(), TxOutcome.SENT));
                send(new RcpMessage.Receive(LOOPBACK_RSSI, LOOPBACK_LQI, Math.max(channel, 0), nowMicros(),
                        transmit.psdu()));
            }
        } catch (IOException e) {
            // the host end vanished; the serve loop ends on its next read
        }
    }

    @Override
    public void close() throws InterruptedException {
        link.close();
        thread.join(5000);
    }
}
