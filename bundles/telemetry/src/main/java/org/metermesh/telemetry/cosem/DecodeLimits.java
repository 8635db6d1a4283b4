package org.metermesh.telemetry.cosem;

/**
 * Bounds on what one decode may build, so that a hostile or corrupt APDU cannot exhaust the gateway's memory or stack.
 *
 * @param maxDepth deepest nesting of arrays and structures (a flat value has depth 0)
 * @param maxElements most data elements in one decoded value, all containers and leaves counted
 * @param maxOctets longest octet-string, visible-string, utf8-string or bit-string (in octets)
 */
public record DecodeLimits(int maxDepth, int maxElements, int maxOctets) {

    /**
     * Generous for meter traffic: a COSEM APDU over CoAP on a 6LoWPAN mesh is at most a few kB, and the MeterMesh
     * notification body nests 3 deep.
     */
    public static final DecodeLimits DEFAULT = new DecodeLimits(8, 1024, 2048);

    public DecodeLimits {
        if (maxDepth < 0 || maxElements < 1 || maxOctets < 0) {
            throw new IllegalArgumentException("decode limits must be non-negative (elements at least 1)");
        }
    }
}
