package org.metermesh.api.radio;

/**
 * A MAC address field: absent, a 16-bit short address or a 64-bit extended address (EUI-64).
 * On air both are little-endian (IEEE 802.15.4-2015 7.2.1: fields are transmitted least significant octet first).
 */
public sealed interface MacAddress permits MacAddress.Absent, ShortAddress, ExtendedAddress {

    /** No address field (addressing mode 0b00). */
    MacAddress NONE = new Absent();

    /** The addressing mode that carries this address. */
    AddressingMode mode();

    /** The "not present" address. */
    record Absent() implements MacAddress {
        @Override
        public AddressingMode mode() {
            return AddressingMode.NONE;
        }

        @Override
        public String toString() {
            return "none";
        }
    }
}
