package org.metermesh.platform.internal;

import org.eclipse.kura.configuration.ConfigurableComponent;

/** The object Kura sees behind a MeterMesh console registration. Loaded only where Kura's API is wired. */
final class KuraMarker implements ConfigurableComponent {
}
