package org.metermesh.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
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

/** The gateway as DODAG root: it answers on the console and its DIOs go on the air as tshark reads them. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RplRootIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return TestRuntime.withMeterMesh();
    }

    @Test
    public void theRootAdvertisesItsDodagAndAnswersOnTheConsole() throws Exception {
        Path capture = Files.createTempDirectory("rpl-it").resolve("dio.pcap");
        MeterMesh.configureAll(configAdmin);
        MeterMesh.configure(configAdmin, MeterMesh.RADIO, Map.of("capture.file", capture.toString()));
        // Imin 2^12 ms instead of the default 2^14: the first DIO within 4.1 s, and the configured value on the air.
        MeterMesh.configure(configAdmin, "org.metermesh.rpl", Map.of("dio.interval.min", 12));

        Object console = Await.value("the RPL console commands", this::rplCommands, c -> c != null);
        String dodag = Await.value("the root started", () -> MeterMesh.console(console, "dodag"), text -> text != null);
        assertTrue(dodag, dodag.startsWith("DODAG fd00:cafe::4d6d:0:1 version "));
        assertTrue(dodag, dodag.contains(", 0 meters"));
        String neighbors = MeterMesh.console(console, "neighbors");
        assertTrue(neighbors, neighbors.startsWith("address"));

        // The first DIO goes out within Imin (4.1 s) of the root starting, advertising the configured Imin.
        List<String> dios = Await.value("a DIO in the capture", () -> dios(capture), lines -> !lines.isEmpty());
        assertEquals("DIO: instance 0, rank 128 (root), MOP 1 (non-storing), grounded, DODAGID, MRHOF (OCP 1), "
                + "DIOIntervalMin 12", "0\t128\t0x01\t1\tfd00:cafe::4d6d:0:1\t1\t12", dios.get(0));

        String flushed = MeterMesh.console(console, "flush");
        assertTrue(flushed, flushed.startsWith("global repair: DODAG version "));
    }

    private Object rplCommands() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(osgi.command.scope=rpl)");
            return refs == null ? null : context.getService(refs[0]);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }


    private static List<String> dios(Path capture) {
        if (!Files.exists(capture)) {
            return List.of();
        }
        try {
            List<String> command = new ArrayList<>(List.of("tshark", "-r", capture.toString(), "-o",
                    "wpan.fcs_format:ITU-T CRC-32", "-d", "wpan.panid==0xcafe,6lowpan", "-Y", "icmpv6.code == 1",
                    "-T", "fields", "-e", "icmpv6.rpl.dio.instance", "-e", "icmpv6.rpl.dio.rank", "-e",
                    "icmpv6.rpl.dio.flag.mop", "-e", "icmpv6.rpl.dio.flag.g", "-e", "icmpv6.rpl.dio.dagid", "-e",
                    "icmpv6.rpl.opt.config.ocp", "-e", "icmpv6.rpl.opt.config.interval_min"));
            Path out = Files.createTempFile("tshark", ".txt");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue("tshark did not finish", process.waitFor(120, TimeUnit.SECONDS));
            return Files.readAllLines(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
