package org.metermesh.rpl.dodag;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A {@link RouteStore} in memory that counts its saves and can be made to fail. */
final class MemoryRouteStore implements RouteStore {
    byte[] dodag;
    final Map<String, byte[]> routes = new TreeMap<>();
    int saves;
    boolean failing;

    @Override
    public Optional<byte[]> loadDodag() {
        return Optional.ofNullable(dodag);
    }

    @Override
    public Map<String, byte[]> loadRoutes() {
        return Map.copyOf(routes);
    }

    @Override
    public void save(Optional<byte[]> record, Map<String, byte[]> changed, Set<String> removed) {
        if (failing) {
            throw new IllegalStateException("disk full");
        }
        saves++;
        record.ifPresent(r -> dodag = r);
        routes.putAll(changed);
        removed.forEach(routes::remove);
    }
}
