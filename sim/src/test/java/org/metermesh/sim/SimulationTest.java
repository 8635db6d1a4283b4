package org.metermesh.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.metermesh.api.ipv6.HopByHopOptions;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.RplOption;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.rpl.dodag.RootConfig;
import org.metermesh.rpl.dodag.RplNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The neighbourhood simulator with the real stack: formation, routing, self-healing, reproducibility. */
class SimulationTest {

    private static final Duration FORMATION = Duration.ofMinutes(10);

    @ParameterizedTest(name = "--channels {0}")
    @ValueSource(strings = {"hopping", "single"})
    void everyReachableMeterJoinsAndTheRootDeliversToEachOfThem(String channels) {
        Simulation sim = simulation("--meters", "60", "--seed", "2", "--channels", channels);
        sim.start();
        sim.advance(FORMATION, ProgressBar.SILENT);

        SimulationReport report = sim.report(0);
        assertThat(report.reachable()).isEqualTo(60);
        assertThat(report.joined()).isEqualTo(report.reachable());
        assertThat(report.formationS()).isPositive().isLessThan(FORMATION.toSeconds());
        assertThat(deliveredFromRoot(sim)).as("meters the root reached with a packet").isEqualTo(allMeters(60));
    }

    @Test
    void aStoringModeNeighbourhoodFormsAndTheRootReachesEveryMeterHopByHop() {
        Simulation sim = simulation("--meters", "40", "--seed", "5", "--mop", "storing");
        sim.start();
        sim.advance(FORMATION, ProgressBar.SILENT);

        SimulationReport report = sim.report(0);
        assertThat(report.reachable()).isEqualTo(40);
        assertThat(report.joined()).as("meters the root has a next hop for").isEqualTo(40);
        assertThat(report.maxDepth()).isGreaterThan(1);
        assertThat(metersOnACycle(sim)).isEmpty();
        long relaying = sim.meterCores().stream().filter(core -> core.routeCount() > 0).count();
        assertThat(relaying).as("meters that keep routes for their sub-DODAG").isPositive();
        BitSet delivered = deliveredFromRoot(sim);
        assertThat(delivered).as("meters the root reached with a packet").isEqualTo(allMeters(40));
        assertThat(sim.gatewayNode().forwarding().counters().get("dropped:no-route")).isZero();
        long relayedDown = 0;
        for (int i = 0; i < sim.meterCount(); i++) {
            relayedDown += sim.meterNode(i).forwarding().counters().get("forwarded:down");
            Ipv6Address meter = Ipv6Address.of(Simulation.MESH_PREFIX, sim.meterNode(i).eui64());
            assertThat(sim.root().sourceRoute(meter)).as("storing mode has no source routes").isEmpty();
        }
        assertThat(relayedDown).as("packets meters passed down by their own routes").isPositive();
    }

    @Test
    void theFinalDodagHasNoLoop() {
        Simulation sim = simulation("--meters", "80", "--seed", "4", "--layout", "random");
        sim.start();
        sim.advance(FORMATION, ProgressBar.SILENT);

        assertThat(metersOnACycle(sim)).isEmpty();
        assertThat(sim.report(0).maxDepth()).isGreaterThan(1);
    }

    @Test
    void whenARelayDiesItsChildrenRehomeAndTheRootReachesThemAgain() {
        Simulation first = simulation("--meters", "60", "--seed", "2");
        first.start();
        first.advance(FORMATION, ProgressBar.SILENT);
        int relay = busiestRelay(first);
        List<Integer> children = childrenOf(first, relay);
        assertThat(children).as("meter " + relay + " relays for others").isNotEmpty();

        // The same run, reproduced, with the relay dying once the DODAG has formed.
        Simulation second = simulation("--meters", "60", "--seed", "2", "--kill", relay + "@10m");
        second.start();
        second.advance(FORMATION.plus(Duration.ofMinutes(10)), ProgressBar.SILENT);

        BitSet delivered = deliveredFromRoot(second);
        for (int child : children) {
            assertThat(parentOf(second, child)).as("meter " + child + "'s parent").isNotEqualTo(Optional.of(relay));
            assertThat(delivered.get(child)).as("meter " + child + " reached after re-homing").isTrue();
        }
        SimulationReport report = second.report(0);
        assertThat(report.joined()).isEqualTo(report.reachable());
    }

    @Test
    void aLoopDetectedAtAMeterCountsOnceInTheReport() {
        Simulation sim = simulation("--meters", "40", "--seed", "9");
        sim.start();
        sim.advance(FORMATION, ProgressBar.SILENT);
        assertThat(sim.report(0).loopsDetected()).isZero();

        // A packet going up that already carries the Rank-Error flag, from a sender that claims to be closer to the
        // root than the meter: the second inconsistency on its way, a loop (RFC 6550 11.2.2.2).
        SimulatedNode meter = sim.meterNode(0);
        Ipv6Address gateway = Ipv6Address.of(Simulation.MESH_PREFIX, sim.gatewayNode().eui64());
        Ipv6Packet looping = Ipv6Packet.builder().source(Ipv6Address.of(Simulation.MESH_PREFIX,
                sim.meterNode(1).eui64())).destination(gateway).hopLimit(64)
                .addExtensionHeader(HopByHopOptions.of(RplOption.of(false, true, false, 0, 0)))
                .udp(61616, 61616, new byte[] {1}).build();
        meter.forwarding().received(looping, sim.meterNode(1).eui64(), -60, 200);

        assertThat(sim.report(0).loopsDetected()).isEqualTo(1);
    }

