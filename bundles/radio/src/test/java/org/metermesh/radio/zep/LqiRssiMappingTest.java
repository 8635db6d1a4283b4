package org.metermesh.radio.zep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class LqiRssiMappingTest {

    private final LqiRssiMapping mapping = new LqiRssiMapping(-100);

    @Test
    void lqiSpansFortyDecibelsAboveSensitivity() {
        assertThat(mapping.rssiDbm(0)).isEqualTo(-100);
        assertThat(mapping.rssiDbm(255)).isEqualTo(-60);
        assertThat(mapping.rssiDbm(128)).isEqualTo(-80);
        assertThat(mapping.rssiDbm(200)).isEqualTo(-69);
    }

    @Test
    void rejectsLqiOutsideOneOctet() {
        assertThatIllegalArgumentException().isThrownBy(() -> mapping.rssiDbm(256));
        assertThatIllegalArgumentException().isThrownBy(() -> mapping.rssiDbm(-1));
    }
}
