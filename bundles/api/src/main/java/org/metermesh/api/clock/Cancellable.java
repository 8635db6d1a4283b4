package org.metermesh.api.clock;

import org.osgi.annotation.versioning.ProviderType;

/** A scheduled task that has not necessarily run yet. */
@ProviderType
public interface Cancellable {

    /**
     * Prevents the task from running if it has not started. Cancelling twice, or after the task ran, does
     * nothing.
     *
     * @return true if this call stopped the task from running
     */
    boolean cancel();
}
