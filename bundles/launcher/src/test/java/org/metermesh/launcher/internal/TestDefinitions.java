package org.metermesh.launcher.internal;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Small MetaType definitions for tests, validating bounds the way a MetaType implementation does. */
final class TestDefinitions {

    private TestDefinitions() {
    }

    static Map<String, ObjectClassDefinition> radioAndRpl() {
        return Map.of(
                "org.metermesh.radio", ocd("org.metermesh.radio",
                        ad("pan.id", AttributeDefinition.INTEGER, 0, 0, 65534),
                        ad("channel", AttributeDefinition.INTEGER, 0, 0, 128),
                        ad("extended.address", AttributeDefinition.STRING, 0, null, null)),
                "org.metermesh.rpl", ocd("org.metermesh.rpl",
                        ad("trickle.k", AttributeDefinition.INTEGER, 0, 0, 255),
                        ad("storing.mode", AttributeDefinition.BOOLEAN, 0, null, null),
                        ad("lifetime.s", AttributeDefinition.LONG, 0, 1L, null),
                        ad("prefixes", AttributeDefinition.STRING, 4, null, null)));
    }

    static ObjectClassDefinition ocd(String id, AttributeDefinition... ads) {
        return new ObjectClassDefinition() {
            @Override
            public String getName() {
                return id;
            }

            @Override
            public String getID() {
                return id;
            }

            @Override
            public String getDescription() {
                return "";
            }

            @Override
            public AttributeDefinition[] getAttributeDefinitions(int filter) {
                return ads;
            }

            @Override
            public InputStream getIcon(int size) {
                return null;
            }
        };
    }

    static AttributeDefinition ad(String id, int type, int cardinality, Number min, Number max) {
        return new AttributeDefinition() {
            @Override
            public String getName() {
                return id;
            }

            @Override
            public String getID() {
                return id;
            }

            @Override
            public String getDescription() {
                return "";
            }

            @Override
            public int getCardinality() {
                return cardinality;
            }

            @Override
            public int getType() {
                return type;
            }

            @Override
            public String[] getOptionValues() {
                return null;
            }

            @Override
            public String[] getOptionLabels() {
                return null;
            }

            @Override
            public String validate(String value) {
                if (type != AttributeDefinition.INTEGER && type != AttributeDefinition.LONG) {
                    return "";
                }
                long number = Long.parseLong(value);
                if (min != null && number < min.longValue()) {
                    return "lower than minimum";
                }
                if (max != null && number > max.longValue()) {
                    return "greater than maximum";
                }
                return "";
            }

            @Override
            public String[] getDefaultValue() {
                return null;
            }
        };
    }

    static List<MeshConfigFile.Setting> parse(String yaml) throws MeshConfigException {
        return MeshConfigFile.parse("mesh-config.yaml", new java.io.StringReader(yaml));
    }
}
