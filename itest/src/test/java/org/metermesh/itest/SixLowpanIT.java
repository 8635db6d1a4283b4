package org.metermesh.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Link;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.radio.LinkState;
import org.metermesh.api.radio.RadioDriver;
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

/** IPv6 through the 6LoWPAN link service and the radio: what goes on the air is what tshark reads back. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SixLowpanIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return TestRuntime.withMeterMesh();
    }

    @Test
    public void aUdpDatagramSentOverTheLinkIsCompressedOnTheAirWithAGoodChecksum() throws Exception {
        Path capture = Files.createTempDirectory("sixlowpan-it").resolve("link.pcap");
        MeterMesh.configureAll(configAdmin);
        MeterMesh.configure(configAdmin, MeterMesh.RADIO, Map.of("capture.file", capture.toString()));
        Await.value("the radio, capturing", () -> service(RadioDriver.class),
                r -> r != null && r.linkState() == LinkState.UP && Files.exists(capture));
        Ipv6Link link = Await.value("the 6LoWPAN link on the radio", () -> service(Ipv6Link.class),
                l -> l != null && hasRadio(l));

        Ipv6Address source = link.linkLocalAddress();
        Ipv6Packet packet = Ipv6Packet.builder().source(source).destination(Ipv6Address.ALL_NODES).hopLimit(64)
                .udp(61616, 61616, "1-0:1.8.0 1234.5 kWh".getBytes(StandardCharsets.UTF_8)).build();
        TxStatus status = link.send(packet, ShortAddress.BROADCAST).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertEquals(TxStatus.SENT, status);
        assertEquals("fe80::4d6d:0:1", source.toString());
        List<String> decoded = tshark(capture, "-d", "wpan.panid==0xcafe,6lowpan", "-o",
                "udp.check_checksum:TRUE", "-T", "fields", "-e", "ipv6.src", "-e", "ipv6.dst", "-e", "udp.dstport",
                "-e", "udp.checksum.status", "-e", "_ws.malformed");
        assertEquals(List.of("fe80::4d6d:0:1\tff02::1\t61616\t1\t"), decoded);
    }

    /** The link has bound the radio once it has an address. */
    private static boolean hasRadio(Ipv6Link link) {
        try {
            link.linkAddress();
            return true;
        } catch (IllegalStateException noRadioYet) {
            return false;
        }
    }

    private <T> T service(Class<T> type) {
        ServiceReference<T> reference = context.getServiceReference(type);
        return reference == null ? null : context.getService(reference);
    }

    private static List<String> tshark(Path capture, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", capture.toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile("tshark", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue("tshark did not finish", process.waitFor(120, TimeUnit.SECONDS));
        assertEquals("tshark exit status", 0, process.exitValue());
        return Files.readAllLines(out);
    }
}
