package org.metermesh.radio.serial;

import java.io.IOException;

/**
 * An open byte pipe to a radio co-processor: a serial port in the gateway, anything else (a pty, a TCP bridge such
 * as ser2net) if it behaves like one. One reader thread calls {@link #read(byte[])}; one writer thread calls
 * {@link #write(byte[])}.
 */
public interface SerialLink extends AutoCloseable {

    /**
     * Waits a short, bounded time for input.
     *
     * @return the number of octets placed in {@code buffer}, 0 if none arrived in time
     * @throws IOException if the link is gone (port unplugged, closed)
     */
    int read(byte[] buffer) throws IOException;

    /** Writes all of {@code data} or throws. */
    void write(byte[] data) throws IOException;

    /** Releases the port; a blocked {@link #read(byte[])} returns or throws soon after. Idempotent. */
    @Override
    void close();

    /** Opens a link; called again for every reconnection attempt. */
    @FunctionalInterface
    interface Opener {
        /** @throws IOException if the port is absent or cannot be opened now */
        SerialLink open() throws IOException;
    }
}
