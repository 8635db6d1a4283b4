package org.metermesh.rpl.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.metermesh.api.state.StateMap;
import org.metermesh.api.state.StateStore;
import org.metermesh.rpl.dodag.RouteStore;

/**
 * The root's {@link RouteStore} over the platform's durable {@link StateStore}: map {@value #DODAG_MAP} holds the
 * DODAG record under key {@value #DODAG_KEY}, map {@value #ROUTES_MAP} one record per target. Each save ends with a
 * commit, so a batch is durable when the root's save returns.
 */
final class StateStoreRouteStore implements RouteStore {

    static final String DODAG_MAP = "rpl.dodag";
    static final String DODAG_KEY = "root";
    static final String ROUTES_MAP = "rpl.routes";

    private final StateStore store;
    private final StateMap dodag;
    private final StateMap routes;

    StateStoreRouteStore(StateStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.dodag = store.map(DODAG_MAP);
        this.routes = store.map(ROUTES_MAP);
    }

    @Override
    public Optional<byte[]> loadDodag() {
        return dodag.get(DODAG_KEY);
    }

    @Override
    public Map<String, byte[]> loadRoutes() {
        Map<String, byte[]> out = new HashMap<>();
        for (String key : routes.keys()) {
            routes.get(key).ifPresent(value -> out.put(key, value));
        }
        return out;
    }

    @Override
    public void save(Optional<byte[]> record, Map<String, byte[]> changed, Set<String> removed) {
        record.ifPresent(r -> dodag.put(DODAG_KEY, r));
        changed.forEach(routes::put);
        removed.forEach(routes::remove);
        store.commit();
    }
}
