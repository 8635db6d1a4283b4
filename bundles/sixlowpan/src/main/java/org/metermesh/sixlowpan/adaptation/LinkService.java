package org.metermesh.sixlowpan.adaptation;

import java.util.concurrent.CompletionStage;

import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.TxStatus;

/** What the adaptation layer needs from the IEEE 802.15.4 link below it: the MAC data service. */
public interface LinkService {

    /** This node's address as it appears in the source field of its frames. */
    MacAddress address();

    /** The largest payload of one frame to {@code destination}. */
    int maxPayload(MacAddress destination);

    CompletionStage<TxStatus> send(MacAddress destination, byte[] payload, boolean ackRequest);
}
