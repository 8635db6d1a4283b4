package org.metermesh.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.metermesh.api.counters.Counters;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.platform.state.MvStateStore;
import org.metermesh.telemetry.store.Acceptance;
import org.metermesh.telemetry.store.Outbox;
import org.metermesh.telemetry.store.OutboxConfig;
import org.metermesh.telemetry.store.OutboxEntry;
import org.metermesh.telemetry.store.Priority;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Messages per second through the durable outbox on the real state store (H2 MVStore file in a temporary
 * directory, background commits off): accept (one commit with fsync per accept call) then delivered (removals
 * committed per 64, the default). {@code acceptOne} accepts messages one at a time, {@code acceptBatch64} in
 * batches of 64 (group commit); both report messages, not calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class OutboxBenchmark {

    private static final int BATCH = 64;

    private Path dir;
    private MvStateStore store;
    private Outbox outbox;
    private List<OutboxEntry> one;
    private List<OutboxEntry> batch;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("outbox-bench");
        store = MvStateStore.open(dir.resolve("state.mv"), 0);
        outbox = Outbox.open(store, OutboxConfig.DEFAULT, new VirtualScheduler(1), new Counters());
        // About the size of an encoded Kura payload of one 15-minute reading with a handful of metrics.
        byte[] payload = new byte[120];
        one = List.of(new OutboxEntry("0011223344556677", Priority.USAGE,
                "utility/gw-1/METERMESH-V1/meters/0011223344556677/usage", payload, 1));
        batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String meter = String.format("00112233445566%02x", i);
            batch.add(new OutboxEntry(meter, Priority.USAGE, "utility/gw-1/METERMESH-V1/meters/" + meter + "/usage",
                    payload, 1));
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Benchmark
    public long acceptOne() {
        return acceptAndDeliver(one);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long acceptBatch64() {
        return acceptAndDeliver(batch);
    }

    private long acceptAndDeliver(List<OutboxEntry> entries) {
        long last = 0;
        for (Acceptance acceptance : outbox.accept(entries)) {
            last = ((Acceptance.Accepted) acceptance).id();
            outbox.delivered(last);
        }
        return last;
    }
}
