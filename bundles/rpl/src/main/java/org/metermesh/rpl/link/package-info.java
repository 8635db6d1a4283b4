/**
 * Link estimation for RPL: {@link org.metermesh.rpl.link.EtxEstimator} (ETX from RSSI/LQI on first contact, then
 * from acknowledgements) and the bounded, idempotent {@link org.metermesh.rpl.link.NeighbourTable} with expiry on
 * the {@link org.metermesh.api.clock.Scheduler} and HIGH_PACKET_LOSS warnings through a listener. Plain Java, no
 * threads, no I/O. Not exported.
 */
package org.metermesh.rpl.link;
