package org.metermesh.telemetry.meter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.metermesh.telemetry.cosem.ActionResult;
import org.metermesh.telemetry.cosem.DataAccessResult;
import org.metermesh.telemetry.cosem.ObisCode;

/**
 * What a meter tells the gateway (and the gateway the utility): the messages meters push ({@link Pushed}) and the
 * replies to the gateway's requests ({@link Reply}). Seed 003 section V names the classes; {@link #messageClass()}
 * gives each message's.
 */
public sealed interface MeterMessage {

    MessageClass messageClass();

    /** Messages a meter sends on its own, as a data-notification. */
    sealed interface Pushed extends MeterMessage {
        /** The meter's time of the message (reading time, billing period end, event time). */
        Instant time();
    }

    /** Replies to gateway requests, built from the meter's response APDUs. */
    sealed interface Reply extends MeterMessage {
    }

    /**
     * Electricity usage: the registers at {@code meterTime}, read every {@code interval}.
     *
     * @param interval the reading interval, positive, at most 2^32-1 seconds, whole seconds
     */
    record UsageReading(Instant meterTime, Duration interval, List<Register> registers) implements Pushed {
        public UsageReading {
            Objects.requireNonNull(meterTime, "meterTime");
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero() || interval.getNano() != 0
                    || interval.getSeconds() > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("interval must be 1..2^32-1 whole seconds: " + interval);
            }
            registers = List.copyOf(registers);
        }

        @Override
        public MessageClass messageClass() {
            return MessageClass.USAGE;
        }

        @Override
        public Instant time() {
            return meterTime;
        }
    }

    /** Billing: the registers frozen at the end of a billing period. */
    record BillingSnapshot(Instant periodEnd, List<Register> registers) implements Pushed {
        public BillingSnapshot {
            Objects.requireNonNull(periodEnd, "periodEnd");
            registers = List.copyOf(registers);
        }

        @Override
        public MessageClass messageClass() {
            return MessageClass.BILLING;
        }

        @Override
        public Instant time() {
            return periodEnd;
        }
    }

    /**
     * Warning: an asynchronous event.
     *
     * @param value the measurement that triggered it, if any (e.g. the voltage for OVER_VOLTAGE)
     */
    record Warning(WarningType type, Instant time, Optional<Register> value) implements Pushed {
        public Warning {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public MessageClass messageClass() {
            return MessageClass.WARNING;
        }
    }

    /** The answer to an on-demand read: per requested register, its reading or why there is none. */
    record ReadResult(List<RegisterOutcome> outcomes) implements Reply {
        public ReadResult {
            outcomes = List.copyOf(outcomes);
        }

        @Override
        public MessageClass messageClass() {
            return MessageClass.REQUEST;
        }

        /** The registers that were read. */
        public List<Register> registers() {
            return outcomes.stream().filter(RegisterOutcome.Read.class::isInstance)
                    .map(o -> ((RegisterOutcome.Read) o).register()).toList();
        }
    }

    /** One register of a {@link ReadResult}. */
    sealed interface RegisterOutcome {
        ObisCode obis();

        record Read(Register register) implements RegisterOutcome {
            public Read {
                Objects.requireNonNull(register, "register");
            }

            @Override
            public ObisCode obis() {
                return register.obis();
            }
        }

        /**
         * @param meterResult the meter's data-access-result when {@code error} is METER_REFUSED
         */
        record Failed(ObisCode obis, ReplyError error, Optional<DataAccessResult> meterResult, String detail)
                implements RegisterOutcome {
            public Failed {
                Objects.requireNonNull(obis, "obis");
                Objects.requireNonNull(error, "error");
                Objects.requireNonNull(meterResult, "meterResult");
                Objects.requireNonNull(detail, "detail");
            }
        }
    }

    /**
     * The answer to a control command.
     *
     * @param error empty on success
     * @param meterResult the meter's action-result, when it answered
     */
    record ControlResult(ControlCommand command, Optional<ReplyError> error, Optional<ActionResult> meterResult,
            String detail) implements Reply {
        public ControlResult {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(meterResult, "meterResult");
            Objects.requireNonNull(detail, "detail");
        }

        public static ControlResult success(ControlCommand command) {
            return new ControlResult(command, Optional.empty(), Optional.of(ActionResult.SUCCESS), "");
        }

        /** For the transport to report that the meter never answered. */
        public static ControlResult noAnswer(ControlCommand command, String detail) {
            return new ControlResult(command, Optional.of(ReplyError.NO_ANSWER), Optional.empty(), detail);
        }

        public boolean succeeded() {
            return error.isEmpty();
        }

        @Override
        public MessageClass messageClass() {
            return MessageClass.CONTROL;
        }
    }
}
