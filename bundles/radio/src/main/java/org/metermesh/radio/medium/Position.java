package org.metermesh.radio.medium;

/** Where a node stands, in metres on a flat plane. */
public record Position(double x, double y) {

    public double distanceTo(Position other) {
        // Not Math.hypot: its overflow care is not needed at neighbourhood scale and costs several times more, in
        // a call made for every pair of nodes within range when the medium is built.
        double dx = x - other.x;
        double dy = y - other.y;
        return Math.sqrt(dx * dx + dy * dy);
    }
}
