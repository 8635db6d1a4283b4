package org.metermesh.sim;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;

import org.metermesh.radio.medium.SimulatedMedium;
import org.metermesh.radio.medium.SimulatedPhy;

/**
 * Which nodes have any radio path to the gateway: the yardstick for "every reachable meter joins". A link counts
 * when each end hears the other at least at sensitivity (packet error rate at most one half), now: dead meters and
 * cut links are left out.
 */
final class Reachability {

    private Reachability() {
    }

    /** @return the ids of the nodes connected to {@code gateway} over usable links, the gateway included */
    static BitSet from(SimulatedMedium medium, SimulatedPhy gateway) {
        double threshold = medium.settings().sensitivityDbm();
        BitSet reached = new BitSet();
        Deque<SimulatedPhy> queue = new ArrayDeque<>();
        reached.set(gateway.id());
        queue.add(gateway);
        while (!queue.isEmpty()) {
            SimulatedPhy node = queue.poll();
            medium.forEachHearer(node, threshold, other -> {
                if (!reached.get(other.id()) && medium.rssiDbm(other, node) >= threshold) {
                    reached.set(other.id());
                    queue.add(other);
                }
            });
        }
        return reached;
    }
}
