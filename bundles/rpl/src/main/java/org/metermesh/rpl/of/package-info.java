/**
 * RPL objective functions: {@link org.metermesh.rpl.of.Of0} (RFC 6552) and {@link org.metermesh.rpl.of.Mrhof}
 * (RFC 6719, ETX metric), the rank arithmetic of RFC 6550 ({@link org.metermesh.rpl.of.Rank}) and parent selection
 * with its loop-avoidance rules. Plain, stateless Java. Not exported.
 */
package org.metermesh.rpl.of;
