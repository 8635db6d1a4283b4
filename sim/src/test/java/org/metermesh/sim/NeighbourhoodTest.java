package org.metermesh.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.metermesh.radio.medium.Position;
import org.junit.jupiter.api.Test;

class NeighbourhoodTest {

    @Test
    void placesTheRequestedNumberOfMetersReproducibly() {
        for (Neighbourhood.Layout layout : Neighbourhood.Layout.values()) {
            List<Position> first = Neighbourhood.place(layout, 500, 1000, 3);
            assertThat(first).hasSize(500);
            assertThat(Neighbourhood.place(layout, 500, 1000, 3)).isEqualTo(first);
            assertThat(Neighbourhood.place(layout, 500, 1000, 4)).isNotEqualTo(first);
        }
    }

    @Test
    void densityIsRoughlyWhatWasAskedFor() {
        List<Position> meters = Neighbourhood.place(Neighbourhood.Layout.RANDOM, 4000, 1000, 1);
        double side = meters.stream().mapToDouble(p -> Math.max(Math.abs(p.x()), Math.abs(p.y()))).max()
                .orElseThrow() * 2;
        // 4000 meters at 1000 per km^2 cover 4 km^2: a square of 2 km.
        assertThat(side).isBetween(1950.0, 2000.0);
    }

    @Test
    void streetHousesStandAlongStreetsAroundTheGateway() {
        List<Position> houses = Neighbourhood.place(Neighbourhood.Layout.STREETS, 300, 1000, 1);
        for (Position house : houses) {
            double offStreet = Math.abs(Math.IEEEremainder(house.y(), Neighbourhood.BLOCK_METRES));
            assertThat(offStreet).isBetween(Neighbourhood.SETBACK_METRES - 2.01, Neighbourhood.SETBACK_METRES + 2.01);
        }
        double meanDistance = houses.stream().mapToDouble(p -> Math.hypot(p.x(), p.y())).average().orElseThrow();
        assertThat(meanDistance).as("filled outward from the gateway").isLessThan(600);
    }
}
