package org.metermesh.telemetry.meter;

/** Why a gateway request to a meter did not give a value or did not take effect. */
public enum ReplyError {
    /** The meter answered with a data-access-result or action-result other than success. */
    METER_REFUSED,
    /** The meter answered with a value of a type or shape the request does not allow. */
    UNEXPECTED_VALUE,
    /** No answer: the transport gave up, or the answer never arrived before the result was taken. */
    NO_ANSWER,
    /** The answer was not a well-formed response APDU to this request (see the detail). */
    MALFORMED_ANSWER
}
