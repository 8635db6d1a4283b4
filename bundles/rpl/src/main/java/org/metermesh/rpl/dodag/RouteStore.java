package org.metermesh.rpl.dodag;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the root keeps what must outlive its instance (a bundle update, a gateway restart): the records of
 * {@link StoredDodag} and {@link StoredRoute}, as opaque octets. The core encodes, decodes and rejects; the store
 * only keeps. Called on the scheduler's thread; a store that fails throws, and the root counts and reports it.
 */
public interface RouteStore {

    /** Keeps nothing: a root without durable state (tests, the simulator). */
    RouteStore NONE = new RouteStore() {
        @Override
        public Optional<byte[]> loadDodag() {
            return Optional.empty();
        }

        @Override
        public Map<String, byte[]> loadRoutes() {
            return Map.of();
        }

        @Override
        public void save(Optional<byte[]> dodag, Map<String, byte[]> routes, Set<String> removed) {
        }
    };

    /** The {@link StoredDodag} record, if one was saved. */
    Optional<byte[]> loadDodag();

    /**
     * Every {@link StoredRoute} record saved and not removed since, by key (the target's address in text; the core
     * names the keys, the store does not interpret them).
     */
    Map<String, byte[]> loadRoutes();

    /**
     * Makes one batch of changes durable together.
     *
     * @param dodag   the new {@link StoredDodag} record, if it changed
     * @param routes  the new record of each target that changed, by key
     * @param removed keys of records that are to go
     */
    void save(Optional<byte[]> dodag, Map<String, byte[]> routes, Set<String> removed);
}
