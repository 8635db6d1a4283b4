package org.metermesh.telemetry.coap;

/**
 * A message code: a 3-bit class and a 5-bit detail, written {@code c.dd} (RFC 7252 3, 5.2; registry in 12.1).
 * Class 0 is a request method (or 0.00 Empty), classes 2, 4 and 5 are responses; 1, 6 and 7 are reserved.
 */
public record CoapCode(int codeClass, int detail) {

    /** 0.00: an Empty message, only an ACK, an RST or a CoAP ping (RFC 7252 4.1). */
    public static final CoapCode EMPTY = new CoapCode(0, 0);
    /** Methods (RFC 7252 12.1.1). */
    public static final CoapCode GET = new CoapCode(0, 1);
    public static final CoapCode POST = new CoapCode(0, 2);
    public static final CoapCode PUT = new CoapCode(0, 3);
    public static final CoapCode DELETE = new CoapCode(0, 4);
    /** Success responses (RFC 7252 5.9.1, 12.1.2). */
    public static final CoapCode CREATED = new CoapCode(2, 1);
    public static final CoapCode DELETED = new CoapCode(2, 2);
    public static final CoapCode VALID = new CoapCode(2, 3);
    public static final CoapCode CHANGED = new CoapCode(2, 4);
    public static final CoapCode CONTENT = new CoapCode(2, 5);
    /** Client errors (RFC 7252 5.9.2). */
    public static final CoapCode BAD_REQUEST = new CoapCode(4, 0);
    public static final CoapCode UNAUTHORIZED = new CoapCode(4, 1);
    public static final CoapCode BAD_OPTION = new CoapCode(4, 2);
    public static final CoapCode FORBIDDEN = new CoapCode(4, 3);
    public static final CoapCode NOT_FOUND = new CoapCode(4, 4);
    public static final CoapCode METHOD_NOT_ALLOWED = new CoapCode(4, 5);
    public static final CoapCode NOT_ACCEPTABLE = new CoapCode(4, 6);
    public static final CoapCode PRECONDITION_FAILED = new CoapCode(4, 12);
    public static final CoapCode REQUEST_ENTITY_TOO_LARGE = new CoapCode(4, 13);
    public static final CoapCode UNSUPPORTED_CONTENT_FORMAT = new CoapCode(4, 15);
    /** Server errors (RFC 7252 5.9.3). */
    public static final CoapCode INTERNAL_SERVER_ERROR = new CoapCode(5, 0);
    public static final CoapCode NOT_IMPLEMENTED = new CoapCode(5, 1);
    public static final CoapCode SERVICE_UNAVAILABLE = new CoapCode(5, 3);

    public CoapCode {
        if (codeClass < 0 || codeClass > 7) {
            throw new IllegalArgumentException("code class " + codeClass + " is not 0-7");
        }
        if (detail < 0 || detail > 31) {
            throw new IllegalArgumentException("code detail " + detail + " is not 0-31");
        }
    }

    /** The code from its octet on the wire. */
    public static CoapCode ofByte(int octet) {
        return new CoapCode((octet >> 5) & 0x7, octet & 0x1f);
    }

    /** The octet on the wire: class in the 3 high bits, detail in the 5 low bits. */
    public int toByte() {
        return codeClass << 5 | detail;
    }

    public boolean isEmpty() {
        return codeClass == 0 && detail == 0;
    }

    public boolean isRequest() {
        return codeClass == 0 && detail != 0;
    }

    public boolean isResponse() {
        return codeClass == 2 || codeClass == 4 || codeClass == 5;
    }

    /** Classes 1, 6 and 7 are reserved (RFC 7252 12.1). */
    public boolean isReservedClass() {
        return codeClass == 1 || codeClass == 6 || codeClass == 7;
    }

    /** The {@code c.dd} form, e.g. {@code 2.05}. */
    @Override
    public String toString() {
        return codeClass + "." + (detail < 10 ? "0" : "") + detail;
    }
}
