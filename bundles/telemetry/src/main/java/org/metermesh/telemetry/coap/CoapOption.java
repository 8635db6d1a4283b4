package org.metermesh.telemetry.coap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One option instance: its number and its value octets (RFC 7252 3.1, 5.4). Values are copied in and out, so an
 * option is immutable. Values longer than {@link #MAX_VALUE_LENGTH} are refused: the mesh frames are small.
 */
public record CoapOption(int number, byte[] value) {

    /** Option numbers (RFC 7252 5.10, 12.2). */
    public static final int URI_HOST = 3;
    public static final int URI_PORT = 7;
    public static final int URI_PATH = 11;
    public static final int CONTENT_FORMAT = 12;
    public static final int MAX_AGE = 14;
    public static final int URI_QUERY = 15;
    public static final int ACCEPT = 17;

    /** Option numbers are 16-bit (RFC 7252 12.2). */
    public static final int MAX_NUMBER = 0xffff;
    /** The largest value length this codec accepts; the wire format allows 65804, a 6LoWPAN frame far less. */
    public static final int MAX_VALUE_LENGTH = 1024;

    public CoapOption {
        if (number < 0 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("option number " + number + " is not 0-" + MAX_NUMBER);
        }
        if (value.length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("option " + number + " value of " + value.length
                    + " octets is longer than " + MAX_VALUE_LENGTH);
        }
        value = value.clone();
    }

    /** A string-valued option (UTF-8, RFC 7252 3.2), e.g. one Uri-Path segment. */
    public static CoapOption ofString(int number, String value) {
        return new CoapOption(number, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A uint-valued option in its shortest form: 0 is zero octets (RFC 7252 3.2). */
    public static CoapOption ofUint(int number, long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("uint option value " + value + " is not 0-2^32-1");
        }
        int length = value == 0 ? 0 : value <= 0xff ? 1 : value <= 0xffff ? 2 : value <= 0xff_ffff ? 3 : 4;
        byte[] octets = new byte[length];
        for (int i = 0; i < length; i++) {
            octets[length - 1 - i] = (byte) (value >>> (8 * i));
        }
        return new CoapOption(number, octets);
    }

    public static CoapOption uriPath(String segment) {
        return ofString(URI_PATH, segment);
    }

    public static CoapOption uriQuery(String argument) {
        return ofString(URI_QUERY, argument);
    }

    public static CoapOption contentFormat(int format) {
        return ofUint(CONTENT_FORMAT, format);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    public String stringValue() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** The value as an unsigned integer (RFC 7252 3.2: network byte order, leading zeros allowed). */
    public long uintValue() {
        long result = 0;
        for (byte b : value) {
            result = result << 8 | (b & 0xff);
        }
        return result;
    }

    /** Odd numbers are critical: a recipient that does not understand them must not ignore them (RFC 7252 5.4.1). */
    public boolean isCritical() {
        return (number & 1) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoapOption other && number == other.number && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * number + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return number + "=" + HexFormat.of().formatHex(value);
    }
}
