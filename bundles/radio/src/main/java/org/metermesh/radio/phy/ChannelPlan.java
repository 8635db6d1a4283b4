package org.metermesh.radio.phy;

import java.util.List;

/**
 * A channel plan with its PHY: which channels exist, where they sit, and how long a frame takes on the air.
 *
 * @param name            short name used in configuration
 * @param firstChannel    lowest channel number
 * @param channelCount    number of channels
 * @param channel0Khz     centre frequency of channel {@code firstChannel}
 * @param spacingKhz      distance between adjacent channels
 * @param dataRateBps     PSDU bit rate
 * @param overheadOctets  synchronisation header plus PHY header, sent before every PSDU
 * @param maxPsdu         largest PSDU (aMaxPhyPacketSize)
 * @param fcsLength       FCS length the MAC uses on this PHY (2: CRC-16, 4: CRC-32)
 */
public record ChannelPlan(String name, int firstChannel, int channelCount, long channel0Khz, long spacingKhz,
        int dataRateBps, int overheadOctets, int maxPsdu, int fcsLength) {

    /**
     * 2.4 GHz O-QPSK, channel page 0 channels 11-26: Fc = 2405 + 5 (k - 11) MHz, 250 kb/s; SHR 5 octets (preamble 4,
     * SFD 1) + PHR 1; aMaxPhyPacketSize 127 (IEEE 802.15.4-2015 10.1.3.1, 12.1, 11.3).
     */
    public static final ChannelPlan OQPSK_2450 = new ChannelPlan("oqpsk-2450", 11, 16, 2_405_000, 5_000, 250_000, 6,
            127, 2);

    /** The SUN FSK data rates of the North-American 902-928 MHz band (Wi-SUN PHY operating modes 1-5). */
    public static final List<Integer> SUN_FSK_RATES_KBPS = List.of(50, 100, 150, 200, 300);

    /**
     * North-American 902-928 MHz SUN FSK plan: ChanCenterFreq0 902.2 MHz, 200 kHz spacing, 129 channels
     * (IEEE 802.15.4-2015 10.1.3.9, Table 10-179 for 50 kb/s). SHR: 8-octet preamble (the Wi-SUN PHY minimum) and
     * 2-octet SFD; PHR 2 octets (IEEE 802.15.4-2015 20.2); aMaxPhyPacketSize 2047; 4-octet FCS.
     *
     * @param dataRateKbps one of {@link #SUN_FSK_RATES_KBPS}
     */
    public static ChannelPlan sunFskNorthAmerica(int dataRateKbps) {
        if (!SUN_FSK_RATES_KBPS.contains(dataRateKbps)) {
            throw new IllegalArgumentException("SUN FSK data rate " + dataRateKbps + " kb/s is not one of "
                    + SUN_FSK_RATES_KBPS);
        }
        return new ChannelPlan("sun-fsk-na-" + dataRateKbps, 0, 129, 902_200, 200, dataRateKbps * 1000, 12, 2047, 4);
    }

    /** Looks a plan up by the name used in configuration: {@code oqpsk-2450} or {@code sun-fsk-na-<kbps>}. */
    public static ChannelPlan named(String name) {
        if (OQPSK_2450.name().equals(name)) {
            return OQPSK_2450;
        }
        String prefix = "sun-fsk-na-";
        if (name.startsWith(prefix)) {
            try {
                return sunFskNorthAmerica(Integer.parseInt(name.substring(prefix.length())));
            } catch (NumberFormatException e) {
                // fall through to the error naming what is known
            }
        }
        throw new IllegalArgumentException("unknown channel plan '" + name + "'; known: " + OQPSK_2450.name()
                + ", sun-fsk-na-{" + SUN_FSK_RATES_KBPS.stream().map(String::valueOf)
                        .reduce((a, b) -> a + "," + b).orElse("") + "}");
    }

    public int lastChannel() {
        return firstChannel + channelCount - 1;
    }

    public boolean hasChannel(int channel) {
        return channel >= firstChannel && channel <= lastChannel();
    }

    /** @throws IllegalArgumentException if the channel is not in this plan */
    public long centerFrequencyKhz(int channel) {
        requireChannel(channel);
        return channel0Khz + (channel - firstChannel) * spacingKhz;
    }

    public void requireChannel(int channel) {
        if (!hasChannel(channel)) {
            throw new IllegalArgumentException("channel " + channel + " is not in plan " + name + " ("
                    + firstChannel + ".." + lastChannel() + ")");
        }
    }

    /** Time on the air of a PSDU of {@code psduLength} octets, header and preamble included. */
    public long airtimeNanos(int psduLength) {
        if (psduLength < 0 || psduLength > maxPsdu) {
            throw new IllegalArgumentException("PSDU length " + psduLength + " outside 0.." + maxPsdu);
        }
        long bits = 8L * (overheadOctets + psduLength);
        return bits * 1_000_000_000L / dataRateBps;
    }
}
