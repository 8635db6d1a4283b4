/**
 * The Trickle algorithm (RFC 6206) on the {@link org.metermesh.api.clock.Scheduler}: {@link
 * org.metermesh.rpl.trickle.TrickleTimer} with its {@link org.metermesh.rpl.trickle.TrickleConfig} and the defaults
 * MeterMesh picks against RFC 6550, Contiki-NG and Wi-SUN FAN. Plain Java, no threads, no I/O. Not exported.
 */
package org.metermesh.rpl.trickle;
