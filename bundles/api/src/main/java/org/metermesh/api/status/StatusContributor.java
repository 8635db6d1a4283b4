package org.metermesh.api.status;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service that reports a few running figures for the console's status line
 * ({@code meters joined 143/200 [#######.....] | published 1234 | queue 0}). The console asks every contributor
 * about once a second, from its own thread, and adds up the figures of the same name; names it does not know are
 * ignored. Implementations answer quickly from a snapshot or a short hop onto their event loop; a contributor
 * that throws is skipped for that refresh.
 */
@ConsumerType
public interface StatusContributor {

    /** Meters whose route the gateway's DODAG root holds now (the RPL bundle). */
    String METERS_ROUTED = "meters.routed";
    /** Simulated meters with a preferred parent now (the simulator bundle). */
    String METERS_ATTACHED = "meters.attached";
    /** Meters in the neighbourhood, joined or not (the simulator bundle). */
    String METERS_TOTAL = "meters.total";
    /** Messages accepted by the MQTT broker since start (the telemetry bundle). */
    String PUBLISHED = "published";
    /** Messages waiting in the durable outbox now (the telemetry bundle). */
    String QUEUE = "queue";

    /** The figures by name, as of now; never null. */
    Map<String, Long> status();
}
