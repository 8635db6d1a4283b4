package org.metermesh.telemetry.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The RFC 7252 3 wire format: round trips, RFC examples, and one corrupted or cut octet at a time. */
class CoapCodecTest {

    static final HexFormat HEX = HexFormat.of();

    static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static CoapMessage decoded(byte[] datagram) {
        CoapDecodeResult result = CoapCodec.decode(datagram);
        assertThat(result).as(HEX.formatHex(datagram)).isInstanceOf(CoapDecodeResult.Decoded.class);
        return ((CoapDecodeResult.Decoded) result).message();
    }

    static CoapDecodeResult.Rejected rejected(byte[] datagram) {
        CoapDecodeResult result = CoapCodec.decode(datagram);
        assertThat(result).as(HEX.formatHex(datagram)).isInstanceOf(CoapDecodeResult.Rejected.class);
        return (CoapDecodeResult.Rejected) result;
    }

    static void assertRejected(String datagram, CoapRejection reason, int offset) {
        CoapDecodeResult.Rejected r = rejected(hex(datagram));
        assertThat(r.reason()).as(datagram + ": " + r.detail()).isEqualTo(reason);
        assertThat(r.offset()).as(datagram + ": " + r.detail()).isEqualTo(offset);
        assertThat(r.detail()).isNotBlank();
    }

    /** RFC 7252 Appendix A, Figure 16: CON [0x7d34] GET /temperature, answered by ACK [0x7d34] 2.05 "22.3 C". */
    @Test
    void rfc7252FigureSixteenGetTemperature() {
        CoapMessage get = new CoapMessage(CoapType.CON, CoapCode.GET, 0x7d34, new byte[0],
                CoapMessage.pathOptions("/temperature"), new byte[0]);
        byte[] getWire = hex("40 01 7d34 bb");
        byte[] expected = new byte[getWire.length + 11];
        System.arraycopy(getWire, 0, expected, 0, getWire.length);
        System.arraycopy(ascii("temperature"), 0, expected, getWire.length, 11);
        assertThat(CoapCodec.encode(get)).isEqualTo(expected);
        assertThat(decoded(expected)).isEqualTo(get);
        assertThat(decoded(expected).uriPath()).isEqualTo("/temperature");

        CoapMessage content = CoapMessage.piggybackedResponse(get, CoapCode.CONTENT, List.of(), ascii("22.3 C"));
        byte[] contentWire = hex("60 45 7d34 ff 32322e332043");
        assertThat(CoapCodec.encode(content)).isEqualTo(contentWire);
        assertThat(decoded(contentWire)).isEqualTo(content);
    }

    /**
     * RFC 7252 5.2.2, Figure 5: CON [0x7a10] GET /temperature (Token 0x73), Empty ACK [0x7a10], later
     * CON [0x23bb] 2.05 Content (Token 0x73) "22.5 C", Empty ACK [0x23bb].
     */
    @Test
    void rfc7252FigureFiveSeparateResponse() {
        CoapMessage get = CoapMessage.request(CoapType.CON, CoapCode.GET, "/temperature", new byte[0])
                .withMessageId(0x7a10).withToken(new byte[] {0x73});
        assertThat(HEX.formatHex(CoapCodec.encode(get)))
                .isEqualTo("41017a1073bb" + HEX.formatHex(ascii("temperature")));
        assertThat(CoapCodec.encode(CoapMessage.emptyAck(0x7a10))).isEqualTo(hex("60 00 7a10"));
        byte[] separate = hex("41 45 23bb 73 ff 32322e352043");
        CoapMessage m = decoded(separate);
        assertThat(m.type()).isEqualTo(CoapType.CON);
        assertThat(m.code()).isEqualTo(CoapCode.CONTENT).hasToString("2.05");
        assertThat(m.messageId()).isEqualTo(0x23bb);
        assertThat(m.token()).containsExactly(0x73);
        assertThat(m.payloadString()).isEqualTo("22.5 C");
        assertThat(CoapCodec.encode(m)).isEqualTo(separate);
        assertThat(decoded(hex("60 00 23bb"))).isEqualTo(CoapMessage.emptyAck(0x23bb));
        assertThat(CoapCodec.encode(CoapMessage.reset(0x7d34))).isEqualTo(hex("70 00 7d34"));
    }

