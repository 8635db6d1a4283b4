/**
 * RPL DODAG state machines (RFC 6550): {@link org.metermesh.rpl.dodag.RplRoot}, the gateway as DODAG root in
 * non-storing or storing mode, with its downward routes kept across its instances, and
 * {@link org.metermesh.rpl.dodag.RplNode}, a meter that discovers, joins, keeps and repairs its place in the DODAG.
 * Sans-I/O cores on the {@link org.metermesh.api.clock.Scheduler}: they send through
 * {@link org.metermesh.rpl.dodag.RplTransport} and report through {@link org.metermesh.rpl.dodag.RplEventListener};
 * no threads, no sockets, deterministic for a seed. Not exported.
 */
package org.metermesh.rpl.dodag;
