package org.metermesh.sim;

import org.metermesh.api.radio.ExtendedAddress;

/** Identities in a simulation: node 0 is the gateway, meters are 1..N. */
final class SimulatedNodes {

    private SimulatedNodes() {
    }

    static ExtendedAddress eui64(int node) {
        return ExtendedAddress.of(SimulatedNode.EUI64_BASE + node);
    }
}
