package org.metermesh.telemetry.meter;

import java.math.BigDecimal;
import java.util.Objects;
import org.metermesh.telemetry.cosem.ObisCode;

/**
 * One register reading, as the COSEM Register class (class-id 3, Blue Book 4.3.2) holds it: the value (attribute 2)
 * and scaler_unit (attribute 3); the physical value is {@code value x 10^scaler unit}.
 *
 * @param obis the register's logical name
 * @param value the raw integer value
 * @param scaler the power of ten, -128..127 (Integer8)
 * @param unit the physical unit
 */
public record Register(ObisCode obis, long value, int scaler, Unit unit) {

    public Register {
        Objects.requireNonNull(obis, "obis");
        Objects.requireNonNull(unit, "unit");
        if (scaler < Byte.MIN_VALUE || scaler > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("scaler is Integer8, not " + scaler);
        }
    }

    /** The physical value in the base unit: {@code value x 10^scaler}, exact. */
    public BigDecimal scaledValue() {
        return BigDecimal.valueOf(value).scaleByPowerOfTen(scaler);
    }

    /** {@link #scaledValue()} as a double, for charts and thresholds. */
    public double doubleValue() {
        return scaledValue().doubleValue();
    }

    /**
     * For people: energy and power in kilo ("12.345 kWh"), other units in their base unit ("230.1 V"), counts bare.
     */
    public String display() {
        BigDecimal v = scaledValue();
        String symbol = unit.symbol();
        if (unit.kiloDisplay()) {
            v = v.movePointLeft(3);
            symbol = "k" + symbol;
        }
        String number = v.stripTrailingZeros().toPlainString();
        return symbol.isEmpty() ? number : number + " " + symbol;
    }
}
