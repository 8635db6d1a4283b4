package org.metermesh.sixlowpan.adaptation;

import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.radio.MacAddress;

/** Where the adaptation layer delivers the IPv6 packets it has decompressed and reassembled. */
public interface PacketReceiver {

    /**
     * @param packet     the complete IPv6 packet
     * @param linkSource the neighbour that sent the (last) frame of it
     * @param rssiDbm    signal strength of that frame
     * @param lqi        link quality of that frame
     */
    void received(Ipv6Packet packet, MacAddress linkSource, int rssiDbm, int lqi);
}
