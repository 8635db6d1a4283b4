package org.metermesh.api.ipv6;

import java.util.concurrent.CompletionStage;

import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.TxStatus;
import org.osgi.annotation.versioning.ProviderType;

/**
 * IPv6 over the mesh's IEEE 802.15.4 link (the 6LoWPAN adaptation layer). Route-over: the caller chooses the
 * neighbour that takes the packet on its next hop; received packets go to every {@link Ipv6Listener}. Methods may
 * be called from any thread.
 */
@ProviderType
public interface Ipv6Link {

    /** This node's link-local address, derived from its EUI-64. */
    Ipv6Address linkLocalAddress();

    /** This node's address on the link below, as neighbours see it in source fields. */
    MacAddress linkAddress();

    /** The /64 of the mesh: meters configure their global addresses in it; it is compression context 0. */
    Ipv6Prefix meshPrefix();

    /**
     * Sends {@code packet} to the neighbour {@code nextHop}, compressed and, if need be, fragmented. Multicast
     * packets go to {@code ShortAddress.BROADCAST}.
     *
     * @return ACKED or SENT once every frame went out, else the status of the frame that failed
     */
    CompletionStage<TxStatus> send(Ipv6Packet packet, MacAddress nextHop);
}
