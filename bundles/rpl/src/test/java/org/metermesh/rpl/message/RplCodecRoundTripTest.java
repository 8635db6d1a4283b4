package org.metermesh.rpl.message;

import org.metermesh.api.ipv6.Ipv6Address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metermesh.rpl.message.RplMessage.Dao;
import org.metermesh.rpl.message.RplMessage.DaoAck;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplMessage.Dis;
import org.metermesh.rpl.message.RplOption.DodagConfiguration;
import org.metermesh.rpl.message.RplOption.PrefixInformation;
import org.metermesh.rpl.message.RplOption.RouteInformation;
import org.metermesh.rpl.message.RplOption.RplTarget;
import org.metermesh.rpl.message.RplOption.SolicitedInformation;
import org.metermesh.rpl.message.RplOption.TransitInformation;
import org.metermesh.rpl.message.RplOption.Unknown;
import org.metermesh.rpl.testsupport.Hex;

/** Encode, decode, compare; and hand-assembled vectors laid out field by field after the RFC 6550 figures. */
class RplCodecRoundTripTest {

    private final RplCodec codec = RplCodec.defaults();

    static List<RplMessage> samples() {
        return Samples.all();
    }

    private static String withoutComments(String vector) {
        return vector.replaceAll("#[^\\n]*", "");
    }

