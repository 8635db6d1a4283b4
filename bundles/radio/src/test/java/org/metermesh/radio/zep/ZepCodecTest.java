package org.metermesh.radio.zep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class ZepCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private final ZepCodec codec = new ZepCodec();

    @Test
    void dataPacketLayoutMatchesWiresharkAndRiot() {
        ZepPacket.Data data = new ZepPacket.Data(17, 0x1234, true, 200, 0x0102030405060708L, 0xa0b0c0d0L,
                HEX.parseHex("0102aabb"));
        assertThat(HEX.formatHex(codec.encode(data))).isEqualTo(
                "4558" + "02" + "01"            // "EX", version 2, type data
                + "11" + "1234" + "01" + "c8"    // channel 17, device id, CRC mode, LQI 200
                + "0102030405060708"             // NTP timestamp
                + "a0b0c0d0"                     // sequence
                + "00000000000000000000"         // reserved
                + "04" + "0102aabb");            // length, PSDU
    }

    @Test
    void ackLayout() {
        assertThat(HEX.formatHex(codec.encode(new ZepPacket.Ack(0xfffffffeL)))).isEqualTo("45580202fffffffe");
    }

    @Test
    void roundTripsBothModesAckAndTheLongestPsdu() {
        byte[] longest = new byte[ZepCodec.MAX_PSDU];
        Arrays.fill(longest, (byte) 0xee);
        ZepPacket[] packets = {
            new ZepPacket.Data(26, 0xffff, true, 255, -1L, 0xffffffffL, longest),
            new ZepPacket.Data(0, 0, false, 0, 0, 0, new byte[] {1, 2}),
            new ZepPacket.Ack(7)
        };
        for (ZepPacket packet : packets) {
            assertThat(codec.decode(codec.encode(packet)).packet()).isEqualTo(packet);
        }
    }

    @Test
    void corruptingPreambleVersionOrTypeGivesItsReason() {
        byte[] valid = codec.encode(sample());
        assertRejected(with(valid, 0, 'e'), ZepRejection.BAD_PREAMBLE);
        assertRejected(with(valid, 1, 'Y'), ZepRejection.BAD_PREAMBLE);
        assertRejected(with(valid, 2, 1), ZepRejection.UNSUPPORTED_VERSION);
        assertRejected(with(valid, 2, 3), ZepRejection.UNSUPPORTED_VERSION);
        assertRejected(with(valid, 3, 3), ZepRejection.UNKNOWN_TYPE);
        assertRejected(with(valid, 3, 0), ZepRejection.UNKNOWN_TYPE);
    }

    @Test
    void lengthFieldMustMatchThePsdu() {
        byte[] valid = codec.encode(sample()); // PSDU of 4
        assertRejected(with(valid, 31, 5), ZepRejection.TRUNCATED);
        assertRejected(with(valid, 31, 3), ZepRejection.TRAILING_OCTETS);
        assertRejected(with(valid, 31, 1), ZepRejection.BAD_PSDU_LENGTH);
        assertRejected(with(valid, 31, 0x84), ZepRejection.BAD_PSDU_LENGTH); // over 127: top bit set
        ZepCodec classic = new ZepCodec(16);
        byte[] long20 = codec.encode(new ZepPacket.Data(11, 1, true, 1, 0, 1, new byte[20]));
        assertThat(classic.decode(long20).rejection()).isEqualTo(ZepRejection.BAD_PSDU_LENGTH);
    }

    @Test
    void everyTruncationIsRejectedNeverThrown() {
        byte[] data = codec.encode(sample());
        for (int length = 0; length < data.length; length++) {
            ZepDecodeResult result = codec.decode(Arrays.copyOf(data, length));
            ZepRejection expected = length < ZepCodec.DATA_HEADER_LENGTH ? ZepRejection.TOO_SHORT
                    : ZepRejection.TRUNCATED;
            assertThat(result.rejection()).as("cut to %d", length).isEqualTo(expected);
        }
        byte[] ack = codec.encode(new ZepPacket.Ack(1));
        for (int length = 4; length < ack.length; length++) {
            assertThat(codec.decode(Arrays.copyOf(ack, length)).rejection()).isEqualTo(ZepRejection.TOO_SHORT);
        }
        assertThat(codec.decode(Arrays.copyOf(ack, 9)).rejection()).isEqualTo(ZepRejection.TRAILING_OCTETS);
    }

    @Test
    void anyNonZeroModeOctetIsCrcModeAndReservedOctetsAreIgnored() {
        byte[] valid = codec.encode(new ZepPacket.Data(11, 1, false, 1, 0, 1, new byte[] {1, 2}));
        byte[] odd = with(with(valid, 7, 0x05), 25, 0x99);
        ZepPacket.Data decoded = (ZepPacket.Data) codec.decode(odd).packet();
        assertThat(decoded.crcMode()).isTrue();
    }

    @Test
    void decodesFromAnOffsetInALargerBuffer() {
        byte[] valid = codec.encode(sample());
        byte[] buffer = new byte[valid.length + 10];
        System.arraycopy(valid, 0, buffer, 5, valid.length);
        assertThat(codec.decode(buffer, 5, valid.length).packet()).isEqualTo(sample());
    }

    @Test
    void limitsAreEnforcedOnConstruction() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ZepCodec(128));
        assertThatIllegalArgumentException().isThrownBy(() -> new ZepCodec(1));
        assertThatIllegalArgumentException().isThrownBy(() -> new ZepPacket.Data(11, 1, true, 1, 0, 1, new byte[128]));
        assertThatIllegalArgumentException().isThrownBy(() -> new ZepPacket.Data(256, 1, true, 1, 0, 1, new byte[2]));
        assertThatIllegalArgumentException().isThrownBy(() -> new ZepPacket.Ack(1L << 32));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ZepCodec(16).encode(new ZepPacket.Data(11, 1, true, 1, 0, 1, new byte[17])));
    }

    private static ZepPacket.Data sample() {
        return new ZepPacket.Data(17, 0x1234, true, 200, 0x0102030405060708L, 42, HEX.parseHex("0102aabb"));
    }

    private void assertRejected(byte[] datagram, ZepRejection expected) {
        ZepDecodeResult result = codec.decode(datagram);
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.rejection()).isEqualTo(expected);
    }

    private static byte[] with(byte[] datagram, int index, int value) {
        byte[] copy = datagram.clone();
        copy[index] = (byte) value;
        return copy;
    }
}
