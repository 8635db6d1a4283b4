package org.metermesh.itest.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Component state as Declarative Services reports it (ServiceComponentRuntime DTOs, DS 1.4). */
public final class Components {

    private Components() {
    }

    /** Every component configuration of these bundles, keyed by component name. */
    public static Map<String, List<ComponentConfigurationDTO>> configurations(ServiceComponentRuntime scr,
            Bundle... bundles) {
        Map<String, List<ComponentConfigurationDTO>> byName = new LinkedHashMap<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundles)) {
            byName.put(description.name, new ArrayList<>(scr.getComponentConfigurationDTOs(description)));
        }
        return byName;
    }

    /** The one configuration of a component that must have exactly one (singleton pid). */
    public static ComponentConfigurationDTO single(ServiceComponentRuntime scr, Bundle bundle, String name) {
        List<ComponentConfigurationDTO> configurations = configurations(scr, bundle).get(name);
        if (configurations == null || configurations.size() != 1) {
            return null;
        }
        return configurations.get(0);
    }

    /**
     * Waits until every component of these bundles has its configuration and its references: each is then ACTIVE,
     * or SATISFIED if it is a delayed component nobody uses yet.
     */
    public static Map<String, List<ComponentConfigurationDTO>> awaitSatisfied(ServiceComponentRuntime scr,
            Bundle... bundles) {
        return Await.value("every component satisfied or active", () -> configurations(scr, bundles),
                configurations -> configurations.values().stream().allMatch(list -> !list.isEmpty()
                        && list.stream().allMatch(c -> c.state == ComponentConfigurationDTO.SATISFIED
                                || c.state == ComponentConfigurationDTO.ACTIVE)));
    }

    public static boolean allActive(Map<String, List<ComponentConfigurationDTO>> configurations) {
        return !configurations.isEmpty() && configurations.values().stream()
                .allMatch(list -> !list.isEmpty()
                        && list.stream().allMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE));
    }

    /**
     * Uses the service of every satisfied delayed component once, which is what activates it. The services are
     * kept (not ungotten) so the components stay active until the framework stops.
     */
    public static void useServicesOfDelayedComponents(BundleContext context, ServiceComponentRuntime scr,
            Bundle... bundles) {
        for (Map.Entry<String, List<ComponentConfigurationDTO>> entry : configurations(scr, bundles).entrySet()) {
            boolean satisfied = entry.getValue().stream().anyMatch(c -> c.state == ComponentConfigurationDTO.SATISFIED);
            if (satisfied) {
                for (ServiceReference<?> reference : referencesOf(context, entry.getKey())) {
                    context.getService(reference);
                }
            }
        }
    }

    private static List<ServiceReference<?>> referencesOf(BundleContext context, String componentName) {
        try {
            ServiceReference<?>[] references = context.getServiceReferences((String) null,
                    "(" + ComponentConstants.COMPONENT_NAME + "=" + componentName + ")");
            return references == null ? List.of() : List.of(references);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(componentName, e);
        }
    }

    public static String describe(Map<String, List<ComponentConfigurationDTO>> configurations) {
        return configurations.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().stream()
                        .map(c -> "#" + c.id + " " + stateName(c.state)
                                + (c.failure == null ? "" : " (" + c.failure + ")"))
                        .collect(Collectors.joining(", ", "[", "]")))
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    public static String stateName(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> "state " + state;
        };
    }
}
