package org.metermesh.radio.mac;

import java.util.ArrayList;
import java.util.List;

import org.metermesh.api.radio.LinkState;
import org.metermesh.radio.phy.PhyListener;
import org.metermesh.radio.phy.RadioPhy;
import org.metermesh.radio.phy.Reception;
import org.metermesh.radio.phy.TxOutcome;

/** A PHY the test drives by hand: it records what the MAC sends and answers CCA as told. */
final class ScriptedPhy implements RadioPhy {

    final List<byte[]> sent = new ArrayList<>();
    PhyListener listener;
    boolean clear = true;
    boolean assessesOnTransmit;
    int ccaCount;
    int channel;
    LinkState link = LinkState.UP;

    @Override
    public void start(PhyListener listener) {
        this.listener = listener;
    }

    @Override
    public void transmit(byte[] psdu) {
        sent.add(psdu.clone());
    }

    /** Ends the transmission in progress. */
    void finishTransmission(TxOutcome outcome) {
        listener.transmitDone(outcome);
    }

    void hear(byte[] psdu) {
        hear(psdu, 0);
    }

    void hear(byte[] psdu, long timestampNanos) {
        listener.received(new Reception(psdu, -70, 200, channel, timestampNanos));
    }

    @Override
    public void setChannel(int channel) {
        this.channel = channel;
    }

    @Override
    public void setTxPower(int dBm) {
    }

    @Override
    public boolean channelClear() {
        ccaCount++;
        return clear;
    }

    @Override
    public boolean assessesChannelOnTransmit() {
        return assessesOnTransmit;
    }

    @Override
    public LinkState linkState() {
        return link;
    }

    @Override
    public void close() {
    }
}
