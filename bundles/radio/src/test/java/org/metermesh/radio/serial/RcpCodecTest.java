package org.metermesh.radio.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.metermesh.radio.serial.HdlcLiteTest.bytes;
import static org.metermesh.radio.serial.HdlcLiteTest.hex;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.metermesh.radio.phy.TxOutcome;

class RcpCodecTest {

    private final RcpCodec codec = new RcpCodec(RcpCodec.SUN_MAX_PSDU);

    @Test
    void layoutsMatchTheProtocolDocument() {
        assertThat(hex(codec.encode(new RcpMessage.Ping(0x1234)))).isEqualTo("013412");
        assertThat(hex(codec.encode(new RcpMessage.SetChannel(17)))).isEqualTo("0211");
        assertThat(hex(codec.encode(new RcpMessage.SetTxPower(-5)))).isEqualTo("03fb");
        assertThat(hex(codec.encode(new RcpMessage.Transmit(7, bytes(0x41, 0x88, 0x01)))))
                .isEqualTo("0407" + "0300" + "418801");
        assertThat(hex(codec.encode(new RcpMessage.CcaRequest()))).isEqualTo("05");
        assertThat(hex(codec.encode(new RcpMessage.Status(RcpCommand.SET_CHANNEL, RcpStatus.INVALID_ARGUMENT))))
                .isEqualTo("800201");
        assertThat(hex(codec.encode(new RcpMessage.Pong(0x1234, 1, "rcp")))).isEqualTo("81341201726370");
        assertThat(hex(codec.encode(new RcpMessage.TxDone(7, TxOutcome.CHANNEL_BUSY)))).isEqualTo("840701");
        assertThat(hex(codec.encode(new RcpMessage.CcaResult(true, -90)))).isEqualTo("8501a6");
        assertThat(hex(codec.encode(new RcpMessage.Receive(-60, 200, 17, 0x0102030405060708L, bytes(0xaa, 0xbb)))))
                .isEqualTo("86" + "c4" + "c8" + "11" + "0807060504030201" + "0200" + "aabb");
    }

    @Test
    void everyMessageRoundTrips() {
        byte[] longest = new byte[RcpCodec.SUN_MAX_PSDU];
        Arrays.fill(longest, (byte) 0x7e);
        List<RcpMessage> messages = List.of(
                new RcpMessage.Ping(0), new RcpMessage.Ping(0xffff),
                new RcpMessage.SetChannel(0), new RcpMessage.SetChannel(128),
                new RcpMessage.SetTxPower(-128), new RcpMessage.SetTxPower(127),
                new RcpMessage.Transmit(255, bytes(1)), new RcpMessage.Transmit(0, longest),
                new RcpMessage.CcaRequest(),
                new RcpMessage.Pong(42, RcpMessage.PROTOCOL_VERSION, ""),
                new RcpMessage.Pong(42, 1, "émulateur 1.0"),
                new RcpMessage.Status(RcpCommand.SET_TX_POWER, RcpStatus.OK),
                new RcpMessage.TxDone(1, TxOutcome.SENT), new RcpMessage.TxDone(2, TxOutcome.FAILED),
                new RcpMessage.CcaResult(false, -40),
                new RcpMessage.Receive(-128, 0, 0, -1L, bytes(1)),
                new RcpMessage.Receive(127, 255, 255, 0, longest));
        for (RcpMessage message : messages) {
            RcpDecodeResult result = codec.decode(codec.encode(message));
            assertThat(result.message()).as("%s", message).isEqualTo(message);
        }
        assertThat(codec.maxPayloadLength()).isEqualTo(RcpCodec.RECEIVE_HEADER + RcpCodec.SUN_MAX_PSDU);
    }

    @Test
    void unknownCommandIsRejected() {
        assertRejected(bytes(0x07), RcpRejection.UNKNOWN_COMMAND);
        assertRejected(bytes(0xff, 0x00), RcpRejection.UNKNOWN_COMMAND);
    }

