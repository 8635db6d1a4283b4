package org.metermesh.api.radio;

/**
 * A 64-bit extended address (EUI-64). The long holds the EUI-64 as written (most significant octet = first octet of
 * the OUI, e.g. {@code ac:de:48:00:00:00:00:01} is {@code 0xacde480000000001L}); on air it is sent least significant
 * octet first (IEEE 802.15.4-2015 7.2.1), which is what Wireshark's {@code wpan.src64}/{@code wpan.dst64} undo.
 *
 * @param value the EUI-64
 */
public record ExtendedAddress(long value) implements MacAddress {

    public static ExtendedAddress of(long value) {
        return new ExtendedAddress(value);
    }

    /**
     * Mixed (Fibonacci hashing) rather than the record's {@code Long.hashCode}: EUI-64s of one vendor share their
     * upper half and differ in a few low bits, which the hash tables of a neighbour table otherwise pile into a few
     * buckets.
     */
    @Override
    public int hashCode() {
        return Long.hashCode(value * 0x9e3779b97f4a7c15L);
    }

    @Override
    public AddressingMode mode() {
        return AddressingMode.EXTENDED;
    }

    /** Colon-separated hex, first octet first, as Wireshark prints an EUI-64. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(23);
        for (int shift = 56; shift >= 0; shift -= 8) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", (value >>> shift) & 0xff));
        }
        return sb.toString();
    }
}
