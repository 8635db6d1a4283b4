package org.metermesh.telemetry.cosem;

import java.util.Objects;

/**
 * {@code Get-Data-Result} (Green Book 9.5): CHOICE { data [0] Data, data-access-result [1] Data-Access-Result }.
 * Also the optional return-parameters of action-response.
 */
public sealed interface GetDataResult permits GetDataResult.Value, GetDataResult.Failure {

    /** The attribute's value. */
    record Value(CosemData data) implements GetDataResult {
        public Value {
            Objects.requireNonNull(data, "data");
        }
    }

    /** Why the value could not be returned; never {@link DataAccessResult#SUCCESS}. */
    record Failure(DataAccessResult result) implements GetDataResult {
        public Failure {
            Objects.requireNonNull(result, "result");
            if (result == DataAccessResult.SUCCESS) {
                throw new IllegalArgumentException("a failure result cannot be success");
            }
        }
    }
}
