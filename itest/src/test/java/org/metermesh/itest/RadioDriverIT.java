package org.metermesh.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.metermesh.api.radio.LinkState;
import org.metermesh.api.radio.RadioDriver;
import org.metermesh.api.radio.RadioSettings;
import org.metermesh.api.radio.RadioStatistics;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.itest.support.Await;
import org.metermesh.itest.support.MeterMesh;
import org.metermesh.itest.support.TestRuntime;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The radio driver as a service: on the simulated backend it sends through the MAC, counts what happened, offers
 * its Gogo commands, and writes a capture that tshark decodes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RadioDriverIT {

    private static final long TSHARK_TIMEOUT_SECONDS = 120;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return TestRuntime.withMeterMesh();
    }

    @Test
    public void sendsCountsOffersCommandsAndCapturesWhatTsharkDecodes() throws Exception {
        Path capture = Files.createTempDirectory("radio-it").resolve("gateway.pcap");
        MeterMesh.configureAll(configAdmin);
        MeterMesh.configure(configAdmin, MeterMesh.RADIO, Map.of("capture.file", capture.toString()));
        RadioDriver radio = Await.value("the radio on the simulated medium, capturing",
                () -> service(RadioDriver.class), r -> r != null && r.linkState() == LinkState.UP
                        && Files.exists(capture));

        byte[] payload = "meter 42: 1-0:1.8.0 1234.5 kWh".getBytes(StandardCharsets.UTF_8);
        TxStatus status = radio.send(ShortAddress.BROADCAST, payload, true).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertEquals(TxStatus.SENT, status);
        RadioStatistics statistics = radio.statistics();
        assertEquals(statistics.toString(), Long.valueOf(1), statistics.counters().get("tx"));
        assertEquals(statistics.toString(), Long.valueOf(1), statistics.counters().get("sent"));
        assertEquals(statistics.toString(), Long.valueOf(1), statistics.counters().get("medium:transmissions"));

        Object commands = Await.value("the radio's Gogo commands", this::radioCommands, c -> c != null);
        String stats = (String) commands.getClass().getMethod("stats").invoke(commands);
        assertTrue(stats, stats.contains("link UP, channel 17, PAN 0xcafe"));
        assertTrue(stats, stats.lines().anyMatch(line -> line.matches("sent\\s+1")));

        // Retune and readdress live, as the field manual's iz set does.
        radio.apply(new RadioSettings(0xbeef, 0x0002, radio.settings().extendedAddress(), 20, 10));
        assertEquals(TxStatus.SENT, radio.send(ShortAddress.BROADCAST, payload, false).toCompletableFuture()
                .get(10, TimeUnit.SECONDS));
        String retuned = (String) commands.getClass().getMethod("stats").invoke(commands);
        assertTrue(retuned, retuned.contains("link UP, channel 20, PAN 0xbeef"));

        List<String> decoded = tshark(capture, "wpan.frame_type", "wpan.dst_pan", "wpan.dst16", "wpan.src16",
                "wpan.fcs_ok", "_ws.malformed");
        assertEquals("data frames, broadcast in PAN 0xcafe from 0x0001, then in PAN 0xbeef from 0x0002, with good "
                + "FCSs, not malformed", List.of("0x0001\t0xcafe\t0xffff\t0x0001\t1\t",
                        "0x0001\t0xbeef\t0xffff\t0x0002\t1\t"), decoded);
        assertEquals("channels in the capture's TAP header", List.of("17", "20"),
                tshark(capture, "wpan-tap.ch_num"));
    }

    private <T> T service(Class<T> type) {
        ServiceReference<T> reference = context.getServiceReference(type);
        return reference == null ? null : context.getService(reference);
    }

    private Object radioCommands() {
        try {
            ServiceReference<?>[] references = context.getServiceReferences((String) null, "(osgi.command.scope=radio)");
            return references == null ? null : context.getService(references[0]);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** tshark's reading of the capture, one line per frame, fields separated by tabs. */
    private static List<String> tshark(Path capture, String... fields) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("tshark", "-r", capture.toString(), "-T", "fields"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Path out = Files.createTempFile("tshark", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue("tshark did not finish", process.waitFor(TSHARK_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertEquals("tshark exit status", 0, process.exitValue());
        return Files.readAllLines(out);
    }
}
