package org.metermesh.radio.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FcsTypeTest {

    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void crc16MatchesTheCatalogueCheckValue() {
        // Greg Cook's CRC catalogue (reveng): CRC-16/KERMIT (poly 0x1021 reflected, init 0, no xorout) check 0x2189.
        assertThat(FcsType.CRC16.compute(CHECK, 0, CHECK.length)).isEqualTo(0x2189);
    }

    @Test
    void crc32MatchesTheCatalogueCheckValue() {
        // CRC catalogue: CRC-32/ISO-HDLC (the V.42 / IEEE 802.3 CRC-32) check 0xcbf43926.
        assertThat(FcsType.CRC32.compute(CHECK, 0, CHECK.length)).isEqualTo(0xcbf43926L);
    }

    @Test
    void crc16MatchesTheStandardsAcknowledgmentExample() {
        // IEEE 802.15.4-2006 7.2.1.9 (802.15.4-2015 7.2.10.1) example: an acknowledgment frame with bits
        // b0..b23 = 0100 0000 0000 0000 0101 0110 (LSB first: octets 02 00 6a) has the FCS bits
        // r0..r15 = 0010 0111 1001 1110, i.e. 0x79e4, sent as e4 79.
        byte[] psdu = Psdus.withFcs(FcsType.CRC16, Psdus.hex("02006a"));
        assertThat(psdu).containsExactly(0x02, 0x00, 0x6a, 0xe4, 0x79);
        assertThat(FcsType.CRC16.verify(psdu, 0, psdu.length)).isTrue();
    }

    @Test
    void fcsIsAppendedLittleEndianAndVerified() {
        byte[] psdu = Psdus.withFcs(FcsType.CRC32, CHECK);
        assertThat(psdu).endsWith(0x26, 0x39, 0xf4, 0xcb);
        assertThat(FcsType.CRC32.verify(psdu, 0, psdu.length)).isTrue();
        psdu[3] ^= 0x10;
        assertThat(FcsType.CRC32.verify(psdu, 0, psdu.length)).isFalse();
    }

    @Test
    void tapCodesFollowTheTapSpecification() {
        // IEEE 802.15.4 TAP v1.1, FCS Type TLV: 0 none, 1 16-bit CRC, 2 32-bit CRC.
        assertThat(FcsType.NONE.tapCode()).isZero();
        assertThat(FcsType.CRC16.tapCode()).isEqualTo(1);
        assertThat(FcsType.CRC32.tapCode()).isEqualTo(2);
    }
}
