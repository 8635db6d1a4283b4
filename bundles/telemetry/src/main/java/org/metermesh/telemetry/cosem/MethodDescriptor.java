package org.metermesh.telemetry.cosem;

import java.util.Objects;

/**
 * {@code Cosem-Method-Descriptor} (Green Book 9.5): class-id Unsigned16, instance-id octet-string(6), method-id
 * Integer8.
 *
 * @param classId the COSEM interface class
 * @param instance the object's logical name
 * @param methodId the method, numbered from 1 in the class definition (Blue Book)
 */
public record MethodDescriptor(int classId, ObisCode instance, int methodId) {

    public MethodDescriptor {
        AttributeDescriptor.checkClassId(classId);
        Objects.requireNonNull(instance, "instance");
        if (methodId < Byte.MIN_VALUE || methodId > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("method-id is Integer8, not " + methodId);
        }
    }
}
