package org.metermesh.rpl.internal;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Link;

/** The gateway's EUI-64, read back from the link-local address the 6LoWPAN link derives from it (RFC 4944 6). */
final class Ipv6LinkAddresses {

    private Ipv6LinkAddresses() {
    }

    static long eui64(Ipv6Link link) {
        return Ipv6Address.eui64FromInterfaceId(link.linkLocalAddress().interfaceId());
    }
}