    @Test
    void everyTruncationOfEveryMessageIsRejectedAsTruncated() {
        List<RcpMessage> messages = List.of(new RcpMessage.Ping(1), new RcpMessage.SetChannel(1),
                new RcpMessage.SetTxPower(1), new RcpMessage.Transmit(1, bytes(1, 2, 3)),
                new RcpMessage.Pong(1, 1, ""), new RcpMessage.Status(RcpCommand.SET_CHANNEL, RcpStatus.OK),
                new RcpMessage.TxDone(1, TxOutcome.SENT), new RcpMessage.CcaResult(true, -90),
                new RcpMessage.Receive(-60, 200, 17, 99, bytes(1, 2, 3)));
        for (RcpMessage message : messages) {
            byte[] payload = codec.encode(message);
            for (int length = 1; length < payload.length; length++) {
                RcpDecodeResult result = codec.decode(Arrays.copyOf(payload, length));
                assertThat(result.rejection()).as("%s cut to %d", message, length).isEqualTo(RcpRejection.TRUNCATED);
            }
        }
        assertRejected(new byte[0], RcpRejection.TRUNCATED);
    }

    @Test
    void octetsAfterTheLastFieldAreRejected() {
        assertRejected(bytes(0x01, 0x34, 0x12, 0x00), RcpRejection.TRAILING_OCTETS);
        assertRejected(bytes(0x05, 0x00), RcpRejection.TRAILING_OCTETS);
        assertRejected(bytes(0x04, 0x07, 0x01, 0x00, 0xaa, 0xbb), RcpRejection.TRAILING_OCTETS);
        assertRejected(bytes(0x84, 0x07, 0x00, 0x00), RcpRejection.TRAILING_OCTETS);
    }

    @Test
    void psduLengthOfZeroOrOverTheLimitIsRejected() {
        assertRejected(bytes(0x04, 0x07, 0x00, 0x00), RcpRejection.BAD_PSDU_LENGTH);
        RcpCodec classic = new RcpCodec(127);
        byte[] payload = codec.encode(new RcpMessage.Receive(-60, 200, 17, 1, new byte[128]));
        assertThat(classic.decode(payload).rejection()).isEqualTo(RcpRejection.BAD_PSDU_LENGTH);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> classic.encode(new RcpMessage.Transmit(1, new byte[128])));
    }

    @Test
    void undefinedFieldValuesAreRejected() {
        assertRejected(bytes(0x84, 0x07, 0x03), RcpRejection.BAD_VALUE); // tx status 3
        assertRejected(bytes(0x85, 0x02, 0xa6), RcpRejection.BAD_VALUE); // clear flag 2
        assertRejected(bytes(0x80, 0x02, 0x09), RcpRejection.BAD_VALUE); // status code 9
        assertRejected(bytes(0x80, 0x7f, 0x00), RcpRejection.BAD_VALUE); // status for an unknown command
        assertRejected(bytes(0x81, 0x01, 0x00, 0x01, 0xc3, 0x28), RcpRejection.BAD_VALUE); // invalid UTF-8
    }

    @Test
    void firmwareTextLongerThanTheLimitIsRejected() {
        byte[] payload = new byte[4 + RcpMessage.Pong.MAX_FIRMWARE_OCTETS + 1];
        payload[0] = (byte) 0x81;
        payload[3] = 1;
        Arrays.fill(payload, 4, payload.length, (byte) 'a');
        assertRejected(payload, RcpRejection.TRAILING_OCTETS);
    }

    @Test
    void messagesCopyTheirPsdu() {
        byte[] psdu = bytes(1, 2, 3);
        RcpMessage.Transmit transmit = new RcpMessage.Transmit(1, psdu);
        psdu[0] = 9;
        transmit.psdu()[1] = 9;
        assertThat(transmit.psdu()).containsExactly(1, 2, 3);
    }

    @Test
    void constructorsRejectOutOfRangeValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RcpMessage.SetChannel(256));
        assertThatIllegalArgumentException().isThrownBy(() -> new RcpMessage.Transmit(1, new byte[0]));
        assertThatIllegalArgumentException().isThrownBy(() -> new RcpMessage.Receive(0, 256, 1, 0, bytes(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new RcpCodec(0));
    }

    private void assertRejected(byte[] payload, RcpRejection expected) {
        RcpDecodeResult result = codec.decode(payload);
        assertThat(result.isSuccess()).as(hex(payload)).isFalse();
        assertThat(result.rejection()).as(hex(payload)).isEqualTo(expected);
    }
}
