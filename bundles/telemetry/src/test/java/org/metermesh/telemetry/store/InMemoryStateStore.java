package org.metermesh.telemetry.store;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.metermesh.api.state.StateMap;
import org.metermesh.api.state.StateStore;

/** A StateStore in memory, for tests of ordering logic where durability is not the point (no fsync per accept). */
final class InMemoryStateStore implements StateStore {

    private final Map<String, Map<String, byte[]>> maps = new TreeMap<>();
    int commits;

    @Override
    public StateMap map(String name) {
        Map<String, byte[]> map = maps.computeIfAbsent(name, n -> new TreeMap<>());
        return new StateMap() {
            @Override
            public Optional<byte[]> get(String key) {
                return Optional.ofNullable(map.get(key)).map(byte[]::clone);
            }

            @Override
            public void put(String key, byte[] value) {
                map.put(key, value.clone());
            }

            @Override
            public boolean remove(String key) {
                return map.remove(key) != null;
            }

            @Override
            public Set<String> keys() {
                return Collections.unmodifiableSet(new TreeSet<>(map.keySet()));
            }

            @Override
            public int size() {
                return map.size();
            }
        };
    }

    @Override
    public void commit() {
        commits++;
    }
}
