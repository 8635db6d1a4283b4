/**
 * RPL control messages (RFC 6550 6) at the ICMPv6 level: {@link org.metermesh.rpl.message.RplMessage} values for
 * DIS, DIO, DAO and DAO-ACK, {@link org.metermesh.rpl.message.RplOption} values for the options of RFC 6550 6.7,
 * and {@link org.metermesh.rpl.message.RplCodec}, which decodes any octets into a message or a typed rejection
 * and never throws for bad input. Plain Java: no OSGi, no threads, no I/O. Not exported.
 */
package org.metermesh.rpl.message;
