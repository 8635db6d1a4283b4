package org.metermesh.radio.serial;

import java.util.Arrays;

import org.metermesh.radio.phy.TxOutcome;

/**
 * The messages of the MeterMesh PHY-only RCP protocol (RCP-PROTOCOL.md): immutable values, validated on
 * construction. Byte arrays are copied in and out.
 */
public sealed interface RcpMessage {

    /** Protocol version this code speaks, reported in {@link Pong}. */
    int PROTOCOL_VERSION = 1;

    /** Host to RCP: liveness check; the RCP answers {@link Pong} with the same nonce. */
    record Ping(int nonce) implements RcpMessage {
        public Ping {
            RcpMessages.requireRange("nonce", nonce, 0, 0xffff);
        }
    }

    /** Host to RCP: tune to a channel of the radio's channel plan; answered by {@link Status}. */
    record SetChannel(int channel) implements RcpMessage {
        public SetChannel {
            RcpMessages.requireRange("channel", channel, 0, 0xff);
        }
    }

    /** Host to RCP: transmit power for following transmissions; answered by {@link Status}. */
    record SetTxPower(int dBm) implements RcpMessage {
        public SetTxPower {
            RcpMessages.requireRange("dBm", dBm, -128, 127);
        }
    }

    /**
     * Host to RCP: send one PSDU (MAC frame with FCS) after a clear channel assessment; answered by {@link TxDone}
     * with the same transmission id.
     */
    record Transmit(int txId, byte[] psdu) implements RcpMessage {
        public Transmit {
            RcpMessages.requireRange("txId", txId, 0, 0xff);
            RcpMessages.requireRange("psdu length", psdu.length, 1, 0xffff);
            psdu = psdu.clone();
        }

        @Override
        public byte[] psdu() {
            return psdu.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Transmit that && txId == that.txId && Arrays.equals(psdu, that.psdu);
        }

        @Override
        public int hashCode() {
            return 31 * txId + Arrays.hashCode(psdu);
        }

        @Override
        public String toString() {
            return "Transmit[txId=" + txId + ", psdu=" + psdu.length + " octets]";
        }
    }

    /** Host to RCP: sense the channel now; answered by {@link CcaResult}. */
    record CcaRequest() implements RcpMessage {
    }

    /** RCP to host: answer to {@link Ping}. */
    record Pong(int nonce, int protocolVersion, String firmware) implements RcpMessage {
        /** Longest firmware description, in UTF-8 octets. */
        public static final int MAX_FIRMWARE_OCTETS = 64;

        public Pong {
            RcpMessages.requireRange("nonce", nonce, 0, 0xffff);
            RcpMessages.requireRange("protocolVersion", protocolVersion, 0, 0xff);
            RcpMessages.requireRange("firmware length", RcpMessages.utf8Length(firmware), 0, MAX_FIRMWARE_OCTETS);
        }
    }

    /** RCP to host: result of a configuration command. */
    record Status(RcpCommand command, RcpStatus status) implements RcpMessage {
        public Status {
            if (command == null || status == null) {
                throw new IllegalArgumentException("command and status are required");
            }
        }
    }

    /** RCP to host: how the transmission with this id ended. */
    record TxDone(int txId, TxOutcome outcome) implements RcpMessage {
        public TxDone {
            RcpMessages.requireRange("txId", txId, 0, 0xff);
            if (outcome == null) {
                throw new IllegalArgumentException("outcome is required");
            }
        }
    }

    /** RCP to host: result of {@link CcaRequest}; energy detected on the channel in dBm. */
    record CcaResult(boolean clear, int energyDbm) implements RcpMessage {
        public CcaResult {
            RcpMessages.requireRange("energyDbm", energyDbm, -128, 127);
        }
    }

    /**
     * RCP to host: a PSDU heard on the air.
     *
     * @param timestampMicros end of reception on the RCP's free-running microsecond clock (unsigned 64 bit)
     */
    record Receive(int rssiDbm, int lqi, int channel, long timestampMicros, byte[] psdu) implements RcpMessage {
        public Receive {
            RcpMessages.requireRange("rssiDbm", rssiDbm, -128, 127);
            RcpMessages.requireRange("lqi", lqi, 0, 0xff);
            RcpMessages.requireRange("channel", channel, 0, 0xff);
            RcpMessages.requireRange("psdu length", psdu.length, 1, 0xffff);
            psdu = psdu.clone();
        }

        @Override
        public byte[] psdu() {
            return psdu.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Receive that && rssiDbm == that.rssiDbm && lqi == that.lqi
                    && channel == that.channel && timestampMicros == that.timestampMicros
                    && Arrays.equals(psdu, that.psdu);
        }

        @Override
        public int hashCode() {
            return ((rssiDbm * 31 + lqi) * 31 + channel) * 31 + Long.hashCode(timestampMicros)
                    + Arrays.hashCode(psdu);
        }

        @Override
        public String toString() {
            return "Receive[rssi=" + rssiDbm + " dBm, lqi=" + lqi + ", channel=" + channel + ", t="
                    + Long.toUnsignedString(timestampMicros) + " us, psdu=" + psdu.length + " octets]";
        }
    }
}
