package org.metermesh.radio.serial;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;

import org.metermesh.radio.phy.TxOutcome;

/**
 * Encodes and decodes RCP message payloads (what goes between HDLC-lite flags, without the FCS). Layouts are
 * specified in bundles/radio/RCP-PROTOCOL.md; integers are little-endian as in Spinel and IEEE 802.15.4.
 *
 * <p>Decoding never throws: a payload that is not a valid message gives a {@link RcpRejection}. Stateless and
 * thread-safe.
 */
public final class RcpCodec {

    /** Largest PSDU of the IEEE 802.15.4g SUN PHYs (aMaxPhyPacketSize, IEEE 802.15.4-2020 11.3). */
    public static final int SUN_MAX_PSDU = 2047;

    /** Octets of a RECEIVE payload before the PSDU: command, RSSI, LQI, channel, timestamp, length. */
    static final int RECEIVE_HEADER = 1 + 1 + 1 + 1 + 8 + 2;
    /** Octets of a TRANSMIT payload before the PSDU: command, transmission id, length. */
    static final int TRANSMIT_HEADER = 1 + 1 + 2;
    private static final int PONG_HEADER = 1 + 2 + 1;

    private final int maxPsduLength;

    /** @param maxPsduLength longest PSDU accepted in either direction, 1 to 65535 (2047 for SUN PHYs) */
    public RcpCodec(int maxPsduLength) {
        RcpMessages.requireRange("maxPsduLength", maxPsduLength, 1, 0xffff);
        this.maxPsduLength = maxPsduLength;
    }

    public int maxPsduLength() {
        return maxPsduLength;
    }

    /** Longest payload of any message under this codec's PSDU limit: the HDLC-lite decoder's frame limit. */
    public int maxPayloadLength() {
        return Math.max(RECEIVE_HEADER + maxPsduLength, PONG_HEADER + RcpMessage.Pong.MAX_FIRMWARE_OCTETS);
    }

    /**
     * @throws IllegalArgumentException if a PSDU is longer than this codec's limit
     */
    public byte[] encode(RcpMessage message) {
        if (message instanceof RcpMessage.Ping m) {
            return payload(3).put(code(RcpCommand.PING)).putShort((short) m.nonce()).array();
        } else if (message instanceof RcpMessage.SetChannel m) {
            return payload(2).put(code(RcpCommand.SET_CHANNEL)).put((byte) m.channel()).array();
        } else if (message instanceof RcpMessage.SetTxPower m) {
            return payload(2).put(code(RcpCommand.SET_TX_POWER)).put((byte) m.dBm()).array();
        } else if (message instanceof RcpMessage.Transmit m) {
            byte[] psdu = requirePsdu(m.psdu());
            return payload(TRANSMIT_HEADER + psdu.length).put(code(RcpCommand.TRANSMIT)).put((byte) m.txId())
                    .putShort((short) psdu.length).put(psdu).array();
        } else if (message instanceof RcpMessage.CcaRequest) {
            return new byte[] {code(RcpCommand.CCA)};
        } else if (message instanceof RcpMessage.Pong m) {
            byte[] firmware = m.firmware().getBytes(StandardCharsets.UTF_8);
            return payload(PONG_HEADER + firmware.length).put(code(RcpCommand.PONG)).putShort((short) m.nonce())
                    .put((byte) m.protocolVersion()).put(firmware).array();
        } else if (message instanceof RcpMessage.Status m) {
            return payload(3).put(code(RcpCommand.STATUS)).put(code(m.command())).put((byte) m.status().code())
                    .array();
        } else if (message instanceof RcpMessage.TxDone m) {
            return payload(3).put(code(RcpCommand.TX_DONE)).put((byte) m.txId()).put((byte) outcomeCode(m.outcome()))
                    .array();
        } else if (message instanceof RcpMessage.CcaResult m) {
            return payload(3).put(code(RcpCommand.CCA_RESULT)).put((byte) (m.clear() ? 1 : 0))
                    .put((byte) m.energyDbm()).array();
        } else if (message instanceof RcpMessage.Receive m) {
            byte[] psdu = requirePsdu(m.psdu());
            return payload(RECEIVE_HEADER + psdu.length).put(code(RcpCommand.RECEIVE)).put((byte) m.rssiDbm())
                    .put((byte) m.lqi()).put((byte) m.channel()).putLong(m.timestampMicros())
                    .putShort((short) psdu.length).put(psdu).array();
        }
        throw new IllegalArgumentException("unknown message " + message);
    }

    public RcpDecodeResult decode(byte[] payload) {
        if (payload.length == 0) {
            return RcpDecodeResult.rejected(RcpRejection.TRUNCATED);
        }
        RcpCommand command = RcpCommand.of(payload[0] & 0xff);
        if (command == null) {
            return RcpDecodeResult.rejected(RcpRejection.UNKNOWN_COMMAND);
        }
        ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        in.get();
        return switch (command) {
            case PING -> exact(payload, 3, () -> new RcpMessage.Ping(in.getShort() & 0xffff));
            case SET_CHANNEL -> exact(payload, 2, () -> new RcpMessage.SetChannel(in.get() & 0xff));
            case SET_TX_POWER -> exact(payload, 2, () -> new RcpMessage.SetTxPower(in.get()));
            case TRANSMIT -> decodeTransmit(payload, in);
            case CCA -> exact(payload, 1, RcpMessage.CcaRequest::new);
            case PONG -> decodePong(payload, in);
            case STATUS -> decodeStatus(payload, in);
            case TX_DONE -> decodeTxDone(payload, in);
            case CCA_RESULT -> decodeCcaResult(payload, in);
            case RECEIVE -> decodeReceive(payload, in);
        };
    }

