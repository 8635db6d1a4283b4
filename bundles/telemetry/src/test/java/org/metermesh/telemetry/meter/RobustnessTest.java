package org.metermesh.telemetry.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.telemetry.cosem.Apdu;
import org.metermesh.telemetry.cosem.ApduCodec;
import org.metermesh.telemetry.cosem.AttributeDescriptor;
import org.metermesh.telemetry.cosem.CosemDateTime;
import org.metermesh.telemetry.cosem.DecodeResult;
import org.metermesh.telemetry.cosem.InvokeIdAndPriority;
import org.metermesh.telemetry.cosem.ObisCode;

/** Corrupt octets at every layer give a typed answer and never an exception. Seeded, so reproducible. */
class RobustnessTest {

    private static final Instant T = Instant.parse("2026-11-21T13:15:00Z");
    private static final Register ENERGY = new Register(ObisCode.ACTIVE_ENERGY_IMPORT, 12_345, 0, Unit.WATT_HOUR);

    private static List<byte[]> validApdus() {
        InvokeIdAndPriority id = InvokeIdAndPriority.confirmed(2);
        List<byte[]> out = new ArrayList<>();
        out.add(MeterMessageCodec.encode(new MeterMessage.UsageReading(T, Duration.ofMinutes(15), List.of(ENERGY)),
                1));
        out.add(MeterMessageCodec.encode(new MeterMessage.Warning(WarningType.UNDER_VOLTAGE, T,
                Optional.of(new Register(ObisCode.VOLTAGE_L1, 1801, -1, Unit.VOLT))), 2));
        out.add(ApduCodec.encode(MeterMessageCodec.readValue(ObisCode.ACTIVE_ENERGY_IMPORT, id)));
        out.add(ApduCodec.encode(MeterMessageCodec.control(ControlCommand.REMOTE_DISCONNECT, id)));
        out.add(ApduCodec.encode(new Apdu.SetRequestNormal(id, new AttributeDescriptor(8, ObisCode.CLOCK, 2),
                CosemDateTime.ofUtc(T).toData())));
        return out;
    }

    @Test
    void flippedBitsAndRandomOctetsNeverThrowAtAnyLayer() {
        Random random = new Random(20261121);
        MeterAgent agent = new MeterAgent(new VirtualScheduler(1), "MM7");
        agent.putRegister(ENERGY);
        List<byte[]> inputs = new ArrayList<>();
        for (byte[] good : validApdus()) {
            for (int i = 0; i < good.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] bad = good.clone();
                    bad[i] ^= (byte) (1 << bit);
                    inputs.add(bad);
                }
            }
        }
        for (int n = 0; n < 2000; n++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            inputs.add(junk);
        }
        int rejected = 0;
        for (byte[] in : inputs) {
            if (ApduCodec.DEFAULT.decode(in) instanceof DecodeResult.Rejected) {
                rejected++;
            }
            assertThat(MeterMessageCodec.DEFAULT.decode(in)).isNotNull();
            MeterAgent.Response response = agent.handle(in);
            assertThat(ApduCodec.DEFAULT.decode(response.octets())).isInstanceOf(DecodeResult.Decoded.class);
            assertThat(MeterMessageCodec.DEFAULT.controlResult(ControlCommand.REMOTE_RECONNECT,
                    InvokeIdAndPriority.confirmed(2), in)).isNotNull();
        }
        // The corpus does exercise the rejection paths, not only the happy one.
        assertThat(rejected).isGreaterThan(inputs.size() / 2);
    }
}