    @Test
    void codesPrintAsClassDotDetail() {
        assertThat(CoapCode.POST).hasToString("0.02");
        assertThat(CoapCode.CHANGED).hasToString("2.04");
        assertThat(CoapCode.NOT_FOUND).hasToString("4.04");
        assertThat(CoapCode.UNSUPPORTED_CONTENT_FORMAT).hasToString("4.15");
        assertThat(CoapCode.ofByte(0x84)).isEqualTo(CoapCode.NOT_FOUND);
        assertThat(CoapCode.CHANGED.toByte()).isEqualTo(0x44);
        assertThatThrownBy(() -> new CoapCode(8, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoapCode(2, 32)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Option deltas and lengths at every boundary of the 4-bit, 13 (8-bit) and 14 (16-bit) forms (RFC 7252 3.1). */
    @Test
    void extendedDeltaAndLengthFormsRoundTrip() {
        int[] lengths = {0, 1, 12, 13, 14, 268, 269, 270, 1024};
        int[] numbers = {1, 12, 13, 14, 268, 269, 270, 1000, 65535};
        for (int number : numbers) {
            for (int length : lengths) {
                byte[] value = new byte[length];
                for (int i = 0; i < length; i++) {
                    value[i] = (byte) (i * 7 + number);
                }
                CoapMessage m = new CoapMessage(CoapType.NON, CoapCode.PUT, 0xbeef, new byte[] {1, 2, 3},
                        List.of(new CoapOption(number, value)), ascii("p"));
                byte[] wire = CoapCodec.encode(m);
                assertThat(wire).hasSize(CoapCodec.encodedLength(m));
                assertThat(decoded(wire)).as("option %d, %d octets", number, length).isEqualTo(m);
            }
        }
        // the exact octets of the 13 and 14 forms: delta 13 -> D0 00; delta 269 and length 270 -> EE 00 00 00 01
        CoapMessage m = new CoapMessage(CoapType.CON, CoapCode.GET, 1, new byte[0],
                List.of(new CoapOption(13, new byte[0]), new CoapOption(13 + 269, new byte[270])), new byte[0]);
        byte[] wire = CoapCodec.encode(m);
        assertThat(HEX.formatHex(wire, 0, 11)).isEqualTo("40010001" + "d000" + "ee" + "0000" + "0001");
    }

    @Test
    void optionsAreSortedStablyAndHelpersReadThem() {
        CoapMessage m = CoapMessage.request(CoapType.CON, CoapCode.POST, "/u/7", ascii("x"))
                .withOption(CoapOption.uriQuery("full"))
                .withOption(CoapOption.contentFormat(42))
                .withOption(CoapOption.uriQuery("id=7"));
        assertThat(m.options()).extracting(CoapOption::number).containsExactly(11, 11, 12, 15, 15);
        CoapMessage back = decoded(CoapCodec.encode(m.withMessageId(9).withToken(new byte[] {5})));
        assertThat(back.uriPath()).isEqualTo("/u/7");
        assertThat(back.uriQuery()).containsExactly("full", "id=7");
        assertThat(back.contentFormat()).hasValue(42);
        assertThat(CoapMessage.request(CoapType.NON, CoapCode.GET, "/", new byte[0]).uriPath()).isEqualTo("/");
        assertThat(CoapOption.contentFormat(0).length()).isZero();  // RFC 7252 3.2: uint 0 is no octets
        assertThat(CoapOption.ofUint(14, 0x10000).value()).containsExactly(1, 0, 0);
    }

    @Test
    void encodingRefusesAnEmptyMessageWithContent() {
        CoapMessage bad = new CoapMessage(CoapType.ACK, CoapCode.EMPTY, 1, new byte[] {1}, List.of(), new byte[0]);
        assertThatThrownBy(() -> CoapCodec.encode(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4.1");
        assertThatThrownBy(() -> new CoapMessage(CoapType.CON, CoapCode.GET, 0x10000, new byte[0], List.of(),
                new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoapMessage(CoapType.CON, CoapCode.GET, 1, new byte[9], List.of(),
                new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachRejectionReasonForItsExactFault() {
        assertRejected("", CoapRejection.TOO_SHORT, 0);
        assertRejected("40 01 00", CoapRejection.TOO_SHORT, 0);
        assertRejected("00 01 0001", CoapRejection.BAD_VERSION, 0);
        assertRejected("80 01 0001", CoapRejection.BAD_VERSION, 0);
        assertRejected("c0 01 0001", CoapRejection.BAD_VERSION, 0);
        for (int tkl = 9; tkl <= 15; tkl++) {
            assertRejected(String.format("4%x 01 0001 0102030405060708090a0b0c0d0e0f", tkl),
                    CoapRejection.BAD_TOKEN_LENGTH, 0);
        }
        assertRejected("42 01 0001 aa", CoapRejection.TRUNCATED_TOKEN, 4);
        assertRejected("48 01 0001", CoapRejection.TRUNCATED_TOKEN, 4);
        assertRejected("40 20 0001", CoapRejection.RESERVED_CODE_CLASS, 1);  // 1.00
        assertRejected("40 c1 0001", CoapRejection.RESERVED_CODE_CLASS, 1);  // 6.01
        assertRejected("40 e0 0001", CoapRejection.RESERVED_CODE_CLASS, 1);  // 7.00
        assertRejected("40 01 0001 f0", CoapRejection.RESERVED_OPTION_NIBBLE, 4);
        assertRejected("40 01 0001 b1 61 1f", CoapRejection.RESERVED_OPTION_NIBBLE, 6);
        assertRejected("40 01 0001 d0", CoapRejection.TRUNCATED_OPTION, 5);
        assertRejected("40 01 0001 e0 00", CoapRejection.TRUNCATED_OPTION, 5);
        assertRejected("40 01 0001 0d", CoapRejection.TRUNCATED_OPTION, 5);
        assertRejected("40 01 0001 0e 01", CoapRejection.TRUNCATED_OPTION, 5);
        assertRejected("40 01 0001 b3 6162", CoapRejection.TRUNCATED_OPTION, 5);
        assertRejected("40 01 0001 e0 ffff", CoapRejection.OPTION_NUMBER_TOO_LARGE, 4);  // 65804
        assertRejected("40 01 0001 e0 fef2 10", CoapRejection.OPTION_NUMBER_TOO_LARGE, 7);  // 65535 + 1
        assertRejected("40 01 0001 be 0300", CoapRejection.OPTION_TOO_LONG, 4);  // 1037 octets
        assertRejected("40 01 0001 ff", CoapRejection.EMPTY_PAYLOAD_AFTER_MARKER, 4);
        assertRejected("41 01 0001 07 ff", CoapRejection.EMPTY_PAYLOAD_AFTER_MARKER, 5);
        assertRejected("60 00 0001 ff 00", CoapRejection.EMPTY_WITH_CONTENT, 4);
        assertRejected("61 00 0001 07", CoapRejection.EMPTY_WITH_CONTENT, 0);
        assertRejected("70 00 0001 b1 61", CoapRejection.EMPTY_WITH_CONTENT, 4);
        // and the accepted neighbours of those faults
        assertThat(decoded(hex("40 01 0001 e0 fef2")).options()).containsExactly(new CoapOption(65535, new byte[0]));
        assertThat(decoded(hex("48 01 0001 0102030405060708")).tokenLength()).isEqualTo(8);
        assertThat(decoded(hex("70 00 0001"))).isEqualTo(CoapMessage.reset(1));
    }

    /** A request as a meter sends it; cutting it anywhere gives the rejection of the field that was cut. */
    @Test
    void truncationAtEveryOctetGivesTheExactRejection() {
        CoapMessage m = new CoapMessage(CoapType.CON, CoapCode.POST, 0x1234, new byte[] {0x0a, 0x0b},
                List.of(CoapOption.uriPath("u"), CoapOption.contentFormat(60), new CoapOption(300, new byte[14])),
                ascii("kWh"));
        byte[] wire = CoapCodec.encode(m);
        assertThat(HEX.formatHex(wire, 10, 14)).isEqualTo("ed001301");
        // 4 header, 2 token, [b1 'u'] [11 3c] [ed 0013 01 +14 octets] ff 'kWh'
        List<CoapRejection> expected = new ArrayList<>();
        for (int cut = 0; cut < wire.length; cut++) {
            CoapRejection reason;
            if (cut < 4) {
                reason = CoapRejection.TOO_SHORT;
            } else if (cut < 6) {
                reason = CoapRejection.TRUNCATED_TOKEN;
            } else if (cut == 6 || cut == 8 || cut == 10) {
                reason = null;  // cut between options: a shorter but valid message
            } else if (cut < 28) {
                reason = CoapRejection.TRUNCATED_OPTION;
            } else if (cut == 28) {
                reason = null;  // all options, no payload
            } else if (cut == 29) {
                reason = CoapRejection.EMPTY_PAYLOAD_AFTER_MARKER;
            } else {
                reason = null;  // a shorter payload
            }
            expected.add(reason);
        }
        for (int cut = 0; cut < wire.length; cut++) {
            CoapDecodeResult r = CoapCodec.decode(wire, 0, cut);
            if (expected.get(cut) == null) {
                assertThat(r).as("cut at %d", cut).isInstanceOf(CoapDecodeResult.Decoded.class);
            } else {
                assertThat(r).as("cut at %d", cut).isInstanceOf(CoapDecodeResult.Rejected.class);
                assertThat(((CoapDecodeResult.Rejected) r).reason()).as("cut at %d", cut).isEqualTo(expected.get(cut));
            }
        }
        assertThat(decoded(wire)).isEqualTo(m);
    }

    /** Every value of every octet of a valid message: decoding never throws and a decoded message re-encodes. */
    @Test
    void everySingleOctetCorruptionIsDecodedOrRejectedNeverThrown() {
        CoapMessage m = new CoapMessage(CoapType.NON, CoapCode.CHANGED, 0xfffe, new byte[] {(byte) 0xff},
                List.of(CoapOption.uriPath("d"), CoapOption.uriQuery("a=1"), new CoapOption(2000, new byte[20])),
                ascii("ok"));
        byte[] wire = CoapCodec.encode(m);
        int rejectedCount = 0;
        for (int i = 0; i < wire.length; i++) {
            for (int v = 0; v < 256; v++) {
                byte[] corrupt = wire.clone();
                corrupt[i] = (byte) v;
                CoapDecodeResult r = CoapCodec.decode(corrupt);
                if (r instanceof CoapDecodeResult.Decoded d) {
                    if (!d.message().code().isEmpty()) {
                        assertThat(CoapCodec.decode(CoapCodec.encode(d.message())))
                                .isEqualTo(new CoapDecodeResult.Decoded(d.message()));
                    }
                } else {
                    rejectedCount++;
                }
            }
        }
        assertThat(rejectedCount).isPositive();
        // one octet of the header that the RFC makes fatal: version 2 (0x80 | NON | TKL 1)
        byte[] badVersion = wire.clone();
        badVersion[0] = (byte) 0x91;
        assertThat(rejected(badVersion).reason()).isEqualTo(CoapRejection.BAD_VERSION);
        byte[] reservedTkl = wire.clone();
        reservedTkl[0] = (byte) 0x59;
        assertThat(rejected(reservedTkl).reason()).isEqualTo(CoapRejection.BAD_TOKEN_LENGTH);
    }

    @Test
    void decodeReadsASliceAndConfirmableIdIsFoundInRejectedDatagrams() {
        byte[] framed = hex("aaaa 50 03 0102 ff 6869 bbbb");
        CoapMessage m = ((CoapDecodeResult.Decoded) CoapCodec.decode(framed, 2, 7)).message();
        assertThat(m.type()).isEqualTo(CoapType.NON);
        assertThat(m.code()).isEqualTo(CoapCode.PUT);
        assertThat(m.payloadString()).isEqualTo("hi");
        assertThat(CoapCodec.confirmableMessageId(hex("4f 01 abcd"))).hasValue(0xabcd);
        assertThat(CoapCodec.confirmableMessageId(hex("5f 01 abcd"))).isEmpty();
        assertThat(CoapCodec.confirmableMessageId(hex("8f 01 abcd"))).isEmpty();
        assertThat(CoapCodec.confirmableMessageId(hex("40 01"))).isEmpty();
    }
}
