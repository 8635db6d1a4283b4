package org.metermesh.rpl.forwarding;

import java.util.List;
import java.util.Optional;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.rpl.message.RplMessage;

/** What forwarding needs from the RPL core of its node, a meter or the root. */
public interface RoutingCore {

    /**
     * An RPL control message for this node.
     *
     * @param destination the packet's destination: multicast ff02::1a or one of this node's addresses (a unicast DIS
     *                    is answered differently from a multicast one, RFC 6550 8.3)
     */
    void received(RplMessage message, Ipv6Address source, Ipv6Address destination, MacAddress linkSource,
            int rssiDbm, int lqi);

    /** How a unicast frame to a neighbour fared: the ETX and loss statistics. */
    void transmitted(MacAddress neighbour, TxStatus status);

    /** The preferred parent of a meter; empty for the root and for a meter without a parent. */
    Optional<MacAddress> defaultRoute();

    /**
     * This node's DAGRank, for the RPL option's rank checks (RFC 6550 11.2): RFC 6553 3 puts DAGRank(rank) in the
     * SenderRank field, and RFC 6550 3.5.1 compares ranks by DAGRank ("lesser"), so a drift of the exact Rank
     * within one MinHopRankIncrease is not mistaken for an inconsistency.
     */
    int rank();

    /** The RPLInstanceID of the DODAG this node is part of. */
    int instanceId();

    /** The root's hops to {@code target}, target last; empty on a meter or without a complete path. */
    Optional<List<Ipv6Address>> sourceRoute(Ipv6Address target);

    /**
     * In a storing-mode DODAG (RFC 6550 9.8), the neighbour towards {@code target} below this node; empty in
     * non-storing mode and for targets outside the node's sub-DODAG.
     */
    default Optional<MacAddress> nextHop(Ipv6Address target) {
        return Optional.empty();
    }

    /** The forwarding plane detected a loop (RFC 6550 11.2.2.2): repair. */
    void loopDetected();
}
