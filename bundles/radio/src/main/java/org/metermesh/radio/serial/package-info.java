/**
 * Serial radio co-processor backend: a PHY-only RCP on a UART, HDLC-lite framed (RFC 1662 section 4, as in
 * Spinel and OpenThread), with the command set of bundles/radio/RCP-PROTOCOL.md. Private to the radio bundle.
 */
package org.metermesh.radio.serial;