    @Test
    void aSeededRunIsReproducibleBitForBit() {
        String a = withoutWallTime(run("--meters", "40", "--seed", "9"));
        String b = withoutWallTime(run("--meters", "40", "--seed", "9"));
        String other = withoutWallTime(run("--meters", "40", "--seed", "10"));

        assertThat(a).isEqualTo(b);
        assertThat(other).isNotEqualTo(a);
    }

    @Test
    void theCaptureHoldsDiosThatTsharkDecodesAsSent(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("gateway.pcap");
        run("--meters", "20", "--seed", "3", "--sim-time", "2m", "--pcap", pcap.toString());

        List<String> gatewayDios = Tshark.fields(pcap, "icmpv6.code == 1 && wpan.src64 == 02:00:4d:6d:00:00:00:01",
                "icmpv6.rpl.dio.rank", "icmpv6.rpl.dio.flag.mop", "icmpv6.rpl.dio.flag.g", "icmpv6.rpl.dio.dagid",
                "icmpv6.rpl.opt.config.ocp", "icmpv6.rpl.opt.config.interval_min", "icmpv6.checksum.status",
                "_ws.malformed");
        assertThat(gatewayDios).isNotEmpty().allSatisfy(line -> assertThat(line)
                .isEqualTo("128\t0x01\t1\tfd00:cafe::4d6d:0:1\t1\t"
                        + RootConfig.DEFAULT_DIO_INTERVAL_MIN + "\t1\t"));
        List<String> meterDios = Tshark.fields(pcap, "icmpv6.code == 1 && !(wpan.src64 == 02:00:4d:6d:00:00:00:01)",
                "icmpv6.rpl.dio.rank", "icmpv6.checksum.status", "_ws.malformed");
        assertThat(meterDios).as("meters' DIOs heard by the gateway").isNotEmpty().allSatisfy(line -> {
            String[] fields = line.split("\t", -1);
            assertThat(Integer.parseInt(fields[0])).as("a meter's rank is above the root's").isGreaterThan(128);
            assertThat(fields[1]).isEqualTo("1");
            assertThat(fields[2]).isEmpty();
        });
    }

    private static Simulation simulation(String... args) {
        return new Simulation(ScenarioOptions.parse(args));
    }

    private static String run(String... args) {
        return new Simulation(ScenarioOptions.parse(args)).run(ProgressBar.SILENT).toJson();
    }

    private static String withoutWallTime(String json) {
        return json.lines().filter(line -> !line.contains("\"wall_s\"") && !line.contains("\"sim_to_wall\"")
                && !line.contains("\"heap_per_meter_bytes\""))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static BitSet allMeters(int meters) {
        BitSet all = new BitSet();
        all.set(0, meters);
        return all;
    }

    /** Sends a UDP packet from the root to every meter's global address and sees which ones got it. */
    private static BitSet deliveredFromRoot(Simulation sim) {
        SimulatedNode gateway = sim.gatewayNode();
        Ipv6Address source = Ipv6Address.of(Simulation.MESH_PREFIX, gateway.eui64());
        List<Long> before = new ArrayList<>();
        for (int i = 0; i < sim.meterCount(); i++) {
            before.add(sim.meterNode(i).forwarding().counters().get("rx:local"));
            Ipv6Address meter = Ipv6Address.of(Simulation.MESH_PREFIX, sim.meterNode(i).eui64());
            gateway.forwarding().send(Ipv6Packet.builder().source(source).destination(meter).hopLimit(64)
                    .udp(61616, 61616, new byte[] {1, 2, 3}).build());
            sim.advance(Duration.ofSeconds(2), ProgressBar.SILENT);
        }
        sim.advance(Duration.ofSeconds(30), ProgressBar.SILENT);
        BitSet delivered = new BitSet();
        for (int i = 0; i < sim.meterCount(); i++) {
            if (sim.meterNode(i).forwarding().counters().get("rx:local") > before.get(i)) {
                delivered.set(i);
            }
        }
        return delivered;
    }

    /** Meters (1-based) whose chain of preferred parents comes back to themselves. */
    private static List<Integer> metersOnACycle(Simulation sim) {
        List<Integer> cycles = new ArrayList<>();
        for (int meter = 1; meter <= sim.meterCount(); meter++) {
            Optional<Integer> at = parentOf(sim, meter);
            for (int hops = 0; at.isPresent() && at.get() != 0 && hops <= sim.meterCount(); hops++) {
                if (at.get() == meter) {
                    cycles.add(meter);
                    break;
                }
                at = parentOf(sim, at.get());
            }
        }
        return cycles;
    }

    /** The node number (0 = gateway) of a meter's preferred parent. */
    private static Optional<Integer> parentOf(Simulation sim, int meter) {
        RplNode core = sim.meterCores().get(meter - 1);
        return core.preferredParent().map(SimulationTest::nodeNumber);
    }

    private static int nodeNumber(MacAddress mac) {
        return (int) (((org.metermesh.api.radio.ExtendedAddress) mac).value() - SimulatedNode.EUI64_BASE);
    }

    private static int busiestRelay(Simulation sim) {
        Map<Integer, Integer> children = new HashMap<>();
        for (int meter = 1; meter <= sim.meterCount(); meter++) {
            parentOf(sim, meter).filter(p -> p != 0).ifPresent(p -> children.merge(p, 1, Integer::sum));
        }
        return children.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
    }

    private static List<Integer> childrenOf(Simulation sim, int relay) {
        List<Integer> children = new ArrayList<>();
        for (int meter = 1; meter <= sim.meterCount(); meter++) {
            if (parentOf(sim, meter).equals(Optional.of(relay))) {
                children.add(meter);
            }
        }
        return children;
    }
}
