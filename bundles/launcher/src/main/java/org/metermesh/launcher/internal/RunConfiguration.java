package org.metermesh.launcher.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * What the standalone gateway is configured with: mesh-config.yaml, then the selected profile's overlay
 * ({@code profiles/<name>.yaml}: its keys replace the file's), then {@code --meters N} as {@code sim.meters}. Each
 * source is checked on its own first, so an error names the file (or option) it is in; nothing is applied unless
 * all of it is valid.
 *
 * <p>One radio driver at a time: with simulated meters ({@code sim.meters} above 0) the simulated neighbourhood
 * (pid {@code org.metermesh.sim}) provides the gateway's radio and the radio pid is left unconfigured; otherwise
 * the sim pid is left unconfigured and the radio section applies as before. A sim section without
 * {@code meters} counts as no meters: the MetaType default (200) is for consoles that configure the pid on purpose.
 */
final class RunConfiguration {

    static final String RADIO_PID = MeshConfigBinder.PID_PREFIX + "radio";
    static final String SIM_PID = MeshConfigBinder.PID_PREFIX + "sim";
    static final String METERS_OPTION = "--meters";
    private static final Pattern PROFILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private RunConfiguration() {
    }

    /**
     * @param profilesDir where {@code <profile>.yaml} overlays live
     * @param profile     the overlay to apply, or null for none
     * @param meters      the {@code --meters} value as given, or null when not given
     * @return the properties of every pid to configure
     */
    static Map<String, Hashtable<String, Object>> plan(Path file, Path profilesDir, String profile, String meters,
            Map<String, ObjectClassDefinition> definitions) throws MeshConfigException {
        List<MeshConfigFile.Setting> base = MeshConfigFile.read(file);
        new MeshConfigBinder(file.toString(), definitions).bind(base);
        List<MeshConfigFile.Setting> merged = new ArrayList<>(base);
        if (profile != null) {
            merged = overlay(merged, profileSettings(profilesDir, profile, definitions));
        }
        if (meters != null) {
            MeshConfigFile.Setting setting = new MeshConfigFile.Setting("sim", 0, "meters", List.of(meters.trim()),
                    false, 0);
            new MeshConfigBinder(METERS_OPTION, definitions).bind(List.of(setting));
            merged = overlay(merged, List.of(setting));
        }
        Map<String, Hashtable<String, Object>> plan = new MeshConfigBinder(file.toString(), definitions).bind(merged);
        if (simulatedMeters(plan) > 0) {
            plan.remove(RADIO_PID);
        } else {
            plan.remove(SIM_PID);
        }
        return plan;
    }

    /** The simulated meters the plan asks for; 0 without a sim pid or without its meters key. */
    static int simulatedMeters(Map<String, Hashtable<String, Object>> plan) {
        Hashtable<String, Object> sim = plan.get(SIM_PID);
        return sim != null && sim.get("meters") instanceof Number n ? n.intValue() : 0;
    }

    private static List<MeshConfigFile.Setting> profileSettings(Path profilesDir, String profile,
            Map<String, ObjectClassDefinition> definitions) throws MeshConfigException {
        if (!PROFILE_NAME.matcher(profile).matches()) {
            throw new MeshConfigException("--profile", 0, null, "'" + profile + "' is not a profile name "
                    + "(lower-case letters, digits and dashes)");
        }
        Path overlay = profilesDir.resolve(profile + ".yaml");
        if (!Files.isReadable(overlay)) {
            throw new MeshConfigException("--profile", 0, null, "no profile '" + profile + "' (" + overlay
                    + " is not a readable file)");
        }
        List<MeshConfigFile.Setting> settings = MeshConfigFile.read(overlay);
        new MeshConfigBinder(overlay.toString(), definitions).bind(settings);
        return settings;
    }

    /** {@code base} with every setting of {@code top} replacing the one of the same section and key, or added. */
    static List<MeshConfigFile.Setting> overlay(List<MeshConfigFile.Setting> base, List<MeshConfigFile.Setting> top) {
        Map<String, MeshConfigFile.Setting> byKey = new LinkedHashMap<>();
        for (MeshConfigFile.Setting setting : base) {
            byKey.put(setting.qualifiedKey(), setting);
        }
        for (MeshConfigFile.Setting setting : top) {
            byKey.put(setting.qualifiedKey(), setting);
        }
        return new ArrayList<>(byKey.values());
    }
}
