package org.metermesh.radio.medium;

/** Where a node stands, in metres on a flat plane. */
public record Position(double x, double y) {

    public double distanceTo(Position other) {
        return Math.hypot(x - other.x, y - other.y);
    }
}
