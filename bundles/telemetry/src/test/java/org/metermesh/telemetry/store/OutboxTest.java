package org.metermesh.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metermesh.telemetry.store.OutboxFixture.entry;
import static org.metermesh.telemetry.store.OutboxFixture.texts;
import static org.metermesh.telemetry.store.Priority.BILLING;
import static org.metermesh.telemetry.store.Priority.CONTROL;
import static org.metermesh.telemetry.store.Priority.USAGE;
import static org.metermesh.telemetry.store.Priority.WARNING;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    @TempDir
    Path dir;

    private OutboxFixture f;

    private OutboxFixture open(OutboxConfig config) {
        f = new OutboxFixture(dir, config);
        return f;
    }

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void acceptAssignsIncreasingIdsAndStampsTheSchedulerTime() {
        open(OutboxConfig.DEFAULT);
        f.scheduler.runFor(Duration.ofSeconds(5));
        List<Acceptance> results = f.outbox.accept(List.of(entry("m1", USAGE, "a"), entry("m2", USAGE, "b"),
                entry("m1", USAGE, "c")));
        assertThat(results).containsExactly(new Acceptance.Accepted(1), new Acceptance.Accepted(2),
                new Acceptance.Accepted(3));
        List<OutboxMessage> batch = f.outbox.nextBatch(10, Set.of());
        assertThat(batch).extracting(OutboxMessage::id).containsExactly(1L, 2L, 3L);
        assertThat(batch.get(0).acceptedAt()).isEqualTo(f.scheduler.now());
        assertThat(batch.get(0).entry()).isEqualTo(entry("m1", USAGE, "a"));
        assertThat(f.counters.get("accepted")).isEqualTo(3);
    }

    @Test
    void perMeterOrderHoldsAndHigherPrioritiesGoFirstAcrossMeters() {
        open(OutboxConfig.DEFAULT);
        f.accept("m1", USAGE, "m1-usage-1");
        f.accept("m2", BILLING, "m2-bill-1");
        f.accept("m3", USAGE, "m3-usage-1");
        f.accept("m4", CONTROL, "m4-reply-1");
        f.accept("m5", WARNING, "m5-warn-1");
        f.accept("m1", USAGE, "m1-usage-2");
        f.accept("m2", USAGE, "m2-usage-2");
        assertThat(f.order()).containsExactly("m5-warn-1", "m4-reply-1", "m2-bill-1", "m1-usage-1", "m3-usage-1",
                "m1-usage-2", "m2-usage-2");
    }

    @Test
    void aWarningBehindUsagePullsItsMetersEarlierEntriesAheadWithoutOvertakingThem() {
        open(OutboxConfig.DEFAULT);
        f.accept("m1", BILLING, "m1-bill");
        f.accept("m2", USAGE, "m2-usage-1");
        f.accept("m2", USAGE, "m2-usage-2");
        f.accept("m2", WARNING, "m2-warn");
        f.accept("m2", USAGE, "m2-usage-3");
        f.accept("m3", USAGE, "m3-usage");
        // m2's warning ranks its earlier usage as WARNING; after the warning, m2 is back to USAGE.
        assertThat(f.order()).containsExactly("m2-usage-1", "m2-usage-2", "m2-warn", "m1-bill", "m2-usage-3",
                "m3-usage");
    }

    @Test
    void inFlightEntriesAreSkippedAndTheRestStaysInOrder() {
        open(OutboxConfig.DEFAULT);
        long a1 = f.accept("a", USAGE, "a1");
        f.accept("a", USAGE, "a2");
        f.accept("b", USAGE, "b1");
        f.accept("a", USAGE, "a3");
        List<OutboxMessage> first = f.outbox.nextBatch(2, Set.of());
        assertThat(texts(first)).containsExactly("a1", "a2");
        Set<Long> inFlight = new HashSet<>();
        first.forEach(m -> inFlight.add(m.id()));
        assertThat(texts(f.outbox.nextBatch(10, inFlight))).containsExactly("b1", "a3");
        // a1 was published: gone. a2's publish failed: it is a's oldest again, ahead of a3.
        assertThat(f.outbox.delivered(a1)).isTrue();
        assertThat(texts(f.outbox.nextBatch(10, Set.of()))).containsExactly("a2", "b1", "a3");
        assertThat(f.outbox.delivered(a1)).as("second delivery report").isFalse();
        assertThat(f.outbox.nextBatch(0, Set.of())).isEmpty();
    }

    @Test
    void interleavedPrioritiesNeverReorderAMeter() {
        open(OutboxConfig.DEFAULT);
        Priority[] priorities = Priority.values();
        java.util.Random random = new java.util.Random(7);
        List<String> meters = List.of("m0", "m1", "m2", "m3", "m4");
        for (int i = 0; i < 400; i++) {
            String meter = meters.get(random.nextInt(meters.size()));
            f.accept(meter, priorities[random.nextInt(priorities.length)], meter + ":" + i);
        }
        Set<Long> inFlight = new HashSet<>();
        List<OutboxMessage> handedOut = new ArrayList<>();
        while (true) {
            List<OutboxMessage> batch = f.outbox.nextBatch(7, inFlight);
            if (batch.isEmpty()) {
                break;
            }
            handedOut.addAll(batch);
            batch.forEach(m -> inFlight.add(m.id()));
            // deliver some of the in-flight ones, in an arbitrary order
            for (OutboxMessage m : batch) {
                if (random.nextBoolean()) {
                    f.outbox.delivered(m.id());
                    inFlight.remove(m.id());
                }
            }
        }
        assertThat(handedOut).hasSize(400);
        for (String meter : meters) {
            List<Long> ids = handedOut.stream().filter(m -> m.entry().meterKey().equals(meter))
                    .map(OutboxMessage::id).toList();
            assertThat(ids).as("ids of %s in hand-out order", meter).isSorted();
        }
    }

    @Test
    void deliveredRemovesAtOnceAndCommitsInBatches() {
        open(OutboxConfig.DEFAULT.withDeliveredCommitBatch(3));
        for (int i = 0; i < 5; i++) {
            f.accept("m", USAGE, "r" + i);
        }
        assertThat(f.outbox.delivered(1)).isTrue();
        assertThat(f.outbox.delivered(2)).isTrue();
        assertThat(f.outbox.size()).isEqualTo(3);
        assertThat(f.counters.get("delivered")).isEqualTo(2);
        assertThat(committedOrder("after-two")).as("two removals wait for the batch").hasSize(5);
        f.outbox.delivered(3);
        assertThat(committedOrder("after-three")).as("the third removal commits the batch")
                .containsExactly("r3", "r4");
        f.outbox.delivered(4);
        f.outbox.flush();
        assertThat(committedOrder("after-flush")).containsExactly("r4");
    }

    /** What an outbox would find after a crash now: the store file as last committed. */
    private List<String> committedOrder(String name) {
        Path crashed = dir.resolve(name);
        copyCommittedState(crashed);
        try (OutboxFixture after = new OutboxFixture(crashed, OutboxConfig.DEFAULT)) {
            return after.order();
        }
    }

    @Test
    void fullOutboxEvictsTheOldestUsageEntryForAnyNewEntry() {
        open(OutboxConfig.DEFAULT.withLimits(new OutboxLimits(3, 1 << 20, 5, 1 << 20)));
        f.accept("m1", USAGE, "u1");
        f.accept("m2", WARNING, "w1");
        f.accept("m2", USAGE, "u2");
        f.accept("m3", BILLING, "b1"); // evicts u1
        assertThat(f.counters.get("evicted:usage")).isEqualTo(1);
        f.accept("m1", USAGE, "u3"); // evicts u2
        assertThat(f.order()).containsExactly("w1", "b1", "u3");
        assertThat(f.counters.get("evicted:usage")).isEqualTo(2);
        assertThat(f.outbox.size()).isEqualTo(3);
    }

    @Test
    void usageIsRefusedWhenOnlyNeverDropEntriesRemainAndNeverDropUsesTheHeadroomUpToTheCeiling() {
        open(OutboxConfig.DEFAULT.withLimits(new OutboxLimits(2, 1 << 20, 4, 1 << 20)));
        f.accept("m1", WARNING, "w1");
        f.accept("m2", BILLING, "b1");
        Acceptance usage = f.outbox.accept(entry("m3", USAGE, "u1"));
        assertThat(usage).isInstanceOfSatisfying(Acceptance.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(RefusalReason.FULL));
        assertThat(f.counters.get("refused:full")).isEqualTo(1);
        f.accept("m3", CONTROL, "c1"); // headroom
        f.accept("m4", BILLING, "b2"); // headroom, now at the ceiling of 4
        Acceptance overCeiling = f.outbox.accept(entry("m5", WARNING, "w2"));
        assertThat(overCeiling).isInstanceOfSatisfying(Acceptance.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(RefusalReason.HARD_CEILING);
            assertThat(r.detail()).contains("hard ceiling", "WARNING", "m5");
        });
        assertThat(f.counters.get("refused:hard_ceiling")).isEqualTo(1);
        assertThat(f.counters.get("evicted:usage")).isZero();
        assertThat(f.order()).containsExactly("w1", "c1", "b1", "b2");
    }

    @Test
    void octetCapacityEvictsUsageAndRefusesAnEntryLargerThanTheCapacity() {
        int entrySize = StoredEntryCodec.storedSize(entry("m1", USAGE, "xxxx"));
        open(OutboxConfig.DEFAULT.withLimits(new OutboxLimits(100, 2L * entrySize, 100, 3L * entrySize)));
        f.accept("m1", USAGE, "aaaa");
        f.accept("m1", USAGE, "bbbb");
        f.accept("m1", USAGE, "cccc");
        assertThat(f.order()).containsExactly("bbbb", "cccc");
        assertThat(f.outbox.octets()).isEqualTo(2L * entrySize);
        Acceptance huge = f.outbox.accept(entry("m1", WARNING, "x".repeat(3 * entrySize)));
        assertThat(huge).isInstanceOfSatisfying(Acceptance.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(RefusalReason.TOO_LARGE));
        assertThat(f.counters.get("refused:too_large")).isEqualTo(1);
    }

    @Test
    void aBatchIsCommittedOnceAndPartlyRefusedEntriesDoNotStopTheRest() {
        open(OutboxConfig.DEFAULT.withLimits(new OutboxLimits(1, 1 << 20, 2, 1 << 20)));
        List<Acceptance> results = f.outbox.accept(List.of(entry("m", WARNING, "w1"), entry("m", USAGE, "u1"),
                entry("m", WARNING, "w2"), entry("m", WARNING, "w3")));
        assertThat(results).extracting(Acceptance::accepted).containsExactly(true, false, true, false);
        f.reopen();
        assertThat(f.order()).containsExactly("w1", "w2");
    }

    @Test
    void reopeningFindsEveryUndeliveredEntryAndContinuesIds() {
        open(OutboxConfig.DEFAULT);
        for (int i = 1; i <= 10; i++) {
            f.accept("m" + (i % 3), i % 4 == 0 ? WARNING : USAGE, "e" + i);
        }
        f.outbox.delivered(10);
        f.outbox.delivered(9);
        f.outbox.flush();
        List<OutboxMessage> before = f.outbox.nextBatch(100, Set.of());
        f.reopen();
        assertThat(f.outbox.recovery().recovered()).isEqualTo(8);
        assertThat(f.outbox.recovery().corrupt()).isEmpty();
        assertThat(f.outbox.nextBatch(100, Set.of())).isEqualTo(before);
        // ids continue after the highest ever given, even though 9 and 10 were delivered and removed
        assertThat(f.accept("m1", USAGE, "after")).isEqualTo(11);
    }

    @Test
    void idsAreNotReusedWhenEverythingWasDelivered() {
        open(OutboxConfig.DEFAULT.withDeliveredCommitBatch(1));
        f.accept("m", USAGE, "a");
        f.accept("m", USAGE, "b");
        f.outbox.delivered(1);
        f.outbox.delivered(2);
        f.reopen();
        assertThat(f.outbox.size()).isZero();
        assertThat(f.outbox.nextId()).isEqualTo(3);
    }

    @Test
    void aDeliveryNotYetCommittedIsHandedOutAgainAfterACrash() {
        open(OutboxConfig.DEFAULT.withDeliveredCommitBatch(100));
        f.accept("m", USAGE, "a");
        f.accept("m", USAGE, "b");
        f.outbox.delivered(1);
        // a crash now loses the uncommitted removal: the entry is handed out again (at-least-once)
        assertThat(committedOrder("crashed")).containsExactly("a", "b");
    }

    private void copyCommittedState(Path target) {
        try {
            java.nio.file.Files.createDirectories(target);
            java.nio.file.Files.copy(f.file, target.resolve("state.mv"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aCorruptStoredEntryIsSkippedCountedQuarantinedAndReported() {
        open(OutboxConfig.DEFAULT);
        f.accept("m", USAGE, "a");
        f.accept("m", USAGE, "b");
        f.accept("m", USAGE, "c");
        var map = f.store.map(OutboxConfig.DEFAULT_MAP);
        byte[] stored = map.get(StoredEntryCodec.key(2)).orElseThrow();
        stored[stored.length - 10] ^= 0x40; // inside the payload: caught by the CRC
        map.put(StoredEntryCodec.key(2), stored);
        map.put("not-an-id", new byte[] {1});
        map.put(StoredEntryCodec.key(99), new byte[] {9, 0, 0}); // unknown version, highest key
        f.store.commit();
        f.reopen();
        RecoveryReport report = f.outbox.recovery();
        assertThat(report.recovered()).isEqualTo(2);
        assertThat(report.corrupt()).extracting(RecoveryReport.CorruptEntry::key, RecoveryReport.CorruptEntry::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(StoredEntryCodec.key(2), StoredEntryRejection.BAD_CHECKSUM),
                        org.assertj.core.groups.Tuple.tuple(StoredEntryCodec.key(99),
                                StoredEntryRejection.UNKNOWN_VERSION),
                        org.assertj.core.groups.Tuple.tuple("not-an-id", StoredEntryRejection.BAD_KEY));
        assertThat(f.counters.get("corrupt:bad_checksum")).isEqualTo(1);
        assertThat(f.counters.get("corrupt:unknown_version")).isEqualTo(1);
        assertThat(f.counters.get("corrupt:bad_key")).isEqualTo(1);
        assertThat(f.order()).containsExactly("a", "c");
        assertThat(f.store.map(OutboxConfig.DEFAULT_MAP + ".corrupt").keys()).contains(StoredEntryCodec.key(2));
        assertThat(f.outbox.nextId()).as("ids continue after the quarantined 99").isEqualTo(100);
        // quarantined entries stay out of the queue on the next start too
        f.reopen();
        assertThat(f.outbox.recovery().corrupt()).isEmpty();
        assertThat(f.order()).containsExactly("a", "c");
    }

    @Test
    void aCorruptNextIdIsReportedAndIdsContinueAfterTheHighestEntry() {
        open(OutboxConfig.DEFAULT);
        f.accept("m", USAGE, "a");
        f.accept("m", USAGE, "b");
        f.store.map(OutboxConfig.DEFAULT_MAP + ".meta").put("next-id", new byte[] {1, 2});
        f.store.commit();
        f.reopen();
        assertThat(f.outbox.recovery().corrupt()).singleElement()
                .satisfies(c -> assertThat(c.detail()).contains("next id"));
        assertThat(f.counters.get("corrupt:meta")).isEqualTo(1);
        assertThat(f.outbox.nextId()).isEqualTo(3);
        assertThat(f.order()).containsExactly("a", "b");
    }

    @Test
    void sizeByPriority() {
        open(OutboxConfig.DEFAULT);
        f.accept("a", USAGE, "1");
        f.accept("b", USAGE, "2");
        f.accept("a", WARNING, "3");
        assertThat(f.outbox.size(USAGE)).isEqualTo(2);
        assertThat(f.outbox.size(WARNING)).isEqualTo(1);
        assertThat(f.outbox.size(BILLING)).isZero();
    }
}