    private RcpDecodeResult decodeTransmit(byte[] payload, ByteBuffer in) {
        if (payload.length < TRANSMIT_HEADER) {
            return RcpDecodeResult.rejected(RcpRejection.TRUNCATED);
        }
        int txId = in.get() & 0xff;
        return psdu(payload, in, psdu -> new RcpMessage.Transmit(txId, psdu));
    }

    private RcpDecodeResult decodeReceive(byte[] payload, ByteBuffer in) {
        if (payload.length < RECEIVE_HEADER) {
            return RcpDecodeResult.rejected(RcpRejection.TRUNCATED);
        }
        int rssi = in.get();
        int lqi = in.get() & 0xff;
        int channel = in.get() & 0xff;
        long timestamp = in.getLong();
        return psdu(payload, in, psdu -> new RcpMessage.Receive(rssi, lqi, channel, timestamp, psdu));
    }

    private static RcpDecodeResult decodePong(byte[] payload, ByteBuffer in) {
        if (payload.length < PONG_HEADER) {
            return RcpDecodeResult.rejected(RcpRejection.TRUNCATED);
        }
        if (payload.length > PONG_HEADER + RcpMessage.Pong.MAX_FIRMWARE_OCTETS) {
            return RcpDecodeResult.rejected(RcpRejection.TRAILING_OCTETS);
        }
        int nonce = in.getShort() & 0xffff;
        int version = in.get() & 0xff;
        try {
            CharBuffer firmware = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in);
            return RcpDecodeResult.of(new RcpMessage.Pong(nonce, version, firmware.toString()));
        } catch (CharacterCodingException e) {
            return RcpDecodeResult.rejected(RcpRejection.BAD_VALUE);
        }
    }

    private static RcpDecodeResult decodeStatus(byte[] payload, ByteBuffer in) {
        if (payload.length != 3) {
            return lengthMismatch(payload, 3);
        }
        RcpCommand command = RcpCommand.of(in.get() & 0xff);
        RcpStatus status = RcpStatus.of(in.get() & 0xff);
        if (command == null || status == null) {
            return RcpDecodeResult.rejected(RcpRejection.BAD_VALUE);
        }
        return RcpDecodeResult.of(new RcpMessage.Status(command, status));
    }

    private static RcpDecodeResult decodeTxDone(byte[] payload, ByteBuffer in) {
        if (payload.length != 3) {
            return lengthMismatch(payload, 3);
        }
        int txId = in.get() & 0xff;
        TxOutcome outcome = outcome(in.get() & 0xff);
        if (outcome == null) {
            return RcpDecodeResult.rejected(RcpRejection.BAD_VALUE);
        }
        return RcpDecodeResult.of(new RcpMessage.TxDone(txId, outcome));
    }

    private static RcpDecodeResult decodeCcaResult(byte[] payload, ByteBuffer in) {
        if (payload.length != 3) {
            return lengthMismatch(payload, 3);
        }
        int clear = in.get() & 0xff;
        if (clear > 1) {
            return RcpDecodeResult.rejected(RcpRejection.BAD_VALUE);
        }
        return RcpDecodeResult.of(new RcpMessage.CcaResult(clear == 1, in.get()));
    }

    /** Reads a 16-bit PSDU length and the PSDU, which must end the payload exactly. */
    private RcpDecodeResult psdu(byte[] payload, ByteBuffer in, Function<byte[], RcpMessage> message) {
        int length = in.getShort() & 0xffff;
        if (length == 0 || length > maxPsduLength) {
            return RcpDecodeResult.rejected(RcpRejection.BAD_PSDU_LENGTH);
        }
        if (in.remaining() != length) {
            return lengthMismatch(payload, in.position() + length);
        }
        int start = in.position();
        return RcpDecodeResult.of(message.apply(Arrays.copyOfRange(payload, start, start + length)));
    }

    private static RcpDecodeResult exact(byte[] payload, int length, Supplier<RcpMessage> read) {
        if (payload.length != length) {
            return lengthMismatch(payload, length);
        }
        return RcpDecodeResult.of(read.get());
    }

    private static RcpDecodeResult lengthMismatch(byte[] payload, int expected) {
        return RcpDecodeResult.rejected(payload.length < expected ? RcpRejection.TRUNCATED
                : RcpRejection.TRAILING_OCTETS);
    }

    private byte[] requirePsdu(byte[] psdu) {
        if (psdu.length > maxPsduLength) {
            throw new IllegalArgumentException("PSDU of " + psdu.length + " octets exceeds " + maxPsduLength);
        }
        return psdu;
    }

    /** TX_DONE status codes: 0 sent, 1 channel busy, 2 failed. */
    static int outcomeCode(TxOutcome outcome) {
        return switch (outcome) {
            case SENT -> 0;
            case CHANNEL_BUSY -> 1;
            case FAILED -> 2;
        };
    }

    private static TxOutcome outcome(int code) {
        return switch (code) {
            case 0 -> TxOutcome.SENT;
            case 1 -> TxOutcome.CHANNEL_BUSY;
            case 2 -> TxOutcome.FAILED;
            default -> null;
        };
    }

    private static byte code(RcpCommand command) {
        return (byte) command.code();
    }

    private static ByteBuffer payload(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
