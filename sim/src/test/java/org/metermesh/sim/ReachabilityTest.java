package org.metermesh.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;

import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.radio.medium.MediumSettings;
import org.metermesh.radio.medium.Position;
import org.metermesh.radio.medium.SimulatedMedium;
import org.metermesh.radio.medium.SimulatedPhy;
import org.metermesh.radio.phy.ChannelPlan;
import org.junit.jupiter.api.Test;

class ReachabilityTest {

    /** No shadowing: 14 dBm reaches -100 dBm at 553 m. */
    private final SimulatedMedium medium = new SimulatedMedium(new VirtualScheduler(1),
            ChannelPlan.sunFskNorthAmerica(50), new MediumSettings(1, 31.7, 3.0, 0, -100, -95, true, 10, 0));

    @Test
    void aChainOfHopsIsReachableAndAnIslandIsNot() {
        SimulatedPhy gateway = node(0);
        SimulatedPhy hop1 = node(400);
        SimulatedPhy hop2 = node(800);
        SimulatedPhy island = node(3000);

        BitSet reached = Reachability.from(medium, gateway);

        assertThat(reached.get(hop1.id())).isTrue();
        assertThat(reached.get(hop2.id())).as("two hops out").isTrue();
        assertThat(reached.get(island.id())).isFalse();
    }

    @Test
    void deadMetersAndCutLinksBreakPaths() {
        SimulatedPhy gateway = node(0);
        SimulatedPhy hop1 = node(400);
        SimulatedPhy hop2 = node(800);

        hop1.close();
        assertThat(Reachability.from(medium, gateway).get(hop2.id())).isFalse();

        SimulatedPhy other = node(450);
        medium.blockLink(gateway, other);
        assertThat(Reachability.from(medium, gateway).get(other.id())).isFalse();
    }

    @Test
    void percentilesUseTheNearestRank() {
        double[] samples = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
        assertThat(Percentiles.of(samples, 50)).isEqualTo(5);
        assertThat(Percentiles.of(samples, 95)).isEqualTo(10);
        assertThat(Percentiles.of(new double[0], 50)).isNaN();
    }

    private SimulatedPhy node(double x) {
        return medium.attach(new Position(x, 0), 17, 14);
    }
}
