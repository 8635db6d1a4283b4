package org.metermesh.radio.zep;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Encodes and decodes ZEP version 2 datagrams (UDP payloads), field by field as Wireshark's dissector
 * (epan/dissectors/packet-zep.c) and RIOT's {@code zep_v2_data_hdr_t} (sys/include/net/zep.h) lay them out.
 * All integers are big-endian (network order).
 *
 * <pre>
 * Data (type 1), 32-octet header:
 *   "EX" | version=2 | type=1 | channel | device id (2) | CRC/LQI mode | LQI | NTP timestamp (8)
 *   | sequence (4) | reserved (10, zero) | length (1, low 7 bits) | PSDU
 * Ack (type 2), 8 octets:
 *   "EX" | version=2 | type=2 | sequence (4)
 * </pre>
 *
 * <p>Decoding never throws; a datagram that is not a valid packet gives a {@link ZepRejection}. On receipt, any
 * non-zero mode octet means CRC mode and reserved octets are ignored, as Wireshark does. Stateless and thread-safe.
 */
public final class ZepCodec {

    /** The length field has seven usable bits (Wireshark and RIOT mask it with 0x7f). */
    public static final int MAX_PSDU = 127;
    /** Both modes end the PSDU with two octets (FCS or CC24xx metadata). */
    public static final int MIN_PSDU = 2;
    public static final int DATA_HEADER_LENGTH = 32;
    public static final int ACK_LENGTH = 8;

    static final int VERSION = 2;
    static final int TYPE_DATA = 1;
    static final int TYPE_ACK = 2;
    private static final int RESERVED_LENGTH = 10;

    private final int maxPsduLength;

    /** @param maxPsduLength longest PSDU encoded or accepted, {@value #MIN_PSDU} to {@value #MAX_PSDU} */
    public ZepCodec(int maxPsduLength) {
        if (maxPsduLength < MIN_PSDU || maxPsduLength > MAX_PSDU) {
            throw new IllegalArgumentException("maxPsduLength " + maxPsduLength + " is outside " + MIN_PSDU + ".."
                    + MAX_PSDU);
        }
        this.maxPsduLength = maxPsduLength;
    }

    public ZepCodec() {
        this(MAX_PSDU);
    }

    public int maxPsduLength() {
        return maxPsduLength;
    }

    /** @throws IllegalArgumentException if the PSDU is longer than this codec's limit */
    public byte[] encode(ZepPacket packet) {
        if (packet instanceof ZepPacket.Ack ack) {
            return ByteBuffer.allocate(ACK_LENGTH).put((byte) 'E').put((byte) 'X').put((byte) VERSION)
                    .put((byte) TYPE_ACK).putInt((int) ack.sequence()).array();
        }
        ZepPacket.Data data = (ZepPacket.Data) packet;
        byte[] psdu = data.psdu();
        if (psdu.length > maxPsduLength) {
            throw new IllegalArgumentException("PSDU of " + psdu.length + " octets exceeds " + maxPsduLength);
        }
        return ByteBuffer.allocate(DATA_HEADER_LENGTH + psdu.length)
                .put((byte) 'E').put((byte) 'X').put((byte) VERSION).put((byte) TYPE_DATA)
                .put((byte) data.channel())
                .putShort((short) data.deviceId())
                .put((byte) (data.crcMode() ? 1 : 0))
                .put((byte) data.lqi())
                .putLong(data.ntpTimestamp())
                .putInt((int) data.sequence())
                .put(new byte[RESERVED_LENGTH])
                .put((byte) psdu.length)
                .put(psdu)
                .array();
    }

    public ZepDecodeResult decode(byte[] datagram, int offset, int length) {
        if (length < 4) {
            return ZepDecodeResult.rejected(ZepRejection.TOO_SHORT);
        }
        ByteBuffer in = ByteBuffer.wrap(datagram, offset, length).slice();
        if (in.get() != 'E' || in.get() != 'X') {
            return ZepDecodeResult.rejected(ZepRejection.BAD_PREAMBLE);
        }
        if ((in.get() & 0xff) != VERSION) {
            return ZepDecodeResult.rejected(ZepRejection.UNSUPPORTED_VERSION);
        }
        int type = in.get() & 0xff;
        if (type == TYPE_ACK) {
            return decodeAck(in, length);
        }
        if (type == TYPE_DATA) {
            return decodeData(in, length);
        }
        return ZepDecodeResult.rejected(ZepRejection.UNKNOWN_TYPE);
    }

    public ZepDecodeResult decode(byte[] datagram) {
        return decode(datagram, 0, datagram.length);
    }

    private static ZepDecodeResult decodeAck(ByteBuffer in, int length) {
        if (length < ACK_LENGTH) {
            return ZepDecodeResult.rejected(ZepRejection.TOO_SHORT);
        }
        if (length > ACK_LENGTH) {
            return ZepDecodeResult.rejected(ZepRejection.TRAILING_OCTETS);
        }
        return ZepDecodeResult.of(new ZepPacket.Ack(in.getInt() & 0xffffffffL));
    }

    private ZepDecodeResult decodeData(ByteBuffer in, int length) {
        if (length < DATA_HEADER_LENGTH) {
            return ZepDecodeResult.rejected(ZepRejection.TOO_SHORT);
        }
        int channel = in.get() & 0xff;
        int deviceId = in.getShort() & 0xffff;
        boolean crcMode = in.get() != 0;
        int lqi = in.get() & 0xff;
        long ntpTimestamp = in.getLong();
        long sequence = in.getInt() & 0xffffffffL;
        in.position(in.position() + RESERVED_LENGTH);
        int psduLength = in.get() & 0xff;
        if (psduLength < MIN_PSDU || psduLength > maxPsduLength) {
            return ZepDecodeResult.rejected(ZepRejection.BAD_PSDU_LENGTH);
        }
        if (in.remaining() < psduLength) {
            return ZepDecodeResult.rejected(ZepRejection.TRUNCATED);
        }
        if (in.remaining() > psduLength) {
            return ZepDecodeResult.rejected(ZepRejection.TRAILING_OCTETS);
        }
        byte[] psdu = Arrays.copyOfRange(in.array(), in.arrayOffset() + in.position(),
                in.arrayOffset() + in.position() + psduLength);
        return ZepDecodeResult.of(new ZepPacket.Data(channel, deviceId, crcMode, lqi, ntpTimestamp, sequence, psdu));
    }
}
