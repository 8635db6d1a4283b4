package org.metermesh.radio.frame;

import org.metermesh.api.radio.AddressingMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.metermesh.api.radio.AddressingMode.EXTENDED;
import static org.metermesh.api.radio.AddressingMode.NONE;
import static org.metermesh.api.radio.AddressingMode.SHORT;
import static org.metermesh.radio.frame.PanIdCompression.DST_PAN;
import static org.metermesh.radio.frame.PanIdCompression.INVALID;
import static org.metermesh.radio.frame.PanIdCompression.SRC_PAN;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PanIdCompressionTest {

    private static final FrameVersion V2015 = FrameVersion.IEEE_802_15_4_2015;

    @ParameterizedTest(name = "row {0}: {1}/{2} compression {5}")
    @CsvSource({
        // IEEE 802.15.4-2015 Table 7-2: row, dst mode, src mode, dst PAN present, src PAN present, compression
        "1,  NONE,     NONE,     false, false, 0",
        "2,  NONE,     NONE,     true,  false, 1",
        "3,  SHORT,    NONE,     true,  false, 0",
        "3,  EXTENDED, NONE,     true,  false, 0",
        "4,  SHORT,    NONE,     false, false, 1",
        "4,  EXTENDED, NONE,     false, false, 1",
        "5,  NONE,     SHORT,    false, true,  0",
        "5,  NONE,     EXTENDED, false, true,  0",
        "6,  NONE,     SHORT,    false, false, 1",
        "6,  NONE,     EXTENDED, false, false, 1",
        "7,  EXTENDED, EXTENDED, true,  false, 0",
        "8,  EXTENDED, EXTENDED, false, false, 1",
        "9,  SHORT,    SHORT,    true,  true,  0",
        "10, SHORT,    EXTENDED, true,  true,  0",
        "11, EXTENDED, SHORT,    true,  true,  0",
        "12, SHORT,    EXTENDED, true,  false, 1",
        "13, EXTENDED, SHORT,    true,  false, 1",
        "14, SHORT,    SHORT,    true,  false, 1",
    })
    void table7x2(int row, AddressingMode dst, AddressingMode src, boolean dstPan, boolean srcPan, int bit) {
        int presence = (dstPan ? DST_PAN : 0) | (srcPan ? SRC_PAN : 0);
        assertThat(PanIdCompression.presence(V2015, dst, src, bit == 1)).isEqualTo(presence);
        assertThat(PanIdCompression.compressionBit(V2015, dst, src, presence)).isEqualTo(bit);
    }

    @ParameterizedTest(name = "{0}/{1} compression {2}")
    @CsvSource({
        // IEEE 802.15.4-2006 7.2.1.1.5, frame versions 0b00 and 0b01
        "SHORT,    SHORT,    false, 3",
        "SHORT,    EXTENDED, true,  1",
        "EXTENDED, EXTENDED, true,  1",
        "EXTENDED, SHORT,    false, 3",
        "SHORT,    NONE,     false, 1",
        "NONE,     EXTENDED, false, 2",
        "NONE,     NONE,     false, 0",
        "SHORT,    NONE,     true,  -1",
        "NONE,     SHORT,    true,  -1",
        "NONE,     NONE,     true,  -1",
    })
    void legacyRule(AddressingMode dst, AddressingMode src, boolean compression, int presence) {
        for (FrameVersion v : new FrameVersion[] {FrameVersion.IEEE_802_15_4_2003, FrameVersion.IEEE_802_15_4_2006}) {
            assertThat(PanIdCompression.presence(v, dst, src, compression)).isEqualTo(presence);
        }
    }

    @ParameterizedTest
    @CsvSource({"SHORT, SHORT, 0", "EXTENDED, EXTENDED, 3", "SHORT, NONE, 2", "NONE, SHORT, 1", "SHORT, EXTENDED, 0"})
    void unrepresentableIn2015(AddressingMode dst, AddressingMode src, int presence) {
        assertThat(PanIdCompression.compressionBit(V2015, dst, src, presence)).isEqualTo(INVALID);
    }

    @ParameterizedTest
    @CsvSource({"SHORT, SHORT, 0", "SHORT, NONE, 0", "SHORT, NONE, 2", "NONE, NONE, 1", "EXTENDED, EXTENDED, 2"})
    void unrepresentableIn2006(AddressingMode dst, AddressingMode src, int presence) {
        assertThat(PanIdCompression.compressionBit(FrameVersion.IEEE_802_15_4_2006, dst, src, presence))
                .isEqualTo(INVALID);
    }
}
