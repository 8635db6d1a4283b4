package org.metermesh.rpl.of;

import java.util.Optional;

import org.metermesh.rpl.message.RplOption.DodagConfiguration;

/** Picks the objective function a DODAG Configuration option asks for. */
public final class ObjectiveFunctions {

    private ObjectiveFunctions() {
    }

    /**
     * OF0 ({@link Of0#withDefaults}) for OCP 0, MRHOF-ETX for OCP 1 ({@link Mrhof#forMeters}), with the option's
     * MinHopRankIncrease and MaxRankIncrease. Empty for any other OCP or a MinHopRankIncrease of 0, which would make
     * DAGRank undefined: a node must not join such a DODAG as a router (RFC 6550 8.5 lets it join as a leaf).
     */
    public static Optional<ObjectiveFunction> forConfiguration(DodagConfiguration config) {
        if (config.minHopRankIncrease() == 0) {
            return Optional.empty();
        }
        return switch (config.objectiveCodePoint()) {
            case ObjectiveFunction.OCP_OF0 -> Optional.of(
                    Of0.withDefaults(config.minHopRankIncrease(), config.maxRankIncrease()));
            case ObjectiveFunction.OCP_MRHOF -> Optional.of(
                    Mrhof.forMeters(config.minHopRankIncrease(), config.maxRankIncrease()));
            default -> Optional.empty();
        };
    }
}
