package org.metermesh.launcher.internal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Binds the settings of mesh-config.yaml to the components' MetaType definitions: every section must name a
 * MeterMesh pid, every key one of its attributes, every value its type and bounds. All of the file is checked
 * before anything is applied, so a bad file never leaves the gateway half-configured.
 */
final class MeshConfigBinder {

    /** Pids are {@code org.metermesh.<section>}; the file names them by section. */
    static final String PID_PREFIX = "org.metermesh.";

    private final String file;
    private final Map<String, ObjectClassDefinition> definitions;

    /** @param definitions the MetaType definition of every MeterMesh pid */
    MeshConfigBinder(String file, Map<String, ObjectClassDefinition> definitions) {
        this.file = file;
        this.definitions = new TreeMap<>(definitions);
    }

    /**
     * @return for every known pid (whether the file mentions it or not), the properties to give it; attributes the
     *         file leaves out are absent, so the component's own default applies
     */
    Map<String, Hashtable<String, Object>> bind(List<MeshConfigFile.Setting> settings) throws MeshConfigException {
        Map<String, Hashtable<String, Object>> result = new TreeMap<>();
        definitions.keySet().forEach(pid -> result.put(pid, new Hashtable<>()));
        for (MeshConfigFile.Setting setting : settings) {
            String pid = PID_PREFIX + setting.section();
            ObjectClassDefinition ocd = definitions.get(pid);
            if (ocd == null) {
                throw new MeshConfigException(file, setting.sectionLine(), setting.section(),
                        "unknown section; known sections: " + String.join(", ", sections()));
            }
            AttributeDefinition ad = attribute(ocd, setting.key());
            if (ad == null) {
                throw new MeshConfigException(file, setting.line(), setting.qualifiedKey(),
                        "unknown property; " + setting.section() + " has: " + String.join(", ", attributeIds(ocd)));
            }
            result.get(pid).put(ad.getID(), value(setting, ad));
        }
        return result;
    }

    private Object value(MeshConfigFile.Setting setting, AttributeDefinition ad) throws MeshConfigException {
        boolean multi = ad.getCardinality() != 0;
        if (setting.list() && !multi) {
            throw error(setting, "takes a single value, not a list");
        }
        List<Object> typed = new ArrayList<>();
        for (String text : setting.values()) {
            Object value = convert(setting, ad.getType(), text.trim());
            String verdict = ad.validate(String.valueOf(value));
            if (verdict != null && !verdict.isEmpty()) {
                throw error(setting, "value " + text + " rejected: " + verdict);
            }
            typed.add(value);
        }
        if (!multi) {
            return typed.get(0);
        }
        int max = Math.abs(ad.getCardinality());
        if (max != Integer.MAX_VALUE && typed.size() > max) {
            throw error(setting, "at most " + max + " values allowed, found " + typed.size());
        }
        return typed.toArray((Object[]) java.lang.reflect.Array.newInstance(javaType(ad.getType()), 0));
    }

    /** The element type of a multi-valued attribute's array, as ConfigurationAdmin stores it. */
    private static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            default -> String.class;
        };
    }

    private Object convert(MeshConfigFile.Setting setting, int type, String text) throws MeshConfigException {
        try {
            return switch (type) {
                case AttributeDefinition.STRING -> text;
                case AttributeDefinition.INTEGER -> Math.toIntExact(parseLong(text));
                case AttributeDefinition.LONG -> parseLong(text);
                case AttributeDefinition.SHORT -> (short) Math.toIntExact(parseLong(text));
                case AttributeDefinition.BYTE -> (byte) Math.toIntExact(parseLong(text));
                case AttributeDefinition.DOUBLE -> Double.parseDouble(text);
                case AttributeDefinition.FLOAT -> Float.parseFloat(text);
                case AttributeDefinition.BOOLEAN -> parseBoolean(text);
                case AttributeDefinition.CHARACTER -> single(text);
                default -> throw new IllegalArgumentException("attribute type " + type + " is not supported");
            };
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw error(setting, "'" + text + "' is not " + typeName(type)
                    + (e instanceof ArithmeticException ? " (out of range)" : ""));
        }
    }

    /** Decimal, or hexadecimal with 0x as the field manual writes addresses (0xcafe). */
    private static long parseLong(String text) {
        String sign = text.startsWith("-") ? "-" : "";
        String digits = sign.isEmpty() ? text : text.substring(1);
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            return Long.parseLong(sign + digits.substring(2), 16);
        }
        return Long.parseLong(text);
    }

    private static boolean parseBoolean(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static char single(String text) {
        if (text.length() != 1) {
            throw new IllegalArgumentException(text);
        }
        return text.charAt(0);
    }

    private static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER, AttributeDefinition.LONG, AttributeDefinition.SHORT,
                    AttributeDefinition.BYTE -> "an integer";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "a number";
            case AttributeDefinition.BOOLEAN -> "true or false";
            case AttributeDefinition.CHARACTER -> "a single character";
            default -> "a valid value";
        };
    }

    private MeshConfigException error(MeshConfigFile.Setting setting, String reason) {
        return new MeshConfigException(file, setting.line(), setting.qualifiedKey(), reason);
    }

    private static AttributeDefinition attribute(ObjectClassDefinition ocd, String id) {
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (ads != null) {
            for (AttributeDefinition ad : ads) {
                if (ad.getID().equals(id)) {
                    return ad;
                }
            }
        }
        return null;
    }

    private static List<String> attributeIds(ObjectClassDefinition ocd) {
        List<String> ids = new ArrayList<>();
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (ads != null) {
            for (AttributeDefinition ad : ads) {
                ids.add(ad.getID());
            }
        }
        return ids;
    }

    private List<String> sections() {
        return definitions.keySet().stream().map(pid -> pid.substring(PID_PREFIX.length())).toList();
    }
}
