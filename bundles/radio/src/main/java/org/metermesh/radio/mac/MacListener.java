package org.metermesh.radio.mac;

import org.metermesh.api.radio.LinkState;
import org.metermesh.radio.frame.MacFrame;
import org.metermesh.radio.phy.Reception;

/** What the MAC hands up: frames for this node, and link changes. Called on the loop thread. */
public interface MacListener {

    /** A data frame addressed to this node (or broadcast), after filtering and duplicate rejection. */
    void dataReceived(MacFrame frame, Reception reception);

    void linkStateChanged(LinkState state);
}
