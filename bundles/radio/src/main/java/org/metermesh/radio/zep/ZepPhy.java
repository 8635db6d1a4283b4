package org.metermesh.radio.zep;

import org.metermesh.api.counters.Counters;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.radio.LinkState;
import org.metermesh.radio.phy.PhyListener;
import org.metermesh.radio.phy.RadioPhy;
import org.metermesh.radio.phy.Reception;
import org.metermesh.radio.phy.TxOutcome;

/**
 * A radio channel shared over UDP with ZEP v2: a gateway, external nodes and sniffers (Wireshark listening on port
 * 17754) in other processes hear one another.
 *
 * <p>Each transmitted PSDU goes out as one ZEP data packet in CRC mode (the PSDU keeps its FCS, as RIOT and Contiki
 * send it) to every configured peer and the multicast group. Received data packets on the current channel become
 * {@link Reception}s with the header's LQI and an RSSI derived from it ({@link LqiRssiMapping}); packets on other
 * channels, our own packets looped back, ZEP acks, LQI-mode packets (their PSDU carries no FCS) and malformed
 * datagrams are counted and dropped.
 *
 * <p>Threads: one receiver thread decodes datagrams, one sender thread sends them; the listener is called only in
 * tasks on the stack's {@link Scheduler}. UDP has no carrier: {@link #channelClear()} is always true, a transmission
 * is {@link TxOutcome#SENT} once handed to the network stack, and TX power has no effect. The link is UP from
 * {@link #start(PhyListener)} to {@link #close()}. ZEP's length field limits PSDUs to 127 octets, so the SUN PHYs'
 * long frames cannot be carried; longer transmissions fail.
 */
public final class ZepPhy implements RadioPhy {

    private static final Logger LOG = System.getLogger(ZepPhy.class.getName());
    /** Larger than any valid ZEP datagram, so oversized ones arrive whole enough to be rejected. */
    private static final int RECEIVE_BUFFER = 2048;

    private final ZepConfig config;
    private final Scheduler scheduler;
    private final ZepTransport transport;
    private final ZepCodec codec = new ZepCodec();
    private final LqiRssiMapping rssi;
    private final Counters counters = new Counters();
    private final ExecutorService sender;

    private volatile boolean closed;
    private volatile LinkState linkState = LinkState.DOWN;

    // Event-loop state.
    private PhyListener listener;
    private int channel;
    private int txPowerDbm;
    private boolean transmitting;
    private long sequence;

