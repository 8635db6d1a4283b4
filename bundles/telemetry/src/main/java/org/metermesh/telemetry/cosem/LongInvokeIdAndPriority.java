package org.metermesh.telemetry.cosem;

/**
 * The four-octet {@code Long-Invoke-Id-And-Priority} of data-notification (Green Book 9.5, xDLMS ASN.1): bits 0-23
 * invoke-id, 24-27 reserved (0), bit 28 self-descriptive, bit 29 processing-option (1 = break on error), bit 30
 * service-class (1 = confirmed), bit 31 priority (1 = high).
 *
 * @param invokeId 0..0xFFFFFF; MeterMesh meters use it as a wrapping notification sequence number
 */
public record LongInvokeIdAndPriority(int invokeId, boolean selfDescriptive, boolean breakOnError,
        boolean confirmed, boolean highPriority) {

    public static final int MAX_INVOKE_ID = 0xFF_FFFF;

    public LongInvokeIdAndPriority {
        if (invokeId < 0 || invokeId > MAX_INVOKE_ID) {
            throw new IllegalArgumentException("long invoke-id is 24 bits, not " + invokeId);
        }
    }

    /** An unconfirmed notification (data-notification is an unconfirmed service) with this id and priority. */
    public static LongInvokeIdAndPriority notification(int invokeId, boolean highPriority) {
        return new LongInvokeIdAndPriority(invokeId, false, false, false, highPriority);
    }

    /** From the four octets as a big-endian int; the reserved bits are ignored. */
    public static LongInvokeIdAndPriority fromInt(int v) {
        return new LongInvokeIdAndPriority(v & MAX_INVOKE_ID, (v & (1 << 28)) != 0, (v & (1 << 29)) != 0,
                (v & (1 << 30)) != 0, (v & (1 << 31)) != 0);
    }

    public int toInt() {
        return invokeId | (selfDescriptive ? 1 << 28 : 0) | (breakOnError ? 1 << 29 : 0) | (confirmed ? 1 << 30 : 0)
                | (highPriority ? 1 << 31 : 0);
    }
}
