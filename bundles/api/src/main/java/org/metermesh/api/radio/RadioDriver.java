package org.metermesh.api.radio;

import org.osgi.annotation.versioning.ProviderType;

/** The radio at the bottom of the stack. Consumers hold a dynamic reference: the driver may be swapped live. */
@ProviderType
public interface RadioDriver {

    RadioSettings settings();

    LinkState linkState();
}
