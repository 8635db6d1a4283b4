package org.metermesh.launcher.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads mesh-config.yaml: a mapping of sections (a component's pid without the {@code org.metermesh.} prefix) to
 * mappings of property names to scalars or lists of scalars. Values are kept as text with their line numbers;
 * typing and bounds come from the components' MetaType (see {@link MeshConfigBinder}).
 */
final class MeshConfigFile {

    /**
     * One property of one section, as written.
     *
     * @param sectionLine line of the section name
     * @param line        line of the property name
     */
    record Setting(String section, int sectionLine, String key, List<String> values, boolean list, int line) {
        String qualifiedKey() {
            return section + "." + key;
        }
    }

    private MeshConfigFile() {
    }

    static List<Setting> read(Path file) throws MeshConfigException {
        String name = file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(name, reader);
        } catch (IOException e) {
            throw new MeshConfigException(name, "cannot read: " + e, e);
        }
    }

    static List<Setting> parse(String name, Reader reader) throws MeshConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(10);
        Node root;
        try {
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new MeshConfigException(name, line, null, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new MeshConfigException(name, 0, null, "not valid YAML: " + e.getMessage());
        }
        List<Setting> settings = new ArrayList<>();
        if (root == null) {
            return settings; // an empty file: every component keeps its defaults
        }
        MappingNode sections = mapping(name, root, null, "the top level must map section names to settings");
        Set<String> seen = new HashSet<>();
        for (NodeTuple sectionTuple : sections.getValue()) {
            String section = scalar(name, sectionTuple.getKeyNode(), null, "section names must be plain words");
            if (!seen.add(section)) {
                throw new MeshConfigException(name, line(sectionTuple.getKeyNode()), section, "section appears twice");
            }
            Node body = sectionTuple.getValueNode();
            if (body instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
                continue; // "radio:" with nothing under it
            }
            MappingNode properties = mapping(name, body, section, "a section must map property names to values");
            Set<String> keys = new HashSet<>();
            for (NodeTuple property : properties.getValue()) {
                Node keyNode = property.getKeyNode();
                String key = scalar(name, keyNode, section, "property names must be plain words");
                if (!keys.add(key)) {
                    throw new MeshConfigException(name, line(keyNode), section + "." + key, "property appears twice");
                }
                settings.add(setting(name, section, line(sectionTuple.getKeyNode()), key, line(keyNode),
                        property.getValueNode()));
            }
        }
        return settings;
    }

    private static Setting setting(String name, String section, int sectionLine, String key, int keyLine, Node value)
            throws MeshConfigException {
        String where = section + "." + key;
        if (value instanceof ScalarNode scalar) {
            return new Setting(section, sectionLine, key, List.of(scalar.getValue()), false, keyLine);
        }
        if (value instanceof SequenceNode sequence) {
            List<String> values = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                values.add(scalar(name, item, where, "list items must be single values"));
            }
            return new Setting(section, sectionLine, key, values, true, keyLine);
        }
        throw new MeshConfigException(name, line(value), where, "expected a value or a list of values, found a mapping");
    }

    private static MappingNode mapping(String name, Node node, String key, String reason) throws MeshConfigException {
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        throw new MeshConfigException(name, line(node), key, reason);
    }

    private static String scalar(String name, Node node, String key, String reason) throws MeshConfigException {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw new MeshConfigException(name, line(node), key, reason);
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
