package org.metermesh.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a simulation run found, as written to the JSON report.
 *
 * @param meters        meters in the neighbourhood
 * @param joined        live meters whose route the root holds at the end
 * @param reachable     meters with any radio path to the gateway at the end (dead meters and cut links excluded)
 * @param formationS    simulated seconds until every reachable meter had joined; NaN if some never did
 * @param joinP50S      median simulated time of a meter's first join
 * @param joinP95S      95th percentile of the same
 * @param maxDepth      most hops from the root to a meter on the root's source routes
 * @param loopsDetected routing loops detected by the RPL option checks and the root's route computation
 * @param controlBytes  octets of RPL control messages sent (IPv6 packets before compression)
 * @param simS          simulated seconds run
 * @param wallS         wall-clock seconds the run took
 * @param heapPerMeterBytes heap held per meter at the end of the run (after garbage collection); -1 if not measured
 */
record SimulationReport(int meters, int joined, int reachable, double formationS, double joinP50S, double joinP95S,
        int maxDepth, long loopsDetected, long controlBytes, double simS, double wallS, long heapPerMeterBytes,
        long seed, Map<String, Long> counters) {

    String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("meters", meters);
        fields.put("joined", joined);
        fields.put("reachable", reachable);
        fields.put("formation_s", formationS);
        fields.put("join_p50_s", joinP50S);
        fields.put("join_p95_s", joinP95S);
        fields.put("max_depth", maxDepth);
        fields.put("loops_detected", loopsDetected);
        fields.put("control_bytes", controlBytes);
        fields.put("sim_s", simS);
        fields.put("wall_s", wallS);
        fields.put("sim_to_wall", wallS > 0 ? simS / wallS : Double.NaN);
        fields.put("heap_per_meter_bytes", heapPerMeterBytes);
        fields.put("seed", seed);
        counters.forEach((name, value) -> fields.put("count_" + name.replaceAll("[^a-zA-Z0-9]+", "_"), value));
        return JsonWriter.object(fields);
    }

    String summary() {
        return String.format(java.util.Locale.ROOT,
                "%d meters, %d reachable, %d joined; formation %s; join p50 %.1f s, p95 %.1f s; max depth %d;"
                        + " loops %d; control %d octets; %.0f s simulated in %.1f s (x%.0f)",
                meters, reachable, joined, Double.isNaN(formationS) ? "incomplete" : String.format(
                        java.util.Locale.ROOT, "%.1f s", formationS), joinP50S, joinP95S, maxDepth, loopsDetected,
                controlBytes, simS, wallS, wallS > 0 ? simS / wallS : 0);
    }
}
