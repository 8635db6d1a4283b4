package org.metermesh.api.event;

/** EventAdmin topics and property names used by MeterMesh bundles. */
public final class MeshEvents {

    /** Prefix of the topics under which {@link ErrorCode}s are posted. */
    public static final String ERROR_TOPIC_PREFIX = "org/metermesh/error/";

    /** Event property: the node the event concerns, as a hex EUI-64 or short address. */
    public static final String NODE = "node";

    /** Event property: a human-readable explanation. */
    public static final String REASON = "reason";

    private MeshEvents() {
    }
}
