package org.metermesh.rpl.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.metermesh.rpl.message.RplMessage.Dao;
import org.metermesh.rpl.message.RplOption.RplTarget;
import org.metermesh.rpl.message.RplOption.TransitInformation;
import org.metermesh.rpl.testsupport.Hex;

/** Bodies that break exactly one rule, each with the reason and offset it must be rejected with. */
class RplCodecCorruptionTest {

    private static final String DODAGID = "fd000000000000000000000000000001";
    private static final String DIO_BASE = "1e f0 0100 88 f0 0000 " + DODAGID;
    private static final String PREFIX16 = "fd000000000000000000000000000000";

    private final RplCodec codec = RplCodec.defaults();

    private RplDecodeResult.Rejected rejected(RplCodec c, int code, byte[] body) {
        RplDecodeResult r = c.decode(code, body);
        assertThat(r).as("decoding code %d body %s", code, Hex.string(body))
                .isInstanceOf(RplDecodeResult.Rejected.class);
        return (RplDecodeResult.Rejected) r;
    }

    @ParameterizedTest(name = "{0} @{1}: {4}")
    @CsvSource(delimiter = '|', value = {
        // reason          | offset | code | body (hex; capitals are expanded, see below) | what is wrong
        "TRUNCATED_BASE    | 0      | 0    | ''                                           | DIS without flags",
        "TRUNCATED_BASE    | 0      | 0    | 00                                           | DIS without reserved",
        "TRUNCATED_BASE    | 0      | 1    | ''                                           | empty DIO",
        "TRUNCATED_BASE    | 4      | 1    | 1e f0 0100                                   | DIO cut after the rank",
        "TRUNCATED_BASE    | 8      | 1    | 1e f0 0100 88 f0 0000 fd00                   | DIO DODAGID cut",
        "TRUNCATED_BASE    | 3      | 2    | 1e 00 00                                     | DAO without DAOSequence",
        "TRUNCATED_BASE    | 4      | 2    | 1e 40 00 01                                  | DAO D flag, no DODAGID",
        "TRUNCATED_BASE    | 4      | 2    | 1e 40 00 01 fd00000000000000000000000000     | DAO DODAGID cut",
        "TRUNCATED_BASE    | 3      | 3    | 1e 00 05                                     | DAO-ACK without status",
        "TRUNCATED_BASE    | 4      | 3    | 1e 80 05 00                                  | DAO-ACK D flag, no DODAGID",
        "TRUNCATED_OPTION  | 3      | 0    | 0000 02                                      | metric container type only",
        "TRUNCATED_OPTION  | 26     | 1    | DIO_BASE 00 01                               | PadN after Pad1, no length",
        "OPTION_OVERRUN    | 2      | 0    | 0000 02 05 aabb                              | container of 5 with 2 left",
        "OPTION_OVERRUN    | 24     | 1    | DIO_BASE 04 0e 07080c0a                      | DODAG Configuration cut",
        "OPTION_OVERRUN    | 4      | 2    | 1e 00 00 01 ff 01                            | unknown option cut",
        "BAD_OPTION_LENGTH | 2      | 0    | 0000 01 06 000000000000                      | PadN of 8 octets",
        "BAD_OPTION_LENGTH | 24     | 1    | DIO_BASE 03 05 40 00 00000000                | Route Information of 5",
        "BAD_OPTION_LENGTH | 24     | 1    | DIO_BASE 04 0d 07080c0a04000080000100783c    | DODAG Configuration of 13",
        "BAD_OPTION_LENGTH | 24     | 1    | DIO_BASE 04 0f 07080c0a0400008000010078003c00 | Configuration of 15",
        "BAD_OPTION_LENGTH | 4      | 2    | 1e 00 00 01 05 01 00                         | RPL Target of 1",
        "BAD_OPTION_LENGTH | 4      | 2    | 1e 00 00 01 06 05 00 00 00 00 00             | Transit of 5",
        "BAD_OPTION_LENGTH | 4      | 2    | 1e 00 00 01 06 00                            | Transit of 0",
        "BAD_OPTION_LENGTH | 2      | 0    | 0000 07 12 1e e0 DODAGID                     | Solicited Info of 18",
        "BAD_OPTION_LENGTH | 4      | 2    | 1e 00 00 01 09 03 000000                     | Target Descriptor of 3",
        "BAD_OPTION_LENGTH | 24     | 1    | DIO_BASE 08 1d 40 40 LIFETIMES fd0000000000000000000000000000 | PIO of 29",
        "BAD_PREFIX_LENGTH | 4      | 2    | 1e 00 00 01 05 03 00 81 ff                   | Target prefix length 129",
        "BAD_PREFIX_LENGTH | 4      | 2    | 1e 00 00 01 05 09 00 40 20010db8000000       | /64 target in 7 octets",
        "BAD_PREFIX_LENGTH | 4      | 2    | 1e 00 00 01 05 13 00 80 PREFIX16 00         | target field of 17",
        "BAD_PREFIX_LENGTH | 24     | 1    | DIO_BASE 03 06 09 00 00000000                | /9 route without prefix",
        "BAD_PREFIX_LENGTH | 24     | 1    | DIO_BASE 03 07 c8 00 00000000 ff             | route prefix length 200",
        "BAD_PREFIX_LENGTH | 24     | 1    | DIO_BASE 08 1e 81 40 LIFETIMES PREFIX16      | PIO prefix 129",
    })
    void rejectsWithTheExactReasonAndOffset(RplRejectReason reason, int offset, int code, String body, String what) {
        byte[] bytes = Hex.bytes(body.replace("DIO_BASE", DIO_BASE).replace("DODAGID", DODAGID)
                .replace("LIFETIMES", "ffffffff ffffffff 00000000").replace("PREFIX16", PREFIX16));
        RplDecodeResult.Rejected r = rejected(codec, code, bytes);
        assertThat(r.reason()).as(what).isEqualTo(reason);
        assertThat(r.offset()).as(what + ": offset").isEqualTo(offset);
        assertThat(r.detail()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x80, 0x81, 0x82, 0x83, 0x8a})
    void secureVariantsAreUnsupported(int code) {
        RplDecodeResult.Rejected r = rejected(codec, code, Hex.bytes(DIO_BASE));
        assertThat(r.reason()).isEqualTo(RplRejectReason.UNSUPPORTED_SECURE);
        assertThat(r.reason().counterName()).isEqualTo("dropped:unsupported_secure");
        assertThat(r.detail()).contains(String.format("0x%02x", code));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x04, 0x7f, 0x84, 0x89, 0x8b, 0xff, 256, -1})
    void undefinedCodesAreUnknown(int code) {
        assertThat(rejected(codec, code, Hex.bytes(DIO_BASE)).reason()).isEqualTo(RplRejectReason.UNKNOWN_CODE);
    }

    @Test
    void limitsSetInTheConstructorAreEnforced() {
        RplCodec small = new RplCodec(64, 3);
        RplDecodeResult.Rejected tooLong = rejected(small, 0, new byte[65]);
        assertThat(tooLong.reason()).isEqualTo(RplRejectReason.MESSAGE_TOO_LONG);
        assertThat(tooLong.offset()).isEqualTo(64);
        assertThat(small.decode(0, Hex.bytes("0000 02 3c" + "00".repeat(60)))) // 64 octets
                .isInstanceOf(RplDecodeResult.Decoded.class);
        RplDecodeResult.Rejected tooMany = rejected(small, 0, Hex.bytes("0000 00 00 00 00"));
        assertThat(tooMany.reason()).isEqualTo(RplRejectReason.TOO_MANY_OPTIONS);
        assertThat(tooMany.offset()).isEqualTo(5);
        assertThat(small.decode(0, Hex.bytes("0000 00 00 00"))).isInstanceOf(RplDecodeResult.Decoded.class);
    }

    @Test
    void icmpv6HeaderIsChecked() {
        assertThat(codec.decodeIcmpv6(Hex.bytes("9b00"), 0, 2)).isEqualTo(
                new RplDecodeResult.Rejected(RplRejectReason.NOT_RPL, 0,
                        "ICMPv6 message of 2 octets has no room for its 4-octet header"));
        RplDecodeResult notRpl = codec.decodeIcmpv6(Hex.bytes("86 00 0000 00000000"), 0, 8); // a Router Advertisement
        assertThat(((RplDecodeResult.Rejected) notRpl).reason()).isEqualTo(RplRejectReason.NOT_RPL);
        RplDecodeResult secure = codec.decodeIcmpv6(Hex.bytes("9b 81 0000 00"), 0, 5);
        assertThat(((RplDecodeResult.Rejected) secure).reason()).isEqualTo(RplRejectReason.UNSUPPORTED_SECURE);
    }

    @Test
    void corruptingOneOctetOfAGoodDaoGivesTheExactError() {
        Dao dao = new Dao(0x1e, true, 5, Optional.of(Samples.ROOT), List.of(RplTarget.host(Samples.METER),
                new TransitInformation(false, 0x80, 1, 30, Optional.of(Samples.PARENT))));
        byte[] good = codec.encode(dao);
        int target = 4 + 16;              // base 4 + DODAGID
        int transit = target + 2 + 18;    // RPL Target: Type, Length, Flags, Prefix Length, 16 octets

        byte[] badTransitLength = good.clone();
        badTransitLength[transit + 1] = 0x13;       // 19: neither 4 nor 20
        assertThat(rejected(codec, 2, badTransitLength))
                .extracting(RplDecodeResult.Rejected::reason, RplDecodeResult.Rejected::offset)
                .containsExactly(RplRejectReason.BAD_OPTION_LENGTH, transit);

        byte[] badPrefixLength = good.clone();
        badPrefixLength[target + 3] = (byte) 0x81;  // 129 bits
        assertThat(rejected(codec, 2, badPrefixLength))
                .extracting(RplDecodeResult.Rejected::reason, RplDecodeResult.Rejected::offset)
                .containsExactly(RplRejectReason.BAD_PREFIX_LENGTH, target);

        byte[] noDodagId = good.clone();
        noDodagId[1] = (byte) 0x80;                 // D cleared: the DODAGID octets now read as options
        assertThat(rejected(codec, 2, noDodagId).reason()).isEqualTo(RplRejectReason.OPTION_OVERRUN);

        byte[] cut = java.util.Arrays.copyOf(good, good.length - 1);
        assertThat(rejected(codec, 2, cut))
                .extracting(RplDecodeResult.Rejected::reason, RplDecodeResult.Rejected::offset)
                .containsExactly(RplRejectReason.OPTION_OVERRUN, transit);

        byte[] secure = good.clone();
        assertThat(rejected(codec, 0x82, secure).reason()).isEqualTo(RplRejectReason.UNSUPPORTED_SECURE);
    }
}
