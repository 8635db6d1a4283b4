package org.metermesh.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.metermesh.api.counters.Counters;
import org.metermesh.platform.clock.VirtualScheduler;

/**
 * The outbox's hand-out order against a plain model of the rule it documents: an entry's rank is the highest
 * priority among it and its meter's later entries; entries not in flight go out by rank, then id. (Along one meter
 * ranks never rise and ids rise, so this order keeps every meter's acceptance order.)
 */
class OutboxOrderModelTest {

    private record Model(long id, String meter, Priority priority) {
    }

    private static List<Long> expected(TreeMap<Long, Model> pending, Set<Long> inFlight, int max) {
        // ranks by walking each meter's entries from the newest back
        Map<Long, Integer> rank = new HashMap<>();
        Map<String, Integer> laterMax = new HashMap<>();
        for (Model m : pending.descendingMap().values()) {
            int r = Math.max(m.priority().code(), laterMax.getOrDefault(m.meter(), -1));
            laterMax.put(m.meter(), r);
            rank.put(m.id(), r);
        }
        return pending.values().stream().filter(m -> !inFlight.contains(m.id()))
                .sorted(Comparator.comparingInt((Model m) -> -rank.get(m.id())).thenComparingLong(Model::id))
                .limit(max).map(Model::id).toList();
    }

    @Test
    void randomAcceptsDeliveriesAndInFlightSetsMatchTheModel() {
        Random random = new Random(11);
        Outbox outbox = Outbox.open(new InMemoryStateStore(), OutboxConfig.DEFAULT, new VirtualScheduler(1),
                new Counters());
        TreeMap<Long, Model> pending = new TreeMap<>();
        Set<Long> inFlight = new HashSet<>();
        for (int step = 0; step < 3000; step++) {
            int action = random.nextInt(10);
            if (action < 5) {
                String meter = "m" + random.nextInt(12);
                Priority priority = Priority.values()[random.nextInt(4)];
                long id = ((Acceptance.Accepted) outbox.accept(OutboxFixture.entry(meter, priority, "s" + step))).id();
                pending.put(id, new Model(id, meter, priority));
            } else if (action < 8 && !pending.isEmpty()) {
                long id = pending.ceilingKey(1 + (long) (random.nextDouble() * pending.lastKey()));
                assertThat(outbox.delivered(id)).isTrue();
                pending.remove(id);
                inFlight.remove(id);
            } else if (!pending.isEmpty()) {
                long id = pending.ceilingKey(1 + (long) (random.nextDouble() * pending.lastKey()));
                if (!inFlight.add(id)) {
                    inFlight.remove(id);
                }
            }
            int max = 1 + random.nextInt(20);
            List<Long> actual = outbox.nextBatch(max, inFlight).stream().map(OutboxMessage::id).toList();
            assertThat(actual).as("step %d, max %d, in flight %s", step, max, inFlight)
                    .isEqualTo(expected(pending, inFlight, max));
        }
        assertThat(outbox.size()).isEqualTo(pending.size());
    }
}
