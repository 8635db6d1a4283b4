package org.metermesh.telemetry.gateway;

import java.util.Locale;

import org.metermesh.telemetry.meter.MeterMessage;
import org.metermesh.telemetry.meter.MeterMessage.RegisterOutcome;
import org.metermesh.telemetry.meter.Register;
import org.metermesh.telemetry.payload.KuraPayload;

/**
 * The KuraPayload of each meter message, as subscribers read it (README, "Topics and payloads"):
 * <ul>
 *   <li>every message: timestamp = the meter's time of the reading or event; {@code message.id} (long, unique per
 *       gateway and increasing, for de-duplication of at-least-once delivery), {@code meter} (EUI-64 hex),
 *       {@code meter.sequence} (the meter's notification counter), {@code class};</li>
 *   <li>registers: one double metric per register named by its OBIS code, e.g. {@code 1-0:1.8.0.255}, in the
 *       register's unit with the scaler applied, and {@code <obis>.unit} (string, e.g. {@code Wh});</li>
 *   <li>usage: {@code interval.s}; warning: {@code warning} (type), {@code event.code}; billing: the registers at
 *       the period's end (the timestamp).</li>
 * </ul>
 */
final class MeterPayloads {

    private MeterPayloads() {
    }

    static KuraPayload pushed(MeterMessage.Pushed message, MeterId meter, long messageId, int meterSequence) {
        KuraPayload.Builder b = KuraPayload.builder()
                .metric("message.id", messageId)
                .metric("meter", meter.toString())
                .metric("meter.sequence", meterSequence)
                .metric("class", message.messageClass().name().toLowerCase(Locale.ROOT));
        if (message instanceof MeterMessage.UsageReading usage) {
            b.timestamp(usage.meterTime()).metric("interval.s", usage.interval().toSeconds());
            usage.registers().forEach(r -> register(b, r));
        } else if (message instanceof MeterMessage.BillingSnapshot billing) {
            b.timestamp(billing.periodEnd());
            billing.registers().forEach(r -> register(b, r));
        } else if (message instanceof MeterMessage.Warning warning) {
            b.timestamp(warning.time())
                    .metric("warning", warning.type().name().toLowerCase(Locale.ROOT))
                    .metric("event.code", warning.type().eventCode());
            warning.value().ifPresent(r -> register(b, r));
        }
        return b.build();
    }

    /** The reply body of an on-demand read: the registers read, and {@code <obis>.error} for those that failed. */
    static void readResult(KuraPayload.Builder b, MeterMessage.ReadResult result) {
        for (RegisterOutcome outcome : result.outcomes()) {
            if (outcome instanceof RegisterOutcome.Read read) {
                register(b, read.register());
            } else if (outcome instanceof RegisterOutcome.Failed failed) {
                b.metric(failed.obis() + ".error", failed.error().name().toLowerCase(Locale.ROOT)
                        + (failed.detail().isEmpty() ? "" : ": " + failed.detail()));
            }
        }
    }

    static void register(KuraPayload.Builder b, Register register) {
        b.metric(register.obis().toString(), register.doubleValue());
        b.metric(register.obis() + ".unit", register.unit().symbol());
    }
}
