package org.metermesh.radio.serial;

import java.io.IOException;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

/**
 * A {@link SerialLink} over a jSerialComm port: 8 data bits, no parity, one stop bit, no flow control.
 *
 * <p>The port is looked up by name on every open, because jSerialComm resolves symbolic links at lookup and a
 * re-plugged device (or a restarted pty) may sit behind the same name at a different device node.
 */
public final class JSerialCommLink implements SerialLink {

    /** How long a read waits for the first octet; bounds how late a closing reader notices. */
    static final int READ_POLL_MILLIS = 100;
    /** A write that cannot drain within this time means the port is stuck. */
    static final int WRITE_TIMEOUT_MILLIS = 1000;

    private final SerialPort port;

    private JSerialCommLink(SerialPort port) {
        this.port = port;
    }

    /** Opens {@code portName} (e.g. /dev/ttyACM0) at {@code baudRate} each time the opener is called. */
    public static SerialLink.Opener opener(String portName, int baudRate) {
        return () -> open(portName, baudRate);
    }

    static SerialLink open(String portName, int baudRate) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(portName);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("serial port " + portName + " is not present", e);
        }
        port.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_POLL_MILLIS, WRITE_TIMEOUT_MILLIS);
        if (!port.openPort(0)) {
            throw new IOException("cannot open serial port " + portName + " (" + port.getSystemPortPath()
                    + "): error " + port.getLastErrorCode() + " at " + port.getLastErrorLocation());
        }
        return new JSerialCommLink(port);
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int read = port.readBytes(buffer, buffer.length);
        if (read < 0) {
            // jSerialComm returns -1 once the device is gone (EIO on Linux) or the port was closed.
            throw new IOException("serial port " + port.getSystemPortPath() + " is gone");
        }
        return read;
    }

    @Override
    public void write(byte[] data) throws IOException {
        int written = port.writeBytes(data, data.length);
        if (written != data.length) {
            // A vanished pty or USB device gives 0 or -1 rather than an error code.
            throw new IOException("serial port " + port.getSystemPortPath() + " wrote " + written + " of "
                    + data.length + " octets");
        }
    }

    @Override
    public void close() {
        port.closePort();
    }

    @Override
    public String toString() {
        return "serial port " + port.getSystemPortPath();
    }
}
