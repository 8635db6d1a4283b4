package org.metermesh.launcher.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** The few lines a gateway engineer reads after start: what runs, what does not, and where configuration came from. */
final class StartupSummary {

    /** Components activate asynchronously after their configuration arrives; wait at most this long. */
    private static final long SETTLE_MILLIS = 15_000;
    private static final long POLL_MILLIS = 100;

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final String configFile;
    private final int configuredPids;
    private final String profile;
    private final int simulatedMeters;

    private final String idleOnPurpose;

    /**
     * @param profile       the profile overlay applied, or null
     * @param idleOnPurpose the component left unconfigured on purpose (the radio while meters are simulated, the
     *                      simulated neighbourhood otherwise): not counted, not reported as inactive
     */
    StartupSummary(BundleContext context, ServiceComponentRuntime scr, String configFile, int configuredPids,
            String profile, int simulatedMeters, String idleOnPurpose) {
        this.idleOnPurpose = idleOnPurpose;
        this.context = context;
        this.scr = scr;
        this.configFile = configFile;
        this.configuredPids = configuredPids;
        this.profile = profile;
        this.simulatedMeters = simulatedMeters;
    }

    /**
     * Waits until every MeterMesh bundle has started and every component of theirs is active (or the bound passes),
     * then describes the gateway. The launcher starts bundles one after another, so this one may run early.
     */
    String awaitAndDescribe() {
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        List<String> inactive = inactiveComponents();
        while ((!inactive.isEmpty() || !allStarted()) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            inactive = inactiveComponents();
        }
        return describe(inactive);
    }

    private boolean allStarted() {
        return Arrays.stream(meterMeshBundles()).allMatch(b -> b.getState() == Bundle.ACTIVE);
    }

    private Bundle[] meterMeshBundles() {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().startsWith(MeshConfigBinder.PID_PREFIX)).toArray(Bundle[]::new);
    }

    private String describe(List<String> inactive) {
        Bundle[] bundles = meterMeshBundles();
        long activeBundles = Arrays.stream(bundles).filter(b -> b.getState() == Bundle.ACTIVE).count();
        int components = componentDescriptions().size();
        StringBuilder text = new StringBuilder();
        text.append("MeterMesh gateway ").append(context.getBundle().getVersion()).append(" started\n");
        text.append("  bundles:       ").append(activeBundles).append('/').append(bundles.length)
                .append(" MeterMesh bundles active (").append(context.getBundles().length).append(" in total)\n");
        text.append("  components:    ").append(components - inactive.size()).append('/').append(components)
                .append(" active\n");
        for (String line : inactive) {
            text.append("    not active:  ").append(line).append('\n');
        }
        text.append("  configuration: ").append(configFile).append(" (").append(configuredPids)
                .append(" components configured")
                .append(profile == null ? "" : ", profile " + profile).append(")\n");
        if (simulatedMeters > 0) {
            text.append("  meters:        ").append(simulatedMeters)
                    .append(" simulated around the gateway, in real time (they stand in for the radio section)\n");
        }
        text.append("  stop with Ctrl-C");
        return text.toString();
    }

    private List<ComponentDescriptionDTO> componentDescriptions() {
        List<ComponentDescriptionDTO> descriptions = new ArrayList<>(
                scr.getComponentDescriptionDTOs(meterMeshBundles()));
        descriptions.removeIf(d -> d.name.equals(idleOnPurpose));
        return descriptions;
    }

    private List<String> inactiveComponents() {
        List<String> inactive = new ArrayList<>();
        for (ComponentDescriptionDTO description : componentDescriptions()) {
            List<ComponentConfigurationDTO> configurations = new ArrayList<>(
                    scr.getComponentConfigurationDTOs(description));
            boolean active = configurations.stream().anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE
                    || c.state == ComponentConfigurationDTO.SATISFIED);
            if (!active) {
                inactive.add(description.name + " (" + reason(description, configurations) + ")");
            }
        }
        return inactive;
    }

    private static String reason(ComponentDescriptionDTO description, List<ComponentConfigurationDTO> configurations) {
        if (!description.defaultEnabled) {
            return "disabled";
        }
        if (configurations.isEmpty()) {
            return "waiting for configuration";
        }
        ComponentConfigurationDTO configuration = configurations.get(0);
        return switch (configuration.state) {
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "missing service: "
                    + Arrays.stream(configuration.unsatisfiedReferences).map(r -> r.target == null ? r.name : r.name
                            + " " + r.target).toList();
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "activation failed: " + configuration.failure;
            default -> "state " + configuration.state;
        };
    }
}
