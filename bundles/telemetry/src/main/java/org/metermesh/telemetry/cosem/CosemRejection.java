package org.metermesh.telemetry.cosem;

import java.util.Locale;

/** Why bytes were not accepted as A-XDR COSEM data or as an xDLMS APDU. The input is dropped and counted under it. */
public enum CosemRejection {
    /** No octets at all. */
    EMPTY,
    /** The input ends inside a value, length or field. */
    TRUNCATED,
    /** Octets are left after a complete value or APDU. */
    TRAILING_BYTES,
    /** A Data tag octet that the Blue Book does not define. */
    UNKNOWN_TAG,
    /** A Data tag the Blue Book defines but MeterMesh does not carry (compact-array, date-time 25, date, time...). */
    UNSUPPORTED_TAG,
    /** Arrays and structures nest deeper than the decode limit. */
    TOO_DEEP,
    /** More data elements than the decode limit, in one container or in one value. */
    TOO_MANY_ELEMENTS,
    /** A string longer than the decode limit, or an APDU longer than the APDU limit. */
    TOO_LONG,
    /** An A-XDR length field that is malformed: length-of-length 0 or more than 4 octets, or a value over 2^31-1. */
    BAD_LENGTH,
    /** A visible-string with a non-printable octet, or a utf8-string that is not UTF-8. */
    BAD_STRING,
    /** An APDU tag that is not an xDLMS APDU. */
    UNKNOWN_APDU,
    /** An xDLMS APDU (or a choice of one, e.g. get-request-next, ciphered APDUs) that MeterMesh does not carry. */
    UNSUPPORTED_APDU,
    /** An OPTIONAL presence octet other than 0x00 or 0x01. */
    BAD_OPTIONAL_FLAG,
    /** A CHOICE index the ASN.1 does not define (e.g. Get-Data-Result other than 0 or 1). */
    BAD_CHOICE,
    /** A data-access-result or action-result code the Green Book does not define. */
    UNKNOWN_RESULT_CODE,
    /** A COSEM date-time that is not 12 octets or has a field out of range (Blue Book 4.1.6.1). */
    BAD_DATE_TIME;

    /** The counter name, e.g. {@code dropped:unknown_tag}. */
    public String counterName() {
        return "dropped:" + name().toLowerCase(Locale.ROOT);
    }
}
