package org.metermesh.sixlowpan.nd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.metermesh.sixlowpan.nd.NdSamples.*;
import static org.metermesh.sixlowpan.testsupport.Bytes.hex;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.sixlowpan.nd.NdDecodeException.Reason;
import org.metermesh.sixlowpan.nd.NdMessage.NeighborSolicitation;
import org.metermesh.sixlowpan.nd.NdMessage.RouterSolicitation;
import org.metermesh.sixlowpan.nd.NdOption.AddressRegistration;
import org.metermesh.sixlowpan.nd.NdOption.AuthoritativeBorderRouter;
import org.metermesh.sixlowpan.nd.NdOption.PrefixInformation;
import org.metermesh.sixlowpan.nd.NdOption.SixLowpanContext;
import org.metermesh.sixlowpan.nd.NdOption.SourceLinkLayerAddress;
import org.metermesh.sixlowpan.testsupport.Bytes;
import org.metermesh.sixlowpan.testsupport.Ipv6Packets;

class NdCodecTest {

    static final List<NdMessage> SAMPLES = List.of(rs(), ra(), nsWithAro(), naWithAro(), naWithTllao(),
            new RouterSolicitation(List.of()),
            new NeighborSolicitation(METER_GLOBAL, List.of(new SourceLinkLayerAddress(ShortAddress.of(0xbeef)),
                    EARO)));

    @Test
    void everyMessageRoundTrips() throws Exception {
        for (NdMessage message : SAMPLES) {
            byte[] wire = NdCodec.encode(message, METER_LL, GATEWAY_LL);
            assertThat(NdCodec.decode(wire, 0, wire.length, METER_LL, GATEWAY_LL)).isEqualTo(message);
            byte[] padded = Bytes.concat(new byte[3], wire, new byte[2]);
            assertThat(NdCodec.decode(padded, 3, wire.length)).isEqualTo(message);
            assertThat(NdCodec.decode(NdCodec.encode(message), 0, wire.length)).isEqualTo(message);
        }
    }

