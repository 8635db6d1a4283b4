package org.metermesh.rpl.of;

/**
 * OF0's step_of_rank Sp for a link (RFC 6552 4.1): "an intermediate computation based on the link properties with
 * a certain neighbor". RFC 6552 leaves the mapping to the implementation; Sp outside [1, 9]
 * (MINIMUM_STEP_OF_RANK, MAXIMUM_STEP_OF_RANK, RFC 6552 6) makes the neighbour unacceptable.
 */
@FunctionalInterface
public interface StepOfRank {

    /** DEFAULT_STEP_OF_RANK (RFC 6552 6) for every link: OF0 then counts hops. */
    StepOfRank FIXED_DEFAULT = linkMetric -> Of0.DEFAULT_STEP_OF_RANK;

    /**
     * Sp = 3 * ETX - 2 (integer part of 3 * ETX, minus 2), the mapping Contiki-NG's OF0 uses (rpl-lite/rpl-of0.c,
     * "numbers suggested by P. Thubert for the 6TiSCH WG"): ETX 1 gives 1, ETX 2 gives 4, ETX 3 gives 7, and links
     * with ETX of 11/3 or more fall outside [1, 9] and are not used. An unknown ETX gives DEFAULT_STEP_OF_RANK.
     */
    StepOfRank FROM_ETX = linkMetric -> linkMetric == ParentCandidate.UNKNOWN ? Of0.DEFAULT_STEP_OF_RANK
            : 3 * linkMetric / Etx.DIVISOR - 2;

    /** Sp for a link of this ETX (fixed point, or {@link ParentCandidate#UNKNOWN}). */
    int step(int linkMetric);
}
