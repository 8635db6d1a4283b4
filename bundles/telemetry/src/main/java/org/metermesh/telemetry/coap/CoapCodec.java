package org.metermesh.telemetry.coap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * The CoAP message format of RFC 7252 3: a 4-octet header (version 1, type, token length, code, message ID), the
 * token, options as delta/length nibbles with the 13 and 14 extended forms (3.1), and the payload after a 0xFF
 * marker. {@link #decode(byte[])} never throws: any octets give a message or a {@link CoapRejection}.
 */
public final class CoapCodec {

    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 4;
    public static final int PAYLOAD_MARKER = 0xff;

    // RFC 7252 3.1: nibble 13 means "8-bit extended, minus 13", 14 "16-bit extended, minus 269", 15 reserved
    private static final int EXTENDED_8 = 13;
    private static final int EXTENDED_16 = 14;
    private static final int RESERVED = 15;
    private static final int OFFSET_16 = 269;

    private CoapCodec() {
    }

    public static byte[] encode(CoapMessage m) {
        if (m.code().isEmpty() && (m.tokenLength() > 0 || !m.options().isEmpty() || m.payloadLength() > 0)) {
            throw new IllegalArgumentException("an Empty message (0.00) carries no token, options or payload"
                    + " (RFC 7252 4.1): " + m);
        }
        byte[] out = new byte[encodedLength(m)];
        byte[] token = m.token();
        out[0] = (byte) (VERSION << 6 | m.type().bits() << 4 | token.length);
        out[1] = (byte) m.code().toByte();
        out[2] = (byte) (m.messageId() >> 8);
        out[3] = (byte) m.messageId();
        int pos = HEADER_LENGTH;
        System.arraycopy(token, 0, out, pos, token.length);
        pos += token.length;
        int previous = 0;
        for (CoapOption option : m.options()) {
            int delta = option.number() - previous;
            int length = option.length();
            int first = pos++;
            out[first] = (byte) (nibble(delta) << 4 | nibble(length));
            pos = writeExtended(out, pos, delta);
            pos = writeExtended(out, pos, length);
            System.arraycopy(option.value(), 0, out, pos, length);
            pos += length;
            previous = option.number();
        }
        if (m.payloadLength() > 0) {
            out[pos++] = (byte) PAYLOAD_MARKER;
            System.arraycopy(m.payload(), 0, out, pos, m.payloadLength());
        }
        return out;
    }

    public static int encodedLength(CoapMessage m) {
        int length = HEADER_LENGTH + m.tokenLength();
        int previous = 0;
        for (CoapOption option : m.options()) {
            length += 1 + extendedLength(option.number() - previous) + extendedLength(option.length())
                    + option.length();
            previous = option.number();
        }
        return m.payloadLength() > 0 ? length + 1 + m.payloadLength() : length;
    }

    private static int nibble(int value) {
        return value < EXTENDED_8 ? value : value < OFFSET_16 ? EXTENDED_8 : EXTENDED_16;
    }

    private static int extendedLength(int value) {
        return value < EXTENDED_8 ? 0 : value < OFFSET_16 ? 1 : 2;
    }

    private static int writeExtended(byte[] out, int pos, int value) {
        if (value >= OFFSET_16) {
            int extended = value - OFFSET_16;
            out[pos++] = (byte) (extended >> 8);
            out[pos++] = (byte) extended;
        } else if (value >= EXTENDED_8) {
            out[pos++] = (byte) (value - EXTENDED_8);
        }
        return pos;
    }

    public static CoapDecodeResult decode(byte[] datagram) {
        return decode(datagram, 0, datagram.length);
    }

    /** Decodes {@code length} octets of {@code data} from {@code offset}; offsets in rejections are relative. */
    public static CoapDecodeResult decode(byte[] data, int offset, int length) {
        byte[] b = Arrays.copyOfRange(data, offset, offset + length);
        int n = b.length;
        if (n < HEADER_LENGTH) {
            return reject(CoapRejection.TOO_SHORT, 0, n + " octets, the header alone has 4");
        }
        int version = (b[0] & 0xff) >> 6;
        if (version != VERSION) {
            return reject(CoapRejection.BAD_VERSION, 0, "version " + version + ", only 1 is defined");
        }
        CoapType type = CoapType.ofBits(b[0] >> 4);
        int tokenLength = b[0] & 0x0f;
        if (tokenLength > CoapMessage.MAX_TOKEN_LENGTH) {
            return reject(CoapRejection.BAD_TOKEN_LENGTH, 0, "token length " + tokenLength + " is reserved (9-15)");
        }
        CoapCode code = CoapCode.ofByte(b[1] & 0xff);
        if (code.isReservedClass()) {
            return reject(CoapRejection.RESERVED_CODE_CLASS, 1, "code " + code + " has a reserved class");
        }
        if (code.isEmpty() && n > HEADER_LENGTH || code.isEmpty() && tokenLength > 0) {
            return reject(CoapRejection.EMPTY_WITH_CONTENT, tokenLength > 0 ? 0 : HEADER_LENGTH,
                    "Empty message (0.00) with token length " + tokenLength + " and " + (n - HEADER_LENGTH)
                            + " octets after the message ID");
        }
        int messageId = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        int pos = HEADER_LENGTH;
        if (n < pos + tokenLength) {
            return reject(CoapRejection.TRUNCATED_TOKEN, pos,
                    "token of " + tokenLength + " octets, only " + (n - pos) + " left");
        }
        byte[] token = Arrays.copyOfRange(b, pos, pos + tokenLength);
        pos += tokenLength;
        List<CoapOption> options = new ArrayList<>();
        byte[] payload = new byte[0];
        int number = 0;
        while (pos < n) {
            int start = pos;
            int first = b[pos++] & 0xff;
            if (first == PAYLOAD_MARKER) {
                if (pos == n) {
                    return reject(CoapRejection.EMPTY_PAYLOAD_AFTER_MARKER, start,
                            "payload marker with no payload after it");
                }
                payload = Arrays.copyOfRange(b, pos, n);
                break;
            }
            int delta = first >> 4;
            int valueLength = first & 0x0f;
            if (delta == RESERVED || valueLength == RESERVED) {
                return reject(CoapRejection.RESERVED_OPTION_NIBBLE, start, String.format(
                        "option header 0x%02x: nibble 15 is reserved outside the payload marker", first));
            }
            int[] cursor = {pos};
            delta = readExtended(b, cursor, delta);
            if (delta < 0) {
                return reject(CoapRejection.TRUNCATED_OPTION, cursor[0], "option extended delta cut off");
            }
            valueLength = readExtended(b, cursor, valueLength);
            if (valueLength < 0) {
                return reject(CoapRejection.TRUNCATED_OPTION, cursor[0], "option extended length cut off");
            }
            pos = cursor[0];
            number += delta;
            if (number > CoapOption.MAX_NUMBER) {
                return reject(CoapRejection.OPTION_NUMBER_TOO_LARGE, start, "option number " + number
                        + " is larger than 65535");
            }
            if (valueLength > CoapOption.MAX_VALUE_LENGTH) {
                return reject(CoapRejection.OPTION_TOO_LONG, start, "option " + number + " value of "
                        + valueLength + " octets, at most " + CoapOption.MAX_VALUE_LENGTH + " accepted");
            }
            if (n - pos < valueLength) {
                return reject(CoapRejection.TRUNCATED_OPTION, pos, "option " + number + " value of " + valueLength
                        + " octets, only " + (n - pos) + " left");
            }
            options.add(new CoapOption(number, Arrays.copyOfRange(b, pos, pos + valueLength)));
            pos += valueLength;
        }
        return new CoapDecodeResult.Decoded(new CoapMessage(type, code, messageId, token, options, payload));
    }

    /** Resolves a 13/14 nibble from the octets at {@code cursor[0]}, advancing it; -1 if they are cut off. */
    private static int readExtended(byte[] b, int[] cursor, int nibble) {
        int pos = cursor[0];
        if (nibble == EXTENDED_8) {
            if (pos + 1 > b.length) {
                return -1;
            }
            cursor[0] = pos + 1;
            return (b[pos] & 0xff) + EXTENDED_8;
        }
        if (nibble == EXTENDED_16) {
            if (pos + 2 > b.length) {
                return -1;
            }
            cursor[0] = pos + 2;
            return ((b[pos] & 0xff) << 8 | (b[pos + 1] & 0xff)) + OFFSET_16;
        }
        return nibble;
    }

    /**
     * The message ID of a datagram that a recipient must reject with an RST although it cannot be decoded: a
     * version-1 CON with a readable header (RFC 7252 4.2: a CON with a message format error is rejected, and 3:
     * other versions are silently ignored). Empty otherwise.
     */
    public static OptionalInt confirmableMessageId(byte[] datagram) {
        if (datagram.length < HEADER_LENGTH || (datagram[0] & 0xff) >> 6 != VERSION
                || CoapType.ofBits(datagram[0] >> 4) != CoapType.CON) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((datagram[2] & 0xff) << 8 | (datagram[3] & 0xff));
    }

    private static CoapDecodeResult reject(CoapRejection reason, int offset, String detail) {
        return new CoapDecodeResult.Rejected(reason, offset, detail);
    }
}
