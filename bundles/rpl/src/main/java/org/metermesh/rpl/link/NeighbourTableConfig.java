package org.metermesh.rpl.link;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and thresholds of a {@link NeighbourTable}.
 *
 * @param capacity            most entries; 32 by default: "most industrial implementations are capped at 32 direct
 *                            neighbors" (field manual, seed 000, Admin Desk)
 * @param staleAfter          an entry not heard from for this long expires; 1 h by default, about 3.4 maximal DIO
 *                            intervals of MeterMesh's Trickle default (Imax 2^20 ms = 17.5 min), so a neighbour
 *                            that is silent for three whole Imax intervals is gone
 * @param highLossThreshold   packet loss above which HIGH_PACKET_LOSS is raised; 0.15 by default: "packet-loss
 *                            (greater than 15 percent)" (field manual, Section C)
 * @param lossClearThreshold  packet loss at or below which a raised warning clears; 0.10 by default, a margin
 *                            below the threshold so that a link hovering around 15 % does not flap
 * @param lossMinAttempts     attempts needed before the loss ratio is judged; 10 by default (one lost frame in
 *                            the first few would otherwise read as 50 % or 100 %)
 * @param lossWindow          attempts over which loss is measured: when the count passes it, attempts and
 *                            acknowledgements are both halved (Contiki-NG link-stats.c TX_COUNT_MAX 32), so
 *                            older traffic fades; 32 by default
 * @param etx                 the ETX estimator's parameters
 */
public record NeighbourTableConfig(int capacity, Duration staleAfter, double highLossThreshold,
        double lossClearThreshold, int lossMinAttempts, int lossWindow, EtxConfig etx) {

    /** The field manual's cap on direct neighbours. */
    public static final int DEFAULT_CAPACITY = 32;
    /** The field manual's HIGH_PACKET_LOSS threshold. */
    public static final double DEFAULT_HIGH_LOSS_THRESHOLD = 0.15;

    public NeighbourTableConfig {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " is below 1");
        }
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter " + staleAfter + " must be positive");
        }
        if (!(highLossThreshold >= 0 && highLossThreshold < 1)
                || !(lossClearThreshold >= 0 && lossClearThreshold <= highLossThreshold)) {
            throw new IllegalArgumentException("need 0 <= clear threshold <= high-loss threshold < 1");
        }
        if (lossMinAttempts < 1 || lossWindow < lossMinAttempts) {
            throw new IllegalArgumentException("need 1 <= lossMinAttempts <= lossWindow");
        }
        Objects.requireNonNull(etx, "etx");
    }

    /** The defaults documented above. */
    public static NeighbourTableConfig defaults() {
        return new NeighbourTableConfig(DEFAULT_CAPACITY, Duration.ofHours(1), DEFAULT_HIGH_LOSS_THRESHOLD, 0.10, 10,
                32, EtxConfig.defaults());
    }

    public NeighbourTableConfig withCapacity(int newCapacity) {
        return new NeighbourTableConfig(newCapacity, staleAfter, highLossThreshold, lossClearThreshold,
                lossMinAttempts, lossWindow, etx);
    }

    public NeighbourTableConfig withStaleAfter(Duration newStaleAfter) {
        return new NeighbourTableConfig(capacity, newStaleAfter, highLossThreshold, lossClearThreshold,
                lossMinAttempts, lossWindow, etx);
    }

    public NeighbourTableConfig withEtx(EtxConfig newEtx) {
        return new NeighbourTableConfig(capacity, staleAfter, highLossThreshold, lossClearThreshold, lossMinAttempts,
                lossWindow, newEtx);
    }
}
