package org.metermesh.telemetry.meter;

import org.metermesh.telemetry.cosem.InterfaceClass;
import org.metermesh.telemetry.cosem.MethodDescriptor;
import org.metermesh.telemetry.cosem.ObisCode;

/**
 * Control messages (seed 003: "the server can send a Turn Off control message"): methods of the Disconnect control
 * object 0-0:96.3.10.255 (class-id 70, Blue Book 4.5.8).
 */
public enum ControlCommand {
    /** remote_disconnect (method 1): open the supply switch. */
    REMOTE_DISCONNECT(1),
    /** remote_reconnect (method 2): close the supply switch again. */
    REMOTE_RECONNECT(2);

    private final int methodId;

    ControlCommand(int methodId) {
        this.methodId = methodId;
    }

    public int methodId() {
        return methodId;
    }

    /** The method this command invokes. */
    public MethodDescriptor method() {
        return new MethodDescriptor(InterfaceClass.DISCONNECT_CONTROL, ObisCode.DISCONNECT_CONTROL, methodId);
    }

    /** The command invoking {@code methodId} of Disconnect control, or null. */
    public static ControlCommand ofMethodId(int methodId) {
        for (ControlCommand c : values()) {
            if (c.methodId == methodId) {
                return c;
            }
        }
        return null;
    }
}
