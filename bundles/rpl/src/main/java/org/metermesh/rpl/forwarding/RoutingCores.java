package org.metermesh.rpl.forwarding;

import java.util.List;
import java.util.Optional;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.rpl.dodag.RplNode;
import org.metermesh.rpl.dodag.RplRoot;
import org.metermesh.rpl.message.RplMessage;
import org.metermesh.rpl.of.Rank;

/** The RPL cores as forwarding sees them. */
public final class RoutingCores {

    private RoutingCores() {
    }

    /** A meter: routes up through its preferred parent, and in storing mode down to its sub-DODAG. */
    public static RoutingCore of(RplNode node) {
        return new RoutingCore() {
            @Override
            public void received(RplMessage message, Ipv6Address source, Ipv6Address destination,
                    MacAddress linkSource, int rssiDbm, int lqi) {
                node.received(message, source, destination, linkSource, rssiDbm, lqi);
            }

            @Override
            public void transmitted(MacAddress neighbour, TxStatus status) {
                node.transmitted(neighbour, status);
            }

            @Override
            public Optional<MacAddress> defaultRoute() {
                return node.preferredParent();
            }

            @Override
            public int rank() {
                return node.dagRank(); // RFC 6553 3: SenderRank is DAGRank(rank)
            }

            @Override
            public int instanceId() {
                return node.instanceId().orElse(0);
            }

            @Override
            public Optional<List<Ipv6Address>> sourceRoute(Ipv6Address target) {
                return Optional.empty();
            }

            @Override
            public Optional<MacAddress> nextHop(Ipv6Address target) {
                return node.nextHop(target);
            }

            @Override
            public void loopDetected() {
                node.loopDetected();
            }
        };
    }

    /** The root: routes down along the source routes (or, in storing mode, next hops) it learnt from DAOs. */
    public static RoutingCore of(RplRoot root) {
        return new RoutingCore() {
            @Override
            public void received(RplMessage message, Ipv6Address source, Ipv6Address destination,
                    MacAddress linkSource, int rssiDbm, int lqi) {
                root.received(message, source, destination, linkSource, rssiDbm, lqi);
            }

            @Override
            public void transmitted(MacAddress neighbour, TxStatus status) {
                // the root keeps no link statistics of its own: the meters choose their parents
            }

            @Override
            public Optional<MacAddress> defaultRoute() {
                return Optional.empty();
            }

            @Override
            public int rank() {
                return Rank.dagRank(root.rank(), root.config().configuration().minHopRankIncrease());
            }

            @Override
            public int instanceId() {
                return root.instanceId();
            }

            @Override
            public Optional<List<Ipv6Address>> sourceRoute(Ipv6Address target) {
                return root.sourceRoute(target);
            }

            @Override
            public Optional<MacAddress> nextHop(Ipv6Address target) {
                return root.nextHop(target);
            }

            @Override
            public void loopDetected() {
                root.loopDetected();
            }
        };
    }
}
