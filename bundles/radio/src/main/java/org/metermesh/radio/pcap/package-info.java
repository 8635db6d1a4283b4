/**
 * Classic pcap capture of IEEE 802.15.4 PSDUs (LINKTYPE 195 with FCS, LINKTYPE 283 IEEE 802.15.4 TAP with radio
 * metadata) for Wireshark/tshark. Not exported: the radio bundle uses it internally.
 */
package org.metermesh.radio.pcap;
