package org.metermesh.radio.serial;

import java.time.Duration;

/**
 * How the serial RCP backend reaches and supervises its radio co-processor.
 *
 * @param portName          serial device, e.g. {@code /dev/ttyACM0} (the field manual's interface)
 * @param baudRate          115200 is the default the Spinel UART recommendations give
 * @param maxPsduLength     longest PSDU sent or accepted; 2047 for IEEE 802.15.4g SUN PHYs, 127 for O-QPSK
 * @param reconnectMin      first delay before reopening a vanished or unopenable port; doubles per failure
 * @param reconnectMax      upper bound of that delay
 * @param responseTimeout   how long a PING may go unanswered before the link counts as down
 * @param keepaliveInterval how often an idle, up link is pinged; zero disables keepalive
 * @param txTimeout         how long a TRANSMIT may wait for TX_DONE before it is reported FAILED
 * @param ccaTimeout        how long {@code channelClear()} waits for CCA_RESULT; it blocks the caller meanwhile
 */
public record SerialRcpConfig(String portName, int baudRate, int maxPsduLength, Duration reconnectMin,
        Duration reconnectMax, Duration responseTimeout, Duration keepaliveInterval, Duration txTimeout,
        Duration ccaTimeout) {

    public static final int DEFAULT_BAUD_RATE = 115_200;

    public SerialRcpConfig {
        if (portName == null || portName.isBlank()) {
            throw new IllegalArgumentException("portName is required");
        }
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baudRate must be positive: " + baudRate);
        }
        RcpMessages.requireRange("maxPsduLength", maxPsduLength, 1, RcpCodec.SUN_MAX_PSDU);
        requirePositive("reconnectMin", reconnectMin);
        requirePositive("reconnectMax", reconnectMax);
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnectMax " + reconnectMax + " < reconnectMin " + reconnectMin);
        }
        requirePositive("responseTimeout", responseTimeout);
        if (keepaliveInterval.isNegative()) {
            throw new IllegalArgumentException("keepaliveInterval must not be negative");
        }
        requirePositive("txTimeout", txTimeout);
        requirePositive("ccaTimeout", ccaTimeout);
    }

    /**
     * Defaults for a USB RCP: 115200 baud, SUN PSDUs, reconnect after 0.5 s backing off to 30 s, 1 s response
     * timeout, keepalive every 5 s, 2 s per transmission (a 2047-octet PSDU takes 180 ms over the UART and 330 ms
     * on air at 50 kbps, plus CSMA), 50 ms per CCA.
     */
    public static SerialRcpConfig defaults(String portName) {
        return new SerialRcpConfig(portName, DEFAULT_BAUD_RATE, RcpCodec.SUN_MAX_PSDU, Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofMillis(50));
    }

    public SerialRcpConfig withReconnect(Duration min, Duration max) {
        return new SerialRcpConfig(portName, baudRate, maxPsduLength, min, max, responseTimeout, keepaliveInterval,
                txTimeout, ccaTimeout);
    }

    public SerialRcpConfig withTimeouts(Duration response, Duration keepalive, Duration tx, Duration cca) {
        return new SerialRcpConfig(portName, baudRate, maxPsduLength, reconnectMin, reconnectMax, response,
                keepalive, tx, cca);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration: " + value);
        }
    }
}
