package org.metermesh.radio.zep;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The UDP sockets of one ZEP backend.
 *
 * <p>Receiving and sending use separate sockets: every member of a multicast group binds the same port, so the
 * source port of a datagram would not tell members on one host apart. Datagrams are sent from an ephemeral port
 * of our own instead, and a datagram from that port on a local address is our own one looped back.
 */
final class ZepTransport implements AutoCloseable {

    private final DatagramSocket receiver;
    private final MulticastSocket sender;
    private final List<InetSocketAddress> destinations;
    private final Map<InetAddress, Boolean> localAddresses = new ConcurrentHashMap<>();

    ZepTransport(ZepConfig config) throws IOException {
        NetworkInterface nif = null;
        if (config.multicastInterface() != null) {
            nif = NetworkInterface.getByName(config.multicastInterface());
            if (nif == null) {
                throw new SocketException("no network interface " + config.multicastInterface());
            }
        }
        InetSocketAddress local = config.bindAddress() == null ? new InetSocketAddress(config.port())
                : new InetSocketAddress(config.bindAddress(), config.port());
        List<InetSocketAddress> targets = new ArrayList<>(config.peers());
        DatagramSocket receive = null;
        MulticastSocket send = null;
        try {
            if (config.multicastGroup() != null) {
                MulticastSocket group = new MulticastSocket(null);
                receive = group;
                group.setReuseAddress(true);
                group.bind(local);
                group.joinGroup(new InetSocketAddress(config.multicastGroup(), 0), nif);
                targets.add(new InetSocketAddress(config.multicastGroup(), config.port()));
            } else {
                receive = new DatagramSocket(local);
            }
            // Without SO_REUSEADDR, so the ephemeral port is ours alone and identifies our datagrams.
            send = new MulticastSocket(null);
            send.setReuseAddress(false);
            send.bind(new InetSocketAddress(0));
            send.setTimeToLive(config.multicastTtl());
            // Other processes on this host are group members too; our own copy is recognised and skipped.
            send.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            if (nif != null) {
                send.setNetworkInterface(nif);
            }
        } catch (IOException | RuntimeException e) {
            if (receive != null) {
                receive.close();
            }
            if (send != null) {
                send.close();
            }
            throw e;
        }
        this.receiver = receive;
        this.sender = send;
        this.destinations = List.copyOf(targets);
    }

    /** The port datagrams are received on (useful when configured as 0). */
    int localPort() {
        return receiver.getLocalPort();
    }

    /** The port datagrams are sent from. */
    int sendPort() {
        return sender.getLocalPort();
    }

    /**
     * Sends one datagram to every destination.
     *
     * @return how many destinations it reached the network stack for
     * @throws IOException if there are destinations and none could be sent to
     */
    int send(byte[] datagram) throws IOException {
        IOException last = null;
        int sent = 0;
        for (InetSocketAddress destination : destinations) {
            try {
                sender.send(new DatagramPacket(datagram, datagram.length, destination));
                sent++;
            } catch (IOException e) {
                last = e;
            }
        }
        if (sent == 0 && last != null) {
            throw last;
        }
        return sent;
    }

    /** Blocks until a datagram arrives; throws once the transport is closed. */
    void receive(DatagramPacket packet) throws IOException {
        receiver.receive(packet);
    }

    /** Whether a datagram from {@code source} is one this transport sent. */
    boolean isOwn(InetSocketAddress source) {
        return source.getPort() == sender.getLocalPort()
                && localAddresses.computeIfAbsent(source.getAddress(), ZepTransport::isLocal);
    }

    private static boolean isLocal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    @Override
    public void close() {
        receiver.close();
        sender.close();
    }
}
