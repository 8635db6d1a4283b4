/**
 * ZEP v2 backend: IEEE 802.15.4 frames in ZigBee Encapsulation Protocol packets over UDP (port 17754), the format
 * Wireshark dissects and RIOT and Contiki emit. Private to the radio bundle.
 */
package org.metermesh.radio.zep;
