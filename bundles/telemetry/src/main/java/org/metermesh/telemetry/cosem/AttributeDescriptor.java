package org.metermesh.telemetry.cosem;

import java.util.Objects;

/**
 * {@code Cosem-Attribute-Descriptor} (Green Book 9.5): class-id Unsigned16, instance-id octet-string(6) (the OBIS
 * code, fixed size so without a length), attribute-id Integer8.
 *
 * @param classId the COSEM interface class, e.g. 3 Register, 8 Clock, 70 Disconnect control
 * @param instance the object's logical name
 * @param attributeId the attribute, 1 = logical_name; -128..127 (negative ids are manufacturer-specific)
 */
public record AttributeDescriptor(int classId, ObisCode instance, int attributeId) {

    public AttributeDescriptor {
        checkClassId(classId);
        Objects.requireNonNull(instance, "instance");
        if (attributeId < Byte.MIN_VALUE || attributeId > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("attribute-id is Integer8, not " + attributeId);
        }
    }

    static void checkClassId(int classId) {
        if (classId < 0 || classId > 0xFFFF) {
            throw new IllegalArgumentException("class-id is Unsigned16, not " + classId);
        }
    }
}
