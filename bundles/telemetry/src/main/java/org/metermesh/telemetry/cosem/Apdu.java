package org.metermesh.telemetry.cosem;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The xDLMS APDUs MeterMesh carries between meters and the gateway (IEC 62056-5-3 / DLMS UA Green Book 9.5, xDLMS
 * ASN.1, A-XDR encoded), unciphered. A ciphering layer (general-glo-ciphering, tag 0xDB) wraps the octets that
 * {@link ApduCodec} produces and hands the octets it unwraps back to it.
 */
public sealed interface Apdu {

    /** The APDU tag octet. */
    int tag();

    /** data-notification [15]: a meter's unsolicited push (Green Book 9.3.x DataNotification service). */
    record DataNotification(LongInvokeIdAndPriority invokeIdAndPriority, Optional<CosemDateTime> dateTime,
            CosemData body) implements Apdu {
        public static final int TAG = 0x0F;

        public DataNotification {
            Objects.requireNonNull(invokeIdAndPriority, "invokeIdAndPriority");
            Objects.requireNonNull(dateTime, "dateTime");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /** get-request [192] get-request-normal [1], without selective access. */
    record GetRequestNormal(InvokeIdAndPriority invokeIdAndPriority, AttributeDescriptor attribute) implements Apdu {
        public static final int TAG = 0xC0;

        public GetRequestNormal {
            Objects.requireNonNull(invokeIdAndPriority, "invokeIdAndPriority");
            Objects.requireNonNull(attribute, "attribute");
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /** get-response [196] get-response-normal [1]. */
    record GetResponseNormal(InvokeIdAndPriority invokeIdAndPriority, GetDataResult result) implements Apdu {
        public static final int TAG = 0xC4;

        public GetResponseNormal {
            Objects.requireNonNull(invokeIdAndPriority, "invokeIdAndPriority");
            Objects.requireNonNull(result, "result");
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /** set-request [193] set-request-normal [1], without selective access. */
    record SetRequestNormal(InvokeIdAndPriority invokeIdAndPriority, AttributeDescriptor attribute, CosemData value)
            implements Apdu {
        public static final int TAG = 0xC1;

        public SetRequestNormal {
            Objects.requireNonNull(invokeIdAndPriority, "invokeIdAndPriority");
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /** set-response [197] set-response-normal [1]. */
    record SetResponseNormal(InvokeIdAndPriority invokeIdAndPriority, DataAccessResult result) implements Apdu {
        public static final int TAG = 0xC5;

        public SetResponseNormal {
            Objects.requireNonNull(invokeIdAndPriority, "invokeIdAndPriority");
            Objects.requireNonNull(result, "result");
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /** action-request [195] action-request-normal [1]: a method and its optional invocation parameters. */
    record ActionRequestNormal(InvokeIdAndPriority invokeIdAndPriority, MethodDescriptor method,
            Optional<CosemData> parameters) implements Apdu {
        public static final int TAG = 0xC3;

        public ActionRequestNormal {
            Objects.requireNonNull(invokeIdAndPriority, "invokeIdAndPriority");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(parameters, "parameters");
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /**
     * action-response [199] action-response-normal [1]: Action-Response-With-Optional-Data, the result and optional
     * return parameters (a Get-Data-Result).
     */
    record ActionResponseNormal(InvokeIdAndPriority invokeIdAndPriority, ActionResult result,
            Optional<GetDataResult> returnParameters) implements Apdu {
        public static final int TAG = 0xC7;

        public ActionResponseNormal {
            Objects.requireNonNull(invokeIdAndPriority, "invokeIdAndPriority");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(returnParameters, "returnParameters");
        }

        @Override
        public int tag() {
            return TAG;
        }
    }

    /**
     * exception-response [216] (Green Book 9.5): state-error (1 service-not-allowed, 2 service-unknown) and
     * service-error (1 operation-not-possible, 2 service-not-supported, 3 other-reason, 4 pdu-too-long, 5
     * deciphering-error, 6 invocation-counter-error, which carries the expected invocation counter).
     */
    record ExceptionResponse(int stateError, int serviceError, OptionalLong invocationCounter) implements Apdu {
        public static final int TAG = 0xD8;

        public static final int STATE_SERVICE_NOT_ALLOWED = 1;
        public static final int STATE_SERVICE_UNKNOWN = 2;
        public static final int SERVICE_OPERATION_NOT_POSSIBLE = 1;
        public static final int SERVICE_NOT_SUPPORTED = 2;
        public static final int SERVICE_OTHER_REASON = 3;
        public static final int SERVICE_PDU_TOO_LONG = 4;
        public static final int SERVICE_DECIPHERING_ERROR = 5;
        public static final int SERVICE_INVOCATION_COUNTER_ERROR = 6;

        public ExceptionResponse {
            if (stateError < 0 || stateError > 255 || serviceError < 0 || serviceError > 255) {
                throw new IllegalArgumentException("state-error and service-error are one octet each");
            }
            Objects.requireNonNull(invocationCounter, "invocationCounter");
            if (invocationCounter.isPresent() != (serviceError == SERVICE_INVOCATION_COUNTER_ERROR)) {
                throw new IllegalArgumentException("an invocation counter goes with invocation-counter-error only");
            }
        }

        /** An exception-response without invocation counter. */
        public static ExceptionResponse of(int stateError, int serviceError) {
            return new ExceptionResponse(stateError, serviceError, OptionalLong.empty());
        }

        @Override
        public int tag() {
            return TAG;
        }
    }
}
