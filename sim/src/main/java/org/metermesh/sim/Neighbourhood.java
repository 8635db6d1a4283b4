package org.metermesh.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.metermesh.radio.medium.Position;

/**
 * Where the meters stand. Two layouts, both seeded: {@code streets}, houses along both sides of a grid of streets
 * around the gateway (a suburb), and {@code random}, meters scattered uniformly. Density is meters per square
 * kilometre; the area grows with the number of meters so that density, not count, sets the mesh's shape.
 */
public final class Neighbourhood {

    /** Street grid: one street every 100 m, houses every 20 m on both sides, set back 15 m from the centre line. */
    static final double BLOCK_METRES = 100;
    static final double LOT_METRES = 20;
    static final double SETBACK_METRES = 15;
    /** Houses on a street grid with these spacings stand at this density per km^2. */
    static final double STREET_GRID_DENSITY = 2 * (1_000_000 / (BLOCK_METRES * LOT_METRES));

    public enum Layout { STREETS, RANDOM }

    private Neighbourhood() {
    }

    /**
     * @param meters  how many meters
     * @param density meters per km^2 (for {@code streets}: occupancy of the lots, at most {@link #STREET_GRID_DENSITY})
     * @return meter positions in metres, the gateway standing at the origin
     */
    public static List<Position> place(Layout layout, int meters, double density, long seed) {
        if (meters < 0 || density <= 0) {
            throw new IllegalArgumentException("meters must be >= 0 and density > 0");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double side = Math.sqrt(meters / density) * 1000;
        return switch (layout) {
            case RANDOM -> scatter(meters, side, random);
            case STREETS -> streets(meters, side, Math.min(1, density / STREET_GRID_DENSITY), random);
        };
    }

    /**
     * The street a meter of the {@code streets} layout stands on: streets run east-west every
     * {@link #BLOCK_METRES}, street 0 through the gateway, positive to the north. (In the {@code random} layout the
     * same bands of the map.)
     */
    public static int street(Position position) {
        return (int) Math.round(position.y() / BLOCK_METRES);
    }

    private static List<Position> scatter(int meters, double side, SplittableRandom random) {
        List<Position> positions = new ArrayList<>(meters);
        for (int i = 0; i < meters; i++) {
            positions.add(new Position((random.nextDouble() - 0.5) * side, (random.nextDouble() - 0.5) * side));
        }
        return positions;
    }

    /** Fills lots outward from the gateway, ring by ring, keeping each lot with probability {@code occupancy}. */
    private static List<Position> streets(int meters, double side, double occupancy, SplittableRandom random) {
        List<Position> positions = new ArrayList<>(meters);
        for (int ring = 0; positions.size() < meters; ring++) {
            for (double[] lot : ringOfLots(ring)) {
                if (positions.size() == meters) {
                    break;
                }
                if (random.nextDouble() < occupancy) {
                    double jitter = (random.nextDouble() - 0.5) * 4; // houses are not on a ruler
                    positions.add(new Position(lot[0] + jitter, lot[1] + jitter));
                }
            }
        }
        return positions;
    }

    /** Lots on horizontal streets at y = k * BLOCK within the square ring of half-size (ring+1) blocks. */
    private static List<double[]> ringOfLots(int ring) {
        List<double[]> lots = new ArrayList<>();
        double inner = ring * BLOCK_METRES;
        double outer = (ring + 1) * BLOCK_METRES;
        for (double y = -outer; y <= outer; y += BLOCK_METRES) {
            for (double x = -outer + LOT_METRES / 2; x < outer; x += LOT_METRES) {
                boolean insideInner = Math.abs(x) < inner && Math.abs(y) < inner;
                if (insideInner) {
                    continue;
                }
                lots.add(new double[] {x, y + SETBACK_METRES});
                lots.add(new double[] {x, y - SETBACK_METRES});
            }
        }
        return lots;
    }
}
