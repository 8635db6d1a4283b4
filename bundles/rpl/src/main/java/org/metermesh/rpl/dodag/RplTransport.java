package org.metermesh.rpl.dodag;

import java.util.concurrent.CompletionStage;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.rpl.message.RplMessage;

/**
 * How the RPL cores put their control messages (ICMPv6 type 155) on the network. The IPv6 layer below builds the
 * packet, computes the checksum, compresses it and, for routed messages, finds the way.
 */
public interface RplTransport {

    /**
     * To a neighbour on the link: DIS and DIO (multicast to ff02::1a, or unicast), from this node's link-local
     * address.
     *
     * @param nextHop the neighbour's MAC address, or {@code ShortAddress.BROADCAST} for a multicast destination
     */
    void sendOnLink(RplMessage message, Ipv6Address destination, MacAddress nextHop);

    /**
     * Across the mesh, from this node's global address: a meter's DAO to the root goes up its default route (the
     * preferred parent); the root's DAO-ACK goes down a source route (RFC 6554) the IPv6 layer asks the root for.
     *
     * @return how the first hop fared, once it has: while it has not, the message is still queued on this node
     */
    CompletionStage<TxStatus> sendRouted(RplMessage message, Ipv6Address destination);
}
