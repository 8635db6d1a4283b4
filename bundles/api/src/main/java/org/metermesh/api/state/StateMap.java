package org.metermesh.api.state;

import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** One named map of a {@link StateStore}. Values are copied on the way in and out; safe for concurrent use. */
@ProviderType
public interface StateMap {

    Optional<byte[]> get(String key);

    void put(String key, byte[] value);

    /** @return true if the key was present */
    boolean remove(String key);

    /** A snapshot of the keys, in ascending order. */
    Set<String> keys();

    int size();
}
