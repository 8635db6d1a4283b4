package org.metermesh.telemetry.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.metermesh.api.counters.Counters;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.platform.state.MvStateStore;

/** Opens outboxes on a real MvStateStore in a directory, and makes entries. */
final class OutboxFixture implements AutoCloseable {

    final Path file;
    final VirtualScheduler scheduler = new VirtualScheduler(1);
    final Counters counters = new Counters();
    final OutboxConfig config;
    MvStateStore store;
    Outbox outbox;

    OutboxFixture(Path dir, OutboxConfig config) {
        this.file = dir.resolve("state.mv");
        this.config = config;
        open();
    }

    void open() {
        store = MvStateStore.open(file, 0);
        outbox = Outbox.open(store, config, scheduler, counters);
    }

    /** Closes the store as a clean shutdown does and opens a new outbox on it, as a restarted bundle does. */
    void reopen() {
        store.close();
        open();
    }

    static OutboxEntry entry(String meter, Priority priority, String text) {
        return new OutboxEntry(meter, priority, "metermesh/gw-1/meters/" + meter, text.getBytes(StandardCharsets.UTF_8),
                1);
    }

    long accept(String meter, Priority priority, String text) {
        Acceptance a = outbox.accept(entry(meter, priority, text));
        if (!(a instanceof Acceptance.Accepted accepted)) {
            throw new AssertionError("refused: " + a);
        }
        return accepted.id();
    }

    /** The payload texts of everything queued, in the order nextBatch hands it out. */
    List<String> order() {
        return texts(outbox.nextBatch(Integer.MAX_VALUE, Set.of()));
    }

    static List<String> texts(List<OutboxMessage> messages) {
        return messages.stream().map(m -> new String(m.entry().payload(), StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void close() {
        store.close();
    }
}
