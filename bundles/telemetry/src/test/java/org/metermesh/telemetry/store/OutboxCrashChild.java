package org.metermesh.telemetry.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.metermesh.api.counters.Counters;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.platform.state.MvStateStore;

/**
 * Run in a child JVM by {@link OutboxCrashTest}: accepts entries in batches and prints each accepted id on stdout
 * as soon as accept() has returned, then keeps accepting until it is killed.
 *
 * <p>Arguments: the store file, the batch size.
 */
public final class OutboxCrashChild {

    private OutboxCrashChild() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int batchSize = Integer.parseInt(args[1]);
        // No background commits: only the outbox's own commits make anything durable.
        MvStateStore store = MvStateStore.open(file, 0);
        Outbox outbox = Outbox.open(store, OutboxConfig.DEFAULT, new VirtualScheduler(1), new Counters());
        for (int n = 0; ; n++) {
            List<OutboxEntry> batch = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                String meter = "meter-" + (n * batchSize + i) % 17;
                batch.add(new OutboxEntry(meter, Priority.values()[i % 4], "metermesh/gw/" + meter,
                        ("reading " + n + "/" + i).getBytes(StandardCharsets.UTF_8), 1));
            }
            for (Acceptance acceptance : outbox.accept(batch)) {
                System.out.println("accepted " + ((Acceptance.Accepted) acceptance).id());
            }
            System.out.flush();
        }
    }
}
