package org.metermesh.radio.medium;

import org.metermesh.api.radio.LinkState;
import org.metermesh.radio.phy.ChannelHopping;
import org.metermesh.radio.phy.PhyListener;
import org.metermesh.radio.phy.RadioPhy;
import org.metermesh.radio.phy.Reception;
import org.metermesh.radio.phy.TxOutcome;

/** One node's radio on a {@link SimulatedMedium}. Everything happens on the medium's scheduler thread. */
public final class SimulatedPhy implements RadioPhy {

    private final SimulatedMedium medium;
    private final int id;
    private final Position position;
    private int channel;
    private int txPowerDbm;
    private PhyListener listener;
    private boolean closed;
    private SimulatedMedium.Neighbours neighbours;
    /** The schedule this node listens on when no channel is pinned, or null for a fixed channel. */
    private ChannelHopping hopping;
    private long hopKey;
    private boolean pinned;

    /** The frame this node is sending, or null. */
    SimulatedMedium.Transmission transmitting;
    /** When this node's last frame ended: it could not listen before that. */
    long lastTransmissionEnd = Long.MIN_VALUE;

    SimulatedPhy(SimulatedMedium medium, int id, Position position, int channel, int txPowerDbm) {
        this.medium = medium;
        this.id = id;
        this.position = position;
        this.channel = channel;
        this.txPowerDbm = txPowerDbm;
    }

    public int id() {
        return id;
    }

    public Position position() {
        return position;
    }

    /** The channel it is on now: the fixed or pinned one, else its hopping schedule's. */
    public int channel() {
        return isHopping() ? hopping.listeningChannel(hopKey, medium.scheduler().nanoTime()) : channel;
    }

    /** Following a hopping schedule with no channel pinned. */
    boolean isHopping() {
        return hopping != null && !pinned;
    }

    ChannelHopping hopping() {
        return hopping;
    }

    long hopKey() {
        return hopKey;
    }

    public int txPowerDbm() {
        return txPowerDbm;
    }

    @Override
    public void start(PhyListener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("node " + id + " already started");
        }
        this.listener = listener;
        medium.receptionChanged(this);
    }

    @Override
    public void transmit(byte[] psdu) {
        if (closed || transmitting != null) {
            medium.scheduler().execute(() -> report(TxOutcome.FAILED));
            return;
        }
        medium.transmit(this, psdu.clone());
    }

    @Override
    public void setChannel(int channel) {
        medium.plan().requireChannel(channel);
        this.channel = channel;
        pinned = hopping != null;
        medium.receptionChanged(this);
    }

    @Override
    public void hop(ChannelHopping schedule, long eui64) {
        if (!schedule.plan().equals(medium.plan())) {
            throw new IllegalArgumentException("schedule over plan " + schedule.plan().name() + ", medium is "
                    + medium.plan().name());
        }
        hopping = schedule;
        hopKey = eui64;
        pinned = false;
        medium.receptionChanged(this);
    }

    @Override
    public void resumeHopping() {
        if (hopping == null) {
            throw new IllegalStateException("node " + id + " has no hopping schedule");
        }
        pinned = false;
        medium.receptionChanged(this);
    }

    @Override
    public void setTxPower(int dBm) {
        if (dBm != txPowerDbm) {
            txPowerDbm = dBm;
            neighbours = null; // range changed
        }
    }

    @Override
    public boolean channelClear() {
        return medium.channelClear(this);
    }

    @Override
    public boolean receiving() {
        return medium.receiving(this);
    }

    @Override
    public LinkState linkState() {
        return closed ? LinkState.DOWN : LinkState.UP;
    }

    /** Switches the node off: it neither sends nor hears from now on (a dead meter). */
    @Override
    public void close() {
        closed = true;
        medium.receptionChanged(this);
    }

    boolean isClosed() {
        return closed;
    }

    boolean isListening() {
        return listener != null;
    }

    void transmitted() {
        report(TxOutcome.SENT);
    }

    void deliver(Reception reception) {
        listener.received(reception);
    }

    private void report(TxOutcome outcome) {
        if (listener != null) {
            listener.transmitDone(outcome);
        }
    }

    SimulatedMedium.Neighbours neighbours() {
        if (neighbours == null) {
            neighbours = medium.computeNeighbours(this);
        }
        return neighbours;
    }

    void forgetNeighbours() {
        neighbours = null;
    }

    @Override
    public String toString() {
        return "node " + id + " at " + position;
    }
}