    private RplMessage decoded(int code, byte[] body) {
        RplDecodeResult r = codec.decode(code, body);
        assertThat(r).as("decoding %s", Hex.string(body)).isInstanceOf(RplDecodeResult.Decoded.class);
        return ((RplDecodeResult.Decoded) r).message();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleRoundTrips(RplMessage message) {
        byte[] body = codec.encode(message);
        assertThat(body).hasSize(RplCodec.bodyLength(message));
        assertThat(decoded(message.code(), body)).isEqualTo(message);

        byte[] icmp = codec.encodeIcmpv6(message);
        assertThat(icmp[0] & 0xff).isEqualTo(155);
        assertThat(icmp[1] & 0xff).isEqualTo(message.code());
        assertThat(((RplDecodeResult.Decoded) codec.decodeIcmpv6(icmp, 0, icmp.length)).message()).isEqualTo(message);

        byte[] dst = new byte[body.length + 7];
        java.util.Arrays.fill(dst, (byte) 0x5a); // garbage the encoder must overwrite, padding included
        assertThat(codec.encode(message, dst, 3)).isEqualTo(body.length);
        assertThat(java.util.Arrays.copyOfRange(dst, 3, 3 + body.length)).isEqualTo(body);
    }

    @Test
    void dioWithConfigurationAndPrefixMatchesTheRfcLayout() {
        // RFC 6550 6.3.1 DIO base, 6.7.6 DODAG Configuration, 6.7.10 Prefix Information.
        byte[] body = Hex.bytes(withoutComments("""
                1e                                   # RPLInstanceID 30
                f0                                   # Version 240 (lollipop start, RFC 6550 7.2)
                0100                                 # Rank 256
                88                                   # G=1, 0, MOP=001 (non-storing), Prf=000
                f0                                   # DTSN 240
                00 00                                # Flags, Reserved
                fd000000000000000000000000000001     # DODAGID fd00::1
                04 0e                                # DODAG Configuration, length 14
                   07                                # Flags=0, A=0, PCS=7
                   08 0c 0a                          # DIOIntDoubl 8, DIOIntMin 12, DIORedun 10
                   0400 0080 0001                    # MaxRankIncrease 1024, MinHopRankIncrease 128, OCP 1
                   00 78 003c                        # Reserved, Def. Lifetime 120, Lifetime Unit 60 s
                08 1e                                # Prefix Information, length 30
                   40 40                             # Prefix Length 64, L=0 A=1 R=0
                   ffffffff ffffffff 00000000        # Valid, Preferred (infinite), Reserved2
                   fd000000000000000000000000000000  # Prefix fd00::
                """));
        Dio dio = (Dio) decoded(RplMessage.CODE_DIO, body);
        assertThat(dio).isEqualTo(new Dio(0x1e, 240, 256, true, Dio.MOP_NON_STORING, 0, 240, Samples.ROOT,
                List.of(Samples.CONFIG, Samples.PREFIX)));
        assertThat(dio.option(DodagConfiguration.class)).contains(Samples.CONFIG);
        assertThat(Samples.CONFIG.lifetimeSeconds(Samples.CONFIG.defaultLifetime())).isEqualTo(7200);
        assertThat(codec.encode(dio)).isEqualTo(body);
    }

    @Test
    void daoWithTargetAndTransitMatchesTheRfcLayout() {
        // RFC 6550 6.4.1 DAO base, 6.7.7 RPL Target, 6.7.8 Transit Information (non-storing: Parent Address).
        byte[] body = Hex.bytes(withoutComments("""
                1e c0 00 05                          # RPLInstanceID, K=1 D=1, Reserved, DAOSequence 5
                fd000000000000000000000000000001     # DODAGID
                05 12 00 80                          # RPL Target, length 18, Flags, Prefix Length 128
                   fd00000000000000 0212 4b00 0001 0002  # Target fd00::212:4b00:1:2
                06 14 00 80 01 1e                    # Transit, length 20, E=0, Path Control 0x80, Seq 1, Lifetime 30
                   fd00000000000000 0212 4b00 0001 0001  # Parent Address
                """));
        Dao dao = (Dao) decoded(RplMessage.CODE_DAO, body);
        assertThat(dao.ackRequested()).isTrue();
        assertThat(dao.dodagId()).contains(Samples.ROOT);
        assertThat(dao.optionsOf(RplTarget.class)).containsExactly(RplTarget.host(Samples.METER));
        assertThat(dao.option(TransitInformation.class)).contains(
                new TransitInformation(false, 0x80, 1, 30, Optional.of(Samples.PARENT)));
        assertThat(codec.encode(dao)).isEqualTo(body);
    }

    @Test
    void storingModeTransitHasNoParentAddress() {
        // RFC 6550 6.7.8: Option Length 4 without the Parent Address.
        byte[] body = Hex.bytes("1e 00 00 07  05 0a 00 40 20010db800000000  06 04 80 00 02 ff");
        Dao dao = (Dao) decoded(RplMessage.CODE_DAO, body);
        assertThat(dao).isEqualTo(new Dao(0x1e, false, 7, Optional.empty(),
                List.of(new RplTarget(64, Ipv6Address.parse("2001:db8::")),
                        new TransitInformation(true, 0, 2, TransitInformation.INFINITE, Optional.empty()))));
        assertThat(codec.encode(dao)).isEqualTo(body);
    }

    @Test
    void daoAckAndDisMatchTheRfcLayout() {
        // RFC 6550 6.5.1: RPLInstanceID, D|Reserved, DAOSequence, Status, DODAGID.
        byte[] ack = Hex.bytes("1e 80 05 80 fd000000000000000000000000000001");
        DaoAck decodedAck = (DaoAck) decoded(RplMessage.CODE_DAO_ACK, ack);
        assertThat(decodedAck).isEqualTo(new DaoAck(0x1e, 5, 128, Optional.of(Samples.ROOT), List.of()));
        assertThat(decodedAck.rejected()).isTrue();
        assertThat(codec.encode(decodedAck)).isEqualTo(ack);

        // RFC 6550 6.2.1 DIS and 6.7.9 Solicited Information: V=1 I=1 D=1.
        byte[] dis = Hex.bytes("00 00  07 13 1e e0 fd000000000000000000000000000001 f0");
        Dis decodedDis = (Dis) decoded(RplMessage.CODE_DIS, dis);
        assertThat(decodedDis.option(SolicitedInformation.class))
                .contains(new SolicitedInformation(0x1e, true, true, true, Samples.ROOT, 240));
        assertThat(codec.encode(decodedDis)).isEqualTo(dis);
    }

    @Test
    void reservedBitsAndFlagsAreIgnoredOnReceiptAndSentAsZero() {
        // DIS Flags/Reserved, DIO "0" bit, Flags, Reserved, DAO flag bits 5-0, Transit and Route reserved bits
        // (RFC 6550: "MUST be initialized to zero by the sender and MUST be ignored by the receiver").
        Dis dis = (Dis) decoded(RplMessage.CODE_DIS, Hex.bytes("ff ff"));
        assertThat(codec.encode(dis)).isEqualTo(Hex.bytes("0000"));
        Dio dio = (Dio) decoded(RplMessage.CODE_DIO,
                Hex.bytes("1e f0 0100 c8 f0 ff ff fd000000000000000000000000000001"));
        assertThat(dio.grounded()).isTrue();
        assertThat(dio.mop()).isEqualTo(Dio.MOP_NON_STORING);
        Dao dao = (Dao) decoded(RplMessage.CODE_DAO, Hex.bytes("1e 3f ff 01  06 04 7f 00 00 00"));
        assertThat(dao.dodagId()).isEmpty();
        assertThat(dao.option(TransitInformation.class).orElseThrow().external()).isFalse();
        RouteInformation ri = (RouteInformation) ((Dio) decoded(RplMessage.CODE_DIO,
                Hex.bytes("1e f0 0100 08 f0 0000 fd000000000000000000000000000001  03 07 08 e7 00000e10 ff")))
                .options().get(0);
        assertThat(ri.preference()).isEqualTo(0);             // e7 = 111 00 111: Prf 00, reserved bits set
        assertThat(ri.prefix()).isEqualTo(Ipv6Address.parse("ff00::"));
    }

    @Test
    void prefixBitsBeyondThePrefixLengthAreCleared() {
        // RFC 6550 6.7.5 and 6.7.7: bits after the prefix length are reserved, ignored on receipt. A prefix field
        // longer than needed (here 16 octets for a /64) is accepted; the encoder sends the minimum.
        byte[] body = Hex.bytes("1e 00 00 01  05 12 00 40 20010db8000000000000000000000001");
        Dao dao = (Dao) decoded(RplMessage.CODE_DAO, body);
        assertThat(dao.option(RplTarget.class)).contains(new RplTarget(64, Ipv6Address.parse("2001:db8::")));
        assertThat(codec.encode(dao)).isEqualTo(Hex.bytes("1e 00 00 01  05 0a 00 40 20010db800000000"));
        assertThat(new RplTarget(3, Ipv6Address.parse("ffff::")).prefix()).isEqualTo(Ipv6Address.parse("e000::"));
    }

    @Test
    void prefixInformationKeepsTheWholeAddressForTheRouterFlag() {
        // RFC 6550 6.7.10: with R set the prefix field holds the root's complete address.
        PrefixInformation pio = new PrefixInformation(64, false, true, true, 86400, 14400, Samples.ROOT);
        Dio dio = new Dio(0, 1, 256, false, 1, 0, 0, Samples.ROOT, List.of(pio));
        assertThat(((Dio) decoded(1, codec.encode(dio))).option(PrefixInformation.class).orElseThrow().prefix())
                .isEqualTo(Samples.ROOT);
    }

    @Test
    void unknownOptionsAreSkippedByTheirLengthAndKept() {
        // RFC 6550 6.7.1: type 0x0a (3 octets) and 0xff (empty) are not understood; the DODAG Configuration after
        // them is still read.
        byte[] body = Hex.bytes("1e f0 0100 08 f0 0000 fd000000000000000000000000000001"
                + "0a 03 010203  ff 00  04 0e 07 08 0c 0a 0400 0080 0001 00 78 003c");
        Dio dio = (Dio) decoded(RplMessage.CODE_DIO, body);
        assertThat(dio.options()).containsExactly(new Unknown(0x0a, Hex.bytes("010203")),
                new Unknown(0xff, new byte[0]), Samples.CONFIG);
        assertThat(codec.encode(dio)).isEqualTo(body);
    }

    @Test
    void valuesCheckTheirFieldWidths() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new Dio(256, 0, 0, false, 0, 0, 0, Samples.ROOT, List.of()));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new Dio(0, 0, 0x10000, false, 0, 0, 0, Samples.ROOT, List.of()));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new Dio(0, 0, 0, false, 8, 0, 0, Samples.ROOT, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new RplOption.PadN(8));
        assertThatIllegalArgumentException().isThrownBy(() -> new RplOption.PadN(1));
        assertThatIllegalArgumentException().isThrownBy(() -> new RplTarget(129, Samples.ROOT));
        assertThatIllegalArgumentException().isThrownBy(() -> new Unknown(0x05, new byte[0]));
        assertThatIllegalArgumentException().isThrownBy(() -> new RplOption.DagMetricContainer(new byte[256]));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new DodagConfiguration(false, 8, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new RplOption.TargetDescriptor(1L << 32));
    }

    @Test
    void encodingRefusesWhatTheLimitsForbid() {
        RplCodec small = new RplCodec(39, 2);
        Dio dio = new Dio(0, 0, 0, false, 0, 0, 0, Samples.ROOT, List.of(Samples.CONFIG)); // 24 + 16 octets
        assertThatIllegalArgumentException().isThrownBy(() -> small.encode(dio))
                .withMessage("body of 40 octets exceeds 39");
        Dis dis = new Dis(List.of(RplOption.Pad1.INSTANCE, RplOption.Pad1.INSTANCE, RplOption.Pad1.INSTANCE));
        assertThatIllegalArgumentException().isThrownBy(() -> small.encode(dis)).withMessageContaining("3 options");
        assertThatIllegalArgumentException().isThrownBy(() -> new RplCodec(3, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new RplCodec(100, 0));
    }

    @Test
    void byteArraysInValuesAreCopied() {
        byte[] data = {1, 2, 3};
        RplOption.DagMetricContainer mc = new RplOption.DagMetricContainer(data);
        data[0] = 9;
        assertThat(mc.data()).containsExactly(1, 2, 3);
        mc.data()[1] = 9;
        assertThat(mc.data()).containsExactly(1, 2, 3);
        assertThat(mc).isEqualTo(new RplOption.DagMetricContainer(new byte[] {1, 2, 3}));
    }
}
