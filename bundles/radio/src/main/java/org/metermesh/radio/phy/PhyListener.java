package org.metermesh.radio.phy;

import org.metermesh.api.radio.LinkState;

/** Events from a {@link RadioPhy}, always delivered on the stack's event loop. */
public interface PhyListener {

    void received(Reception reception);

    void transmitDone(TxOutcome outcome);

    void linkStateChanged(LinkState state);
}
