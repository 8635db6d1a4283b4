package org.metermesh.api.radio;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: register one to receive the radio's data frames. The driver finds listeners by itself, so a
 * listener survives an update of the radio bundle. Called on the stack's event loop thread: return quickly.
 */
@ConsumerType
public interface RadioListener {

    void received(RadioFrame frame);

    default void linkStateChanged(LinkState state) {
    }
}
