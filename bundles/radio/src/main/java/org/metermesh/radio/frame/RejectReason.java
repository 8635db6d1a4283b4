package org.metermesh.radio.frame;

import java.util.Locale;

/** Why a PSDU was not accepted as an IEEE 802.15.4 MAC frame. The frame is dropped and counted under this reason. */
public enum RejectReason {
    /** Shorter than the Frame Control field plus the FCS. */
    PSDU_TOO_SHORT,
    /** Longer than the codec's PSDU limit (aMaxPhyPacketSize: 127, or 2047 for SUN PHYs; 802.15.4-2015 11.3). */
    PSDU_TOO_LONG,
    /** The FCS does not match (802.15.4-2015 7.2.10). */
    BAD_FCS,
    /** Frame Type 0b100 (802.15.4-2015 Table 7-1). */
    RESERVED_FRAME_TYPE,
    /** Multipurpose, Fragment/Frak or Extended frame (Table 7-1): other frame control layouts, not carried. */
    UNSUPPORTED_FRAME_TYPE,
    /** Frame Version 0b11 (802.15.4-2015 7.2.2.10). */
    RESERVED_FRAME_VERSION,
    /** Addressing Mode 0b01 (802.15.4-2015 Table 7-3). */
    RESERVED_ADDRESSING_MODE,
    /** PAN ID Compression set where frame version 0b00/0b01 forbids it (802.15.4-2006 7.2.1.1.5). */
    INVALID_PAN_ID_COMPRESSION,
    /** The sequence number or addressing fields run past the end of the frame. */
    TRUNCATED_HEADER,
    /** The Auxiliary Security Header runs past the end of the frame (802.15.4-2015 9.4). */
    TRUNCATED_SECURITY_HEADER,
    /** The superframe, GTS or pending address fields of a 2003/2006 beacon run past the end (802.15.4-2006 7.2.2.1). */
    TRUNCATED_BEACON,
    /** A secured frame is shorter than the MIC its security level requires (802.15.4-2015 9.4.2.2, Table 9-6). */
    TRUNCATED_MIC,
    /** A MAC command frame ends before its Command ID (802.15.4-2015 7.3.4). */
    MISSING_COMMAND_ID,
    /** An IE descriptor is cut off (802.15.4-2015 7.4.2.1 / 7.4.3.1). */
    TRUNCATED_IE,
    /** A Payload IE descriptor (Type 1) in the Header IE list, or a Header IE descriptor (Type 0) among Payload IEs
     * (802.15.4-2015 7.4.2.1 / 7.4.3.1). */
    WRONG_IE_TYPE,
    /** An IE's length runs past the end of the frame or does not fit the IE (termination IEs are empty, nested MLME
     * sub-IEs must fill their IE exactly, a Time Correction IE has 2 octets). */
    BAD_IE_LENGTH;

    /** The counter name, e.g. {@code dropped:bad_fcs}. */
    public String counterName() {
        return "dropped:" + name().toLowerCase(Locale.ROOT);
    }
}
