package org.metermesh.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * A localhost TCP relay between a client and a server, for tests that need a connection to die uncleanly:
 * {@link #cutAll()} closes both sides of every relayed connection at once, so the server sees its peer vanish with
 * no protocol goodbye (an MQTT broker then publishes the client's will) and the client sees the socket close.
 * New connections are still relayed after a cut. {@link #holdReplies()} stops the server's bytes on their way to
 * the client (the server keeps taking requests), so a test can keep acknowledgements in flight for as long as it needs.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new ArrayList<>();
    private volatile boolean open = true;
    private int accepted;
    private boolean holding;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code tcp://127.0.0.1:port} of the proxy, for an MQTT client. */
    public String url() {
        return "tcp://127.0.0.1:" + port();
    }

    /** Connections accepted so far. */
    public synchronized int accepted() {
        return accepted;
    }

    /** Closes every relayed connection, on both sides, at once; held replies are dropped and holding ends. */
    public synchronized void cutAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
        holding = false;
        notifyAll();
    }

    /** From now on, bytes from the server wait in the proxy instead of reaching the client. */
    public synchronized void holdReplies() {
        holding = true;
    }

    /** Lets the held server bytes, and all later ones, through to the client. */
    public synchronized void releaseReplies() {
        holding = false;
        notifyAll();
    }

    private synchronized void awaitReplyRelease() throws InterruptedException {
        while (holding) {
            wait();
        }
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                Socket target = new Socket();
                try {
                    target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                } catch (IOException refused) {
                    closeQuietly(client);
                    continue;
                }
                synchronized (this) {
                    accepted++;
                    sockets.add(client);
                    sockets.add(target);
                }
                relay(client, target, false);
                relay(target, client, true);
            } catch (IOException e) {
                if (open) {
                    throw new IllegalStateException("proxy accept failed", e);
                }
            }
        }
    }

    private void relay(Socket from, Socket to, boolean reply) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (reply) {
                        awaitReplyRelease();
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (SocketException closed) {
                // cut or closed by a peer: nothing left to relay
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                System.err.println("tcp proxy relay ended: " + e);
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            System.err.println("tcp proxy: closing a socket failed: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        cutAll();
    }
}
