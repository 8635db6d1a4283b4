package org.metermesh.radio.pcap;

/**
 * pcap link-layer header types for IEEE 802.15.4 (tcpdump.org link-layer header types registry).
 */
public enum LinkType {
    /** LINKTYPE_IEEE802_15_4_WITHFCS: the PSDU with its FCS; readers assume a 16-bit FCS unless told otherwise
     * (Wireshark preference {@code wpan.fcs_format}). */
    IEEE802_15_4_WITHFCS(195),
    /** LINKTYPE_IEEE802_15_4_TAP: a TLV header (FCS type, RSS, channel, LQI, ...) then the PSDU; see
     * https://github.com/jkcko/ieee802.15.4-tap. */
    IEEE802_15_4_TAP(283);

    private final int value;

    LinkType(int value) {
        this.value = value;
    }

    /** The LINKTYPE_ value written in the pcap file header. */
    public int value() {
        return value;
    }
}
