package org.metermesh.radio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Crc16X25Test {

    @Test
    void checkValueOfTheCatalogue() {
        // CRC-16/X.25 (also CRC-16/IBM-SDLC) check value from the CRC catalogue: "123456789" -> 0x906E.
        assertThat(Crc16X25.compute("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x906e);
    }

    @Test
    void emptyInputIsZero() {
        assertThat(Crc16X25.compute(new byte[0])).isZero();
    }

    @Test
    void residueOverDataAndLittleEndianFcsIsTheGoodFcs() {
        // RFC 1662 C.2: running the register over data and its FCS (low octet first) leaves 0xf0b8.
        byte[] data = "MeterMesh".getBytes(StandardCharsets.US_ASCII);
        int fcs = Crc16X25.compute(data);
        int crc = Crc16X25.INITIAL;
        for (byte b : data) {
            crc = Crc16X25.update(crc, b);
        }
        crc = Crc16X25.update(crc, (byte) fcs);
        crc = Crc16X25.update(crc, (byte) (fcs >>> 8));
        assertThat(crc).isEqualTo(0xf0b8);
    }

    @Test
    void rangeOfALargerArray() {
        byte[] padded = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc16X25.compute(padded, 2, 9)).isEqualTo(0x906e);
    }
}
