package org.metermesh.telemetry.cosem;

/**
 * The one-octet {@code Invoke-Id-And-Priority} of GET/SET/ACTION APDUs (Green Book 9.5, xDLMS ASN.1): bits 0-3
 * invoke-id, bits 4-5 reserved (0), bit 6 service-class (1 = confirmed), bit 7 priority (1 = high).
 *
 * @param invokeId 0..15; a response carries the invoke-id of its request
 */
public record InvokeIdAndPriority(int invokeId, boolean confirmed, boolean highPriority) {

    public InvokeIdAndPriority {
        if (invokeId < 0 || invokeId > 15) {
            throw new IllegalArgumentException("invoke-id is 4 bits, not " + invokeId);
        }
    }

    /** A confirmed, normal-priority request with this invoke-id. */
    public static InvokeIdAndPriority confirmed(int invokeId) {
        return new InvokeIdAndPriority(invokeId, true, false);
    }

    /** From the octet; the reserved bits are ignored (Green Book: reserved bits are not checked by the receiver). */
    public static InvokeIdAndPriority fromByte(int octet) {
        return new InvokeIdAndPriority(octet & 0x0F, (octet & 0x40) != 0, (octet & 0x80) != 0);
    }

    public int toByte() {
        return invokeId | (confirmed ? 0x40 : 0) | (highPriority ? 0x80 : 0);
    }
}
