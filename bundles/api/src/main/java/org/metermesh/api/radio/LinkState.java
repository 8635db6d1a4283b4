package org.metermesh.api.radio;

/** Whether the driver can currently put frames on the air. */
public enum LinkState {
    /** The backend is attached and the radio is listening. */
    UP,
    /** No backend attached, or the attached one vanished (e.g. the serial port was pulled). */
    DOWN
}
