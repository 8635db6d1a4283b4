package org.metermesh.telemetry.meter;

import java.util.OptionalLong;
import org.metermesh.telemetry.cosem.CosemData;

/**
 * How register values and scaler_unit travel as COSEM Data (Blue Book 4.3.2, Register class attributes 2 and 3).
 */
final class RegisterData {

    private RegisterData() {
    }

    /**
     * The value in the narrowest usual type: double-long-unsigned for 0..2^32-1 (what meters use for energy
     * registers), double-long for other 32-bit values, long64 otherwise.
     */
    static CosemData value(long v) {
        if (v >= 0 && v <= 0xFFFF_FFFFL) {
            return new CosemData.UInt32(v);
        }
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return new CosemData.Int32((int) v);
        }
        return new CosemData.Int64(v);
    }

    /** Any integer Data type as a long; empty for other types and for long64-unsigned above 2^63-1. */
    static OptionalLong valueOf(CosemData d) {
        if (d instanceof CosemData.Int8 v) {
            return OptionalLong.of(v.value());
        } else if (d instanceof CosemData.Int16 v) {
            return OptionalLong.of(v.value());
        } else if (d instanceof CosemData.Int32 v) {
            return OptionalLong.of(v.value());
        } else if (d instanceof CosemData.Int64 v) {
            return OptionalLong.of(v.value());
        } else if (d instanceof CosemData.UInt8 v) {
            return OptionalLong.of(v.value());
        } else if (d instanceof CosemData.UInt16 v) {
            return OptionalLong.of(v.value());
        } else if (d instanceof CosemData.UInt32 v) {
            return OptionalLong.of(v.value());
        } else if (d instanceof CosemData.UInt64 v && v.bits() >= 0) {
            return OptionalLong.of(v.bits());
        }
        return OptionalLong.empty();
    }

    /** scaler_unit ::= structure { scaler integer, unit enum }. */
    static CosemData scalerUnit(int scaler, Unit unit) {
        return CosemData.Structure.of(new CosemData.Int8(scaler), new CosemData.EnumValue(unit.code()));
    }

    /** A parsed scaler_unit; unit null if its code is not one MeterMesh carries. */
    record ScalerUnit(int scaler, Unit unit, int unitCode) {
    }

    /** Parses scaler_unit; null if the shape is wrong. */
    static ScalerUnit parseScalerUnit(CosemData d) {
        if (d instanceof CosemData.Structure s && s.elements().size() == 2
                && s.elements().get(0) instanceof CosemData.Int8 scaler
                && s.elements().get(1) instanceof CosemData.EnumValue unit) {
            return new ScalerUnit(scaler.value(), Unit.ofCode(unit.value()), unit.value());
        }
        return null;
    }
}
