package org.metermesh.api.state;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A durable store of named key-value maps shared by the implementation bundles.
 *
 * <p>Routes, invocation counters, queued telemetry and backup-parent plans live here so that a new instance of an
 * updated bundle resumes where the old one stopped. Each bundle owns the maps it names (by convention prefixed
 * with its area, e.g. {@code rpl.routes}) and the encoding of its values.
 */
@ProviderType
public interface StateStore {

    /** The map with this name, created empty on first use. */
    StateMap map(String name);

    /**
     * Makes every change made so far durable: when this returns, it survives a crash or power loss. Changes are
     * also committed in the background, but only this call gives the guarantee.
     */
    void commit();
}