    /**
     * Binds the sockets now, so a port conflict shows when the backend is created.
     *
     * @param channel initial channel, until {@link #setChannel(int)}
     * @throws IOException if the port cannot be bound or the multicast group not joined
     */
    public ZepPhy(ZepConfig config, int channel, Scheduler scheduler) throws IOException {
        requireChannel(channel);
        this.config = config;
        this.channel = channel;
        this.scheduler = scheduler;
        this.rssi = new LqiRssiMapping(config.sensitivityDbm());
        this.transport = new ZepTransport(config);
        this.sender = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "zep-tx :" + transport.localPort());
            thread.setDaemon(true);
            return thread;
        });
    }

    public Counters counters() {
        return counters;
    }

    /** The UDP port this backend receives on; what peers send to. */
    public int localPort() {
        return transport.localPort();
    }

    @Override
    public void start(PhyListener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("already started");
        }
        this.listener = listener;
        Thread receiver = new Thread(this::receiveLoop, "zep-rx :" + transport.localPort());
        receiver.setDaemon(true);
        receiver.start();
        linkState = LinkState.UP;
        post(() -> {
            if (!closed) {
                listener.linkStateChanged(LinkState.UP);
            }
        });
    }

    @Override
    public LinkState linkState() {
        return linkState;
    }

    @Override
    public void transmit(byte[] psdu) {
        if (closed || listener == null) {
            reject("tx-rejected-link-down");
            return;
        }
        if (transmitting) {
            reject("tx-rejected-busy");
            return;
        }
        if (psdu.length < ZepCodec.MIN_PSDU || psdu.length > codec.maxPsduLength()) {
            reject("tx-rejected-length");
            return;
        }
        sequence = (sequence + 1) & 0xffffffffL;
        byte[] datagram = codec.encode(new ZepPacket.Data(channel, config.deviceId(), true, config.txLqi(),
                NtpTimestamp.of(scheduler.now()), sequence, psdu));
        transmitting = true;
        counters.increment("tx");
        try {
            sender.execute(() -> {
                TxOutcome outcome;
                try {
                    transport.send(datagram);
                    outcome = TxOutcome.SENT;
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "ZEP send failed: {0}", e.getMessage());
                    outcome = TxOutcome.FAILED;
                }
                TxOutcome result = outcome;
                post(() -> transmitDone(result));
            });
        } catch (RejectedExecutionException e) {
            transmitting = false; // closed meanwhile: no events follow
        }
    }

    private void transmitDone(TxOutcome outcome) {
        transmitting = false;
        if (closed) {
            return;
        }
        counters.increment(outcome == TxOutcome.SENT ? "tx-sent" : "tx-failed");
        listener.transmitDone(outcome);
    }

    /** Reports FAILED in a task of its own, never inside transmit(). */
    private void reject(String reason) {
        counters.increment(reason);
        post(() -> {
            if (!closed && listener != null) {
                counters.increment("tx-failed");
                listener.transmitDone(TxOutcome.FAILED);
            }
        });
    }

    /** ZEP channel ids are one octet; frames are tagged with and filtered by this channel. */
    @Override
    public void setChannel(int channel) {
        requireChannel(channel);
        this.channel = channel;
    }

    /** Remembered only: a UDP datagram has no power. */
    @Override
    public void setTxPower(int dBm) {
        this.txPowerDbm = dBm;
    }

    public int txPowerDbm() {
        return txPowerDbm;
    }

    /** Always true: UDP has no carrier to sense. */
    @Override
    public boolean channelClear() {
        return true;
    }

    /** Closes the sockets and stops both threads (waiting up to two seconds for a send); no events follow. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        linkState = LinkState.DOWN;
        transport.close();
        sender.shutdown();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void receiveLoop() {
        byte[] buffer = new byte[RECEIVE_BUFFER];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            packet.setData(buffer);
            try {
                transport.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.ERROR, "ZEP receive failed on port {0}; backend stops receiving: {1}",
                            transport.localPort(), e.getMessage());
                    counters.increment("receive-failed");
                }
                return;
            }
            received(packet);
        }
    }

    private void received(DatagramPacket packet) {
        if (transport.isOwn((InetSocketAddress) packet.getSocketAddress())) {
            counters.increment("ignored-own");
            return;
        }
        ZepDecodeResult result = codec.decode(packet.getData(), packet.getOffset(), packet.getLength());
        if (!result.isSuccess()) {
            counters.increment("dropped:" + result.rejection().reason());
            return;
        }
        if (result.packet() instanceof ZepPacket.Data data) {
            post(() -> deliver(data));
        } else {
            counters.increment("ignored-ack");
        }
    }

    private void deliver(ZepPacket.Data data) {
        if (closed) {
            return;
        }
        if (data.channel() != channel) {
            counters.increment("dropped:wrong-channel");
            return;
        }
        if (!data.crcMode()) {
            counters.increment("dropped:lqi-mode");
            return;
        }
        counters.increment("rx");
        listener.received(new Reception(data.psdu(), rssi.rssiDbm(data.lqi()), data.lqi(), data.channel(),
                scheduler.nanoTime()));
    }

    private void post(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // The event loop has stopped; nobody is listening any more.
        }
    }

    private static void requireChannel(int channel) {
        if (channel < 0 || channel > 0xff) {
            throw new IllegalArgumentException("channel " + channel + " is outside 0..255 (one ZEP octet)");
        }
    }
}
