package org.metermesh.rpl.dodag;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.metermesh.api.ipv6.Ipv6Address;

/**
 * One target in the root's route table, as the {@code dodag} console command and the topology bundle see it.
 *
 * @param target       the meter's global address (the DAO's RPL Target)
 * @param parents      its DAO parents, most preferred first (RFC 6550 9.9 Path Control order, then DAO order)
 * @param pathSequence the Path Sequence of the DAO that set them (RFC 6550 9.2.1)
 * @param depth        hops from the root along the preferred parents, or -1 if there is no complete path
 * @param lifetimeLeft until the last of its parents expires; {@link #INFINITE} for an infinite Path Lifetime
 */
public record RouteSnapshot(Ipv6Address target, List<Parent> parents, int pathSequence, int depth,
        Duration lifetimeLeft) {

    /** The lifetime shown for an infinite Path Lifetime (0xFF, RFC 6550 6.7.8). */
    public static final Duration INFINITE = Duration.ofSeconds(Long.MAX_VALUE);

    public RouteSnapshot {
        Objects.requireNonNull(target, "target");
        parents = List.copyOf(parents);
        Objects.requireNonNull(lifetimeLeft, "lifetimeLeft");
    }

    /** Whether the root has a complete source route to the target. */
    public boolean reachable() {
        return depth >= 0;
    }

    /**
     * A DAO parent of the target.
     *
     * @param address      the parent's global address (Transit Information Parent Address, RFC 6550 6.7.8)
     * @param pathControl  the Path Control bits the target gave it
     * @param lifetimeLeft until this parent expires; {@link RouteSnapshot#INFINITE} if never
     */
    public record Parent(Ipv6Address address, int pathControl, Duration lifetimeLeft) {
        public Parent {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(lifetimeLeft, "lifetimeLeft");
        }
    }
}