    /** Options written by hand from the RFC figures. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SLLAO short (RFC 4944 8)   | 01 01 12 34 00 00 00 00",
        "SLLAO EUI-64 (RFC 4944 8)  | 01 02 00 12 4b 00 00 00 00 01 00 00 00 00 00 00",
        "TLLAO short (RFC 4944 8)   | 02 01 be ef 00 00 00 00",
        "PIO (RFC 4861 4.6.2)       | 03 04 40 40 00 27 8d 00 00 09 3a 80 00 00 00 00"
            + " 20 01 0d b8 00 01 00 02 00 00 00 00 00 00 00 00",
        "ARO (RFC 6775 4.1)         | 21 02 00 00 00 00 00 78 00 12 4b 00 00 00 00 01",
        "EARO R T TID 5 (RFC 8505)  | 21 02 00 00 03 05 00 1e 00 12 4b 00 00 00 00 01",
        "6CO /64 C CID 1 (4.2)      | 22 02 40 11 00 00 00 3c 20 01 0d b8 00 01 00 02",
        "6CO /72 CID 15 (4.2)       | 22 03 48 0f 00 00 ff ff 20 01 0d b8 00 01 00 02 ab 00 00 00 00 00 00 00",
        "ABRO v 0x00010002 (4.3)    | 23 03 00 02 00 01 00 00 20 01 0d b8 00 01 00 02 02 12 4b 00 00 00 00 ff",
    })
    void optionsHaveTheRfcLayout(String description, String option) throws Exception {
        byte[] optionBytes = hex(option);
        byte[] rs = Bytes.concat(hex("85 00 00 00 00 00 00 00"), optionBytes);
        RouterSolicitation decoded = (RouterSolicitation) NdCodec.decode(rs, 0, rs.length);
        assertThat(decoded.options()).hasSize(1);
        assertThat(NdCodec.encode(decoded)).as(description).isEqualTo(rs);
    }

    @Test
    void decodedOptionFieldsMatchTheFigures() throws Exception {
        byte[] rs = Bytes.concat(hex("85 00 00 00 00 00 00 00"),
                hex("21 02 00 00 03 05 00 1e 00 12 4b 00 00 00 00 01"),
                hex("22 02 40 11 00 00 00 3c 20 01 0d b8 00 01 00 02"),
                hex("23 03 00 02 00 01 00 00 20 01 0d b8 00 01 00 02 02 12 4b 00 00 00 00 ff"),
                hex("01 01 12 34 00 00 00 00"));
        NdMessage message = NdCodec.decode(rs, 0, rs.length);
        assertThat(message.option(AddressRegistration.class)).contains(EARO);
        assertThat(EARO.r()).isTrue();
        assertThat(message.option(SixLowpanContext.class)).contains(new SixLowpanContext(64, true, 1, 60, PREFIX));
        assertThat(message.option(AuthoritativeBorderRouter.class)).contains(ABRO);
        assertThat(ABRO.effectiveLifetimeMinutes()).isEqualTo(10_000);
        assertThat(message.option(SourceLinkLayerAddress.class).map(SourceLinkLayerAddress::address))
                .contains(ShortAddress.of(0x1234));
    }

    @Test
    void messagesHaveTheRfcLayout() {
        assertThat(NdCodec.encode(new RouterSolicitation(List.of()))).isEqualTo(hex("85 00 00 00 00 00 00 00"));
        assertThat(NdCodec.encode(new NdMessage.RouterAdvertisement(64, true, false, 1800, 0x01020304L,
                0xfffffffeL, List.of()))).isEqualTo(hex("86 00 00 00 40 80 07 08 01 02 03 04 ff ff ff fe"));
        assertThat(NdCodec.encode(new NeighborSolicitation(METER_LL, List.of())))
                .isEqualTo(hex("87 00 00 00 00 00 00 00 fe 80 00 00 00 00 00 00 02 12 4b 00 00 00 00 01"));
        assertThat(NdCodec.encode(new NdMessage.NeighborAdvertisement(true, false, true, METER_LL, List.of())))
                .isEqualTo(hex("88 00 00 00 a0 00 00 00 fe 80 00 00 00 00 00 00 02 12 4b 00 00 00 00 01"));
    }

    @Test
    void unknownOptionsAreSkippedByTheirLength() throws Exception {
        byte[] ns = Bytes.concat(NdCodec.encode(new NeighborSolicitation(METER_LL, List.of())),
                hex("0e 01 00 00 00 00 00 00"), // nonce option (RFC 3971), not ours
                hex("21 02 00 00 00 00 00 78 00 12 4b 00 00 00 00 01"),
                hex("fd 03 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 00 11 22 33 44 55 66"));
        NdMessage message = NdCodec.decode(ns, 0, ns.length);
        assertThat(message.options()).containsExactly(ARO);
    }

    @Test
    void reservedBitsAreIgnoredOnReadAndZeroOnWrite() throws Exception {
        // PIO reserved flags and prefix bits past /64, ARO reserved nibble and TID without T, 6CO reserved bits.
        byte[] rs = Bytes.concat(hex("85 00 00 00 ff ff ff ff"),
                hex("03 04 40 5f 00 27 8d 00 00 09 3a 80 ff ff ff ff 20 01 0d b8 00 01 00 02 ff ff ff ff ff ff ff ff"),
                hex("21 02 00 00 f0 99 00 78 00 12 4b 00 00 00 00 01"),
                hex("22 02 40 f1 ff ff 00 3c 20 01 0d b8 00 01 00 02"));
        NdMessage message = NdCodec.decode(rs, 0, rs.length);
        assertThat(message.options()).containsExactly(PIO, ARO, new SixLowpanContext(64, true, 1, 60, PREFIX));
        assertThat(NdCodec.encode(message)).isEqualTo(Bytes.concat(hex("85 00 00 00 00 00 00 00"),
                hex("03 04 40 40 00 27 8d 00 00 09 3a 80 00 00 00 00 20 01 0d b8 00 01 00 02 00 00 00 00 00 00 00 00"),
                hex("21 02 00 00 00 00 00 78 00 12 4b 00 00 00 00 01"),
                hex("22 02 40 11 00 00 00 3c 20 01 0d b8 00 01 00 02")));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "TRUNCATED          | 85 00 00                                          | no checksum",
        "UNKNOWN_TYPE       | 80 00 00 00 00 00 00 00                           | echo request",
        "UNKNOWN_TYPE       | 89 00 00 00 00 00 00 00                           | redirect",
        "BAD_CODE           | 85 01 00 00 00 00 00 00                           | RS code 1",
        "TRUNCATED          | 85 00 00 00 00 00 00                              | RS of 7 octets",
        "TRUNCATED          | 86 00 00 00 40 00 07 08 00 00 00 00 00 00 00      | RA of 15 octets",
        "TRUNCATED          | 87 00 00 00 00 00 00 00 fe 80                     | NS target cut",
        "TRUNCATED          | 88 00 00 00 e0 00 00 00 fe 80 00 00 00 00 00 00 02 12 4b 00 00 00 00 | NA target cut",
        "BAD_CODE           | 86 01 00 00 40 00 07 08 00 00 00 00 00 00 00 00   | RA code 1",
        "BAD_CODE           | 87 ff 00 00 00 00 00 00 fe 80 00 00 00 00 00 00 02 12 4b 00 00 00 00 01 | NS code 255",
        "BAD_CODE           | 88 01 00 00 00 00 00 00 fe 80 00 00 00 00 00 00 02 12 4b 00 00 00 00 01 | NA code 1",
        "ZERO_LENGTH_OPTION | 88 00 00 00 00 00 00 00 fe 80 00 00 00 00 00 00 02 12 4b 00 00 00 00 01 02 00 | NA TLLAO of length 0",
        "OPTION_OVERRUN     | 86 00 00 00 40 00 07 08 00 00 00 00 00 00 00 00 22 03 40 11 00 00 00 3c 20 01 0d b8 00 01 00 02 | RA 6CO Length 3 with 16 octets",
        "OPTION_OVERRUN     | 87 00 00 00 00 00 00 00 fe 80 00 00 00 00 00 00 02 12 4b 00 00 00 00 01 21 02 00 00 00 00 00 78 | NS ARO cut",
        "BAD_OPTION_LENGTH  | 87 00 00 00 00 00 00 00 fe 80 00 00 00 00 00 00 02 12 4b 00 00 00 00 01 21 06 00 00 00 00 00 78 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 | NS EARO Length 6",
        "BAD_OPTION_LENGTH  | 88 00 00 00 00 00 00 00 fe 80 00 00 00 00 00 00 02 12 4b 00 00 00 00 01 02 03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 | NA TLLAO Length 3",
        "MULTICAST_TARGET   | 87 00 00 00 00 00 00 00 ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 01 | NS for ff02::1",
        "MULTICAST_TARGET   | 88 00 00 00 00 00 00 00 ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 01 | NA for ff02::1",
        "ZERO_LENGTH_OPTION | 85 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00  | SLLAO of length 0",
        "ZERO_LENGTH_OPTION | 85 00 00 00 00 00 00 00 99 00                     | unknown option of length 0",
        "TRUNCATED          | 85 00 00 00 00 00 00 00 01                        | option type without length",
        "OPTION_OVERRUN     | 85 00 00 00 00 00 00 00 01 02 00 12 4b 00 00 00   | SLLAO Length 2 with 8 octets",
        "TRUNCATED          | 85 00 00 00 00 00 00 00 01 01 12 34 00 00 00 00 21 | trailing octet",
        "BAD_OPTION_LENGTH  | 85 00 00 00 00 00 00 00 01 03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 | SLLAO Length 3",
        "BAD_OPTION_LENGTH  | 85 00 00 00 00 00 00 00 21 01 00 00 00 00 00 78   | ARO Length 1",
        "BAD_OPTION_LENGTH  | 85 00 00 00 00 00 00 00 23 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 | ABRO Length 2",
        "BAD_OPTION_LENGTH  | 85 00 00 00 00 00 00 00 22 01 40 00 00 00 00 3c   | 6CO Length 1",
        "BAD_OPTION_LENGTH  | 85 00 00 00 00 00 00 00 22 02 41 00 00 00 00 3c 20 01 0d b8 00 00 00 00 | 6CO /65 in Length 2",
        "BAD_PREFIX_LENGTH  | 85 00 00 00 00 00 00 00 22 03 81 00 00 00 00 3c 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 | 6CO /129",
        "BAD_PREFIX_LENGTH  | 85 00 00 00 00 00 00 00 03 04 81 40 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 | PIO /129",
        "BAD_OPTION_LENGTH  | 85 00 00 00 00 00 00 00 03 03 40 40 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 | PIO Length 3",
    })
    void rejectsWithTheExactReason(Reason reason, String octets, String description) {
        byte[] wire = hex(octets);
        assertThatThrownBy(() -> NdCodec.decode(wire, 0, wire.length)).as(description)
                .isInstanceOfSatisfying(NdDecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.counterName()).isEqualTo("dropped:" + reason.name().toLowerCase());
                });
    }

    @Test
    void everySingleBitFlipIsCaughtByTheChecksumOrTheDecoder() {
        for (NdMessage message : SAMPLES) {
            byte[] good = NdCodec.encode(message, METER_LL, GATEWAY_LL);
            for (int i = 0; i < good.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] bad = good.clone();
                    bad[i] ^= (byte) (1 << bit);
                    assertThatThrownBy(() -> NdCodec.decode(bad, 0, bad.length, METER_LL, GATEWAY_LL))
                            .isInstanceOfSatisfying(NdDecodeException.class,
                                    e -> assertThat(e.reason()).isEqualTo(Reason.BAD_CHECKSUM));
                }
            }
            byte[] otherDestination = Ipv6Packets.address("fe80 0 0 0 0212 4b00 0 fe");
            assertThatThrownBy(() -> NdCodec.decode(good, 0, good.length, METER_LL, otherDestination))
                    .isInstanceOfSatisfying(NdDecodeException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_CHECKSUM));
        }
    }

    @Test
    void randomInputOnlyEverYieldsTypedRejections() {
        SplittableRandom random = new SplittableRandom(4861);
        int decoded = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] wire = new byte[random.nextInt(64)];
            random.nextBytes(wire);
            if (wire.length > 0) {
                wire[0] = (byte) (133 + random.nextInt(4));
            }
            if (wire.length > 1) {
                wire[1] = 0;
            }
            try {
                NdCodec.decode(wire, 0, wire.length);
                decoded++;
            } catch (NdDecodeException expected) {
                assertThat(expected.reason()).isNotNull();
            }
        }
        assertThat(decoded).isPositive();
    }

    @Test
    void limitsAreEnforcedInConstructors() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PrefixInformation(129, false, true, 1, 1, PREFIX));
        assertThatIllegalArgumentException().isThrownBy(() -> new PrefixInformation(64, false, true, 1L << 32, 1,
                PREFIX));
        assertThatIllegalArgumentException().isThrownBy(() -> new PrefixInformation(64, false, true, 1, 1,
                new byte[15]));
        assertThatIllegalArgumentException().isThrownBy(() -> new SixLowpanContext(64, true, 16, 1, PREFIX));
        assertThatIllegalArgumentException().isThrownBy(() -> new SixLowpanContext(129, true, 1, 1, PREFIX));
        assertThatIllegalArgumentException().isThrownBy(() -> new SixLowpanContext(64, true, 1, 0x10000, PREFIX));
        assertThatIllegalArgumentException().as("TID without T")
                .isThrownBy(() -> new AddressRegistration(0, 0, 0, false, false, 1, 1, Rovr.ofEui64(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new AddressRegistration(0, 0, 4, false, false, 0, 1,
                Rovr.ofEui64(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> AddressRegistration.request(0x10000, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> Rovr.of(new byte[12]));
        assertThatIllegalArgumentException().isThrownBy(() -> new AuthoritativeBorderRouter(1L << 32, 0,
                GATEWAY_GLOBAL));
        assertThatIllegalArgumentException().isThrownBy(() -> new SourceLinkLayerAddress(MacAddress.NONE));
        assertThatIllegalArgumentException().isThrownBy(() -> new NeighborSolicitation(ALL_ROUTERS, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new NdMessage.RouterAdvertisement(256, false, false,
                0, 0, 0, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new NdMessage.RouterAdvertisement(64, false, false,
                0x10000, 0, 0, List.of()));
    }

    @Test
    void valuesAreImmutable() {
        byte[] prefix = PREFIX.clone();
        PrefixInformation pio = new PrefixInformation(64, false, true, 1, 1, prefix);
        prefix[0] = 0;
        pio.prefix()[1] = 0;
        assertThat(pio.prefix()).isEqualTo(PREFIX);
        byte[] target = METER_LL.clone();
        NeighborSolicitation ns = new NeighborSolicitation(target, List.of());
        target[15] = 9;
        assertThat(ns.target()).isEqualTo(METER_LL);
        assertThat(Rovr.ofEui64(METER_EUI64).eui64()).isEqualTo(METER_EUI64);
        assertThat(Rovr.ofEui64(METER_EUI64)).hasToString("00:12:4b:00:00:00:00:01");
    }

    @Test
    void checksumMatchesAnIndependentlyComputedValue() {
        // RS from fe80::212:4b00:0:1 to ff02::2 with the SLLAO of the meter's EUI-64, summed by hand:
        byte[] wire = NdCodec.encode(rs(), METER_LL, ALL_ROUTERS);
        long sum = 0;
        byte[] pseudo = Bytes.concat(METER_LL, ALL_ROUTERS, new byte[] {0, 0, 0, (byte) wire.length, 0, 0, 0, 58});
        byte[] zeroed = wire.clone();
        zeroed[2] = 0;
        zeroed[3] = 0;
        byte[] all = Bytes.concat(pseudo, zeroed);
        for (int i = 0; i < all.length; i += 2) {
            sum += ((all[i] & 0xff) << 8) | (all[i + 1] & 0xff);
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int expected = (int) (~sum & 0xffff);
        assertThat(((wire[2] & 0xff) << 8) | (wire[3] & 0xff)).isEqualTo(expected);
    }
}
