package org.metermesh.radio.zep;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Where a ZEP backend listens and whom it sends to.
 *
 * @param bindAddress        local address to receive on; null for all addresses
 * @param port               UDP port to receive on; {@value ZepPacket#UDP_PORT} is the ZEP port, 0 picks a free one
 * @param peers              unicast destinations of every transmitted frame (other gateways, nodes, sniffers)
 * @param multicastGroup     group to join and send to on {@code port}; null for unicast only. Several processes on
 *                           one host can share the group, as the port is bound with SO_REUSEADDR.
 * @param multicastInterface name of the interface for the group (e.g. "lo", "eth0"); null lets the OS choose
 * @param multicastTtl       IP TTL of multicast datagrams; 1 keeps them on the local link
 * @param deviceId           16-bit device id written into every packet sent
 * @param txLqi              LQI written into every packet sent; receivers derive their RSSI from it
 * @param sensitivityDbm     RSSI that LQI 0 of received packets maps to (see {@link LqiRssiMapping})
 */
public record ZepConfig(InetAddress bindAddress, int port, List<InetSocketAddress> peers,
        InetAddress multicastGroup, String multicastInterface, int multicastTtl, int deviceId, int txLqi,
        double sensitivityDbm) {

    /** -100 dBm, the sensitivity of the simulated suburban medium (MediumSettings.suburban). */
    public static final double DEFAULT_SENSITIVITY_DBM = -100.0;

    public ZepConfig {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        peers = List.copyOf(peers);
        if (multicastGroup != null && !multicastGroup.isMulticastAddress()) {
            throw new IllegalArgumentException(multicastGroup + " is not a multicast address");
        }
        if (multicastGroup != null && port == 0) {
            throw new IllegalArgumentException("a multicast group needs a fixed port");
        }
        if (multicastTtl < 0 || multicastTtl > 255) {
            throw new IllegalArgumentException("multicastTtl " + multicastTtl + " is outside 0..255");
        }
        if (deviceId < 0 || deviceId > 0xffff) {
            throw new IllegalArgumentException("deviceId " + deviceId + " is outside 0..65535");
        }
        if (txLqi < 0 || txLqi > 255) {
            throw new IllegalArgumentException("txLqi " + txLqi + " is outside 0..255");
        }
    }

    /** Receives on {@code port} of all addresses and sends to {@code peers}; LQI 255 on sent packets. */
    public static ZepConfig unicast(int port, List<InetSocketAddress> peers, int deviceId) {
        return new ZepConfig(null, port, peers, null, null, 1, deviceId, 255, DEFAULT_SENSITIVITY_DBM);
    }

    /** Joins {@code group} on {@code port} and sends there; LQI 255 on sent packets. */
    public static ZepConfig multicast(InetAddress group, int port, String interfaceName, int deviceId) {
        return new ZepConfig(null, port, List.of(), group, interfaceName, 1, deviceId, 255,
                DEFAULT_SENSITIVITY_DBM);
    }

    public ZepConfig withTxLqi(int lqi) {
        return new ZepConfig(bindAddress, port, peers, multicastGroup, multicastInterface, multicastTtl, deviceId,
                lqi, sensitivityDbm);
    }

    public ZepConfig withPeers(List<InetSocketAddress> newPeers) {
        return new ZepConfig(bindAddress, port, newPeers, multicastGroup, multicastInterface, multicastTtl, deviceId,
                txLqi, sensitivityDbm);
    }
}
