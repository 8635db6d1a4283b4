package org.metermesh.api.ipv6;

import org.metermesh.api.radio.MacAddress;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: receives every IPv6 packet the link delivers, reassembled, decompressed and with valid
 * UDP/ICMPv6 checksums; each listener takes what concerns it (RPL: ICMPv6 type 155, telemetry: UDP 61616). Called
 * on the stack's event loop thread: return quickly.
 */
@ConsumerType
public interface Ipv6Listener {

    /**
     * @param linkSource the neighbour that sent it
     * @param rssiDbm    signal strength of its (last) frame
     * @param lqi        link quality of its (last) frame
     */
    void received(Ipv6Packet packet, MacAddress linkSource, int rssiDbm, int lqi);
}
