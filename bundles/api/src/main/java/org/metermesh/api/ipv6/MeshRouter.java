package org.metermesh.api.ipv6;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.metermesh.api.radio.TxStatus;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends this node's own IPv6 packets across the mesh, routed: on the gateway the RPL root source-routes them down
 * to a meter (RFC 6554), on a meter they go up to the preferred parent. Applications (telemetry's downlink) use
 * it instead of choosing a next hop on the {@link Ipv6Link}. Call it on the stack's event loop, where
 * {@link Ipv6Listener}s are called too: routes are the routing core's single-threaded state.
 */
@ProviderType
public interface MeshRouter {

    /** This node's address on the mesh prefix, the source of what it originates; empty until it is known. */
    Optional<Ipv6Address> globalAddress();

    /** Whether a route to {@code destination} is known now (for the root: the meter's DAO is in its table). */
    boolean hasRoute(Ipv6Address destination);

    /**
     * Sends {@code packet} on its route.
     *
     * @return completes with the status of the first hop's transmission, or exceptionally with a
     *     {@link NoRouteException} if no route to the destination is known
     */
    CompletionStage<TxStatus> send(Ipv6Packet packet);

    /** No route to a destination is known. */
    final class NoRouteException extends Exception {
        private static final long serialVersionUID = 1L;

        public NoRouteException(Ipv6Address destination) {
            super("no route to " + destination);
        }
    }
}
