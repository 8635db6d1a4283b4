package org.eclipse.kura.configuration;

/**
 * Marker under which Eclipse Kura's configuration service and web console discover configurable components.
 * Kura's own interface declares no methods; this copy exists only so MeterMesh compiles without Kura's jars.
 */
public interface ConfigurableComponent {
}
