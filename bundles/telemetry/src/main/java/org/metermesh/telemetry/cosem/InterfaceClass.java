package org.metermesh.telemetry.cosem;

/** COSEM interface class ids MeterMesh uses (DLMS UA Blue Book 4.3 and 4.5). */
public final class InterfaceClass {

    /** Data (class-id 1, Blue Book 4.3.1): attribute 2 value. */
    public static final int DATA = 1;
    /** Register (class-id 3, Blue Book 4.3.2): attribute 2 value, attribute 3 scaler_unit. */
    public static final int REGISTER = 3;
    /** Clock (class-id 8, Blue Book 4.5.1): attribute 2 time. */
    public static final int CLOCK = 8;
    /**
     * Disconnect control (class-id 70, Blue Book 4.5.8): attribute 2 output_state, 3 control_state; method 1
     * remote_disconnect, 2 remote_reconnect.
     */
    public static final int DISCONNECT_CONTROL = 70;

    /** Attribute 1 of every class: logical_name, the OBIS code as octet-string(6). */
    public static final int ATTRIBUTE_LOGICAL_NAME = 1;

    private InterfaceClass() {
    }
}
