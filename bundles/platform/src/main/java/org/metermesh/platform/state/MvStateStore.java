package org.metermesh.platform.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.metermesh.api.state.StateMap;
import org.metermesh.api.state.StateStore;

/** A {@link StateStore} in one H2 MVStore file: crash-safe (copy-on-write pages), one map per name. */
public final class MvStateStore implements StateStore, AutoCloseable {

    private final MVStore store;
    private final Path file;

    private MvStateStore(MVStore store, Path file) {
        this.store = store;
        this.file = file;
    }

    /**
     * Opens (or creates) the store file.
     *
     * @param autoCommitDelayMs how long background commits may lag behind changes; 0 turns them off
     * @throws UncheckedIOException if the directory cannot be created or the file cannot be opened
     */
    public static MvStateStore open(Path file, int autoCommitDelayMs) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create state directory for " + file, e);
        }
        try {
            MVStore store = new MVStore.Builder().fileName(file.toString()).open();
            store.setAutoCommitDelay(autoCommitDelayMs);
            return new MvStateStore(store, file);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot open state store " + file + ": " + e.getMessage(), e));
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public StateMap map(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("state map name must not be blank");
        }
        return new MvStateMap(store.openMap(name));
    }

    @Override
    public void commit() {
        store.commit();
        store.sync();
    }

    /** Commits outstanding changes and closes the file. */
    @Override
    public void close() {
        store.close();
    }

    private static final class MvStateMap implements StateMap {
        private final MVMap<String, byte[]> map;

        MvStateMap(MVMap<String, byte[]> map) {
            this.map = map;
        }

        @Override
        public Optional<byte[]> get(String key) {
            byte[] value = map.get(key);
            return value == null ? Optional.empty() : Optional.of(value.clone());
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
    }
}
