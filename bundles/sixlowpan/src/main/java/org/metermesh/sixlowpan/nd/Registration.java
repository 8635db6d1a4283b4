package org.metermesh.sixlowpan.nd;

import java.util.Arrays;
import java.util.Objects;

import org.metermesh.api.radio.MacAddress;

/**
 * One entry of the {@link RegistrationTable}: a registered IPv6 address, its owner and where to reach it. Immutable;
 * a refresh replaces the entry.
 *
 * @param address        the registered IPv6 address, 16 octets
 * @param owner          the ROVR (RFC 6775: EUI-64) that registered it
 * @param linkLayer      the link-layer address from the registration's SLLAO, {@link MacAddress#NONE} if unknown
 * @param tid            the TID of the last accepted registration (RFC 8505 5.2), {@link RegistrationTable#NO_TID}
 *                       if it came without one
 * @param expiresAtNanos scheduler time ({@code Scheduler.nanoTime()}) at which the registration lapses
 */
public record Registration(byte[] address, Rovr owner, MacAddress linkLayer, int tid, long expiresAtNanos) {

    public Registration {
        address = Ipv6Bytes.copy(address, "registered");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(linkLayer, "linkLayer");
        if (tid < RegistrationTable.NO_TID || tid > 255) {
            throw new IllegalArgumentException("TID " + tid + " is outside 0..255 (or -1 for none)");
        }
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    public boolean hasTid() {
        return tid != RegistrationTable.NO_TID;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Registration r && Arrays.equals(address, r.address) && owner.equals(r.owner)
                && linkLayer.equals(r.linkLayer) && tid == r.tid && expiresAtNanos == r.expiresAtNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(owner, linkLayer, tid, expiresAtNanos) * 31 + Arrays.hashCode(address);
    }

    @Override
    public String toString() {
        return "Registration[" + Ipv6Bytes.format(address) + " owner " + owner + " at " + linkLayer
                + (hasTid() ? " TID " + tid : "") + "]";
    }
}
