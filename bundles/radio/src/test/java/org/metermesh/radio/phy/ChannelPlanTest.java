package org.metermesh.radio.phy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelPlanTest {

    @Test
    void oqpskChannelsElevenToTwentySixFiveMegahertzApart() {
        ChannelPlan plan = ChannelPlan.OQPSK_2450;

        assertThat(plan.centerFrequencyKhz(11)).isEqualTo(2_405_000);
        assertThat(plan.centerFrequencyKhz(17)).isEqualTo(2_435_000);
        assertThat(plan.centerFrequencyKhz(26)).isEqualTo(2_480_000);
        assertThat(plan.hasChannel(10)).isFalse();
        assertThat(plan.hasChannel(27)).isFalse();
    }

    @Test
    void northAmericanSunPlanHas129ChannelsFrom902point2MHz() {
        ChannelPlan plan = ChannelPlan.sunFskNorthAmerica(50);

        assertThat(plan.channelCount()).isEqualTo(129);
        assertThat(plan.centerFrequencyKhz(0)).isEqualTo(902_200);
        assertThat(plan.centerFrequencyKhz(128)).isEqualTo(927_800);
        assertThatThrownBy(() -> plan.centerFrequencyKhz(129))
                .hasMessage("channel 129 is not in plan sun-fsk-na-50 (0..128)");
    }

    @Test
    void oqpskAirtimeIs32MicrosecondsPerOctetWithSixOctetsOfHeader() {
        // A maximum-size frame: (6 + 127) octets * 32 us = 4256 us.
        assertThat(ChannelPlan.OQPSK_2450.airtimeNanos(127)).isEqualTo(4_256_000);
        // An immediate ACK (5-octet PSDU): 11 octets = 352 us.
        assertThat(ChannelPlan.OQPSK_2450.airtimeNanos(5)).isEqualTo(352_000);
    }

    @Test
    void sunAirtimeScalesWithTheDataRate() {
        // 100-octet PSDU + 12 octets of SHR/PHR = 896 bits.
        assertThat(ChannelPlan.sunFskNorthAmerica(50).airtimeNanos(100)).isEqualTo(17_920_000);
        assertThat(ChannelPlan.sunFskNorthAmerica(300).airtimeNanos(100)).isEqualTo(2_986_666);
    }

    @Test
    void psduLongerThanThePhyAllowsIsRefused() {
        assertThatThrownBy(() -> ChannelPlan.OQPSK_2450.airtimeNanos(128)).hasMessageContaining("outside 0..127");
        assertThat(ChannelPlan.sunFskNorthAmerica(150).airtimeNanos(2047)).isPositive();
    }

    @Test
    void plansAreFoundByName() {
        assertThat(ChannelPlan.named("oqpsk-2450")).isSameAs(ChannelPlan.OQPSK_2450);
        assertThat(ChannelPlan.named("sun-fsk-na-150").dataRateBps()).isEqualTo(150_000);
        assertThatThrownBy(() -> ChannelPlan.named("sun-fsk-na-75"))
                .hasMessageContaining("SUN FSK data rate 75 kb/s is not one of");
        assertThatThrownBy(() -> ChannelPlan.named("lora"))
                .hasMessage("unknown channel plan 'lora'; known: oqpsk-2450, sun-fsk-na-{50,100,150,200,300}");
    }
}
