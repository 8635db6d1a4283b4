package org.metermesh.rpl.dodag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metermesh.rpl.dodag.MeshHarness.PREFIX;
import static org.metermesh.rpl.dodag.MeshHarness.global;
import static org.metermesh.rpl.dodag.MeshHarness.linkLocal;
import static org.metermesh.rpl.dodag.MeshHarness.mac;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.metermesh.api.counters.Counters;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.rpl.message.RplMessage.Dao;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplOption;
import org.metermesh.rpl.message.RplOption.RplTarget;
import org.metermesh.rpl.message.RplOption.TransitInformation;

/** The root's routes and DODAG state outlive its instance through a {@link RouteStore}, in either mode. */
class RplRootPersistenceTest {

    /** Lifetime unit of the default configuration: 60 s. */
    private static final int UNIT = RootConfig.DEFAULT_LIFETIME_UNIT;

    private final MemoryRouteStore store = new MemoryRouteStore();
    private final Fixtures.Transport transport = new Fixtures.Transport();
    private final List<String> problems = new ArrayList<>();
    private final RplEventListener listener = new RplEventListener() {
        @Override
        public void stateProblem(String detail) {
            problems.add(detail);
        }
    };
    private final VirtualScheduler first = new VirtualScheduler(1);

    private RplRoot root(VirtualScheduler scheduler, RootConfig config) {
        RplRoot root = new RplRoot(scheduler, config, transport, listener, new Counters(), store);
        root.start();
        return root;
    }

    private RplRoot root(VirtualScheduler scheduler) {
        return root(scheduler, RootConfig.defaults(mac(0), PREFIX));
    }

    private RplRoot storingRoot(VirtualScheduler scheduler) {
        return root(scheduler, RootConfig.defaults(mac(0), PREFIX).withMop(Dio.MOP_STORING_NO_MULTICAST));
    }

    /** A scheduler whose clock starts {@code later} after the first one's present: the next bundle instance. */
    private VirtualScheduler later(Duration later) {
        return new VirtualScheduler(2, first.now().plus(later));
    }

    private static Dao dao(int from, int pathSequence, int lifetimeUnits, int... parents) {
        List<RplOption> options = new ArrayList<>();
        options.add(RplTarget.host(global(from)));
        for (int i = 0; i < parents.length; i++) {
            options.add(new TransitInformation(false, 0x80 >>> i, pathSequence, lifetimeUnits,
                    Optional.of(global(parents[i]))));
        }
        return new Dao(0, true, pathSequence, Optional.empty(), options);
    }

    private static void send(RplRoot root, int from, Dao dao) {
        root.received(dao, global(from), mac(from), -60, 255);
    }

    /** A storing-mode DAO (Transit Information without Parent Address, RFC 6550 6.7.8) from child {@code from}. */
    private static void sendStoring(RplRoot root, int from, int pathSequence, int lifetimeUnits, int... targets) {
        List<RplOption> options = new ArrayList<>();
        for (int target : targets) {
            options.add(RplTarget.host(global(target)));
        }
        options.add(new TransitInformation(false, 0x80, pathSequence, lifetimeUnits, Optional.empty()));
        root.received(new Dao(0, true, pathSequence, Optional.empty(), options), linkLocal(from), mac(from), -60,
                255);
    }

    /** Storing mode: children 1 and 2 of the root, 3 under 1, 4 (infinite lifetime) under 2. */
    private static void storingChildren(RplRoot root) {
        sendStoring(root, 1, 241, 30, 1, 3);
        sendStoring(root, 2, 241, 30, 2);
        sendStoring(root, 2, 7, 0xff, 4);
    }

    /** Meters 1 and 2 under the root, 3 under 1 (backup 2), 4 under 3. */
    private void chain(RplRoot root) {
        send(root, 1, dao(1, 241, 30, 0));
        send(root, 2, dao(2, 241, 30, 0));
        send(root, 3, dao(3, 241, 30, 1, 2));
        send(root, 4, dao(4, 241, 0xff, 3));
    }

    @Test
    void aNewRootOnTheSameStoreHasTheSameRoutesAndSourceRoutes() {
        RplRoot old = root(first);
        chain(old);
        old.globalRepair();
        old.incrementDtsn();
        first.runFor(Duration.ofMinutes(5));
        old.stop();

        RplRoot resumed = root(later(Duration.ofMinutes(1)));

        assertThat(resumed.version()).isEqualTo(old.version());
        assertThat(resumed.dtsn()).isEqualTo(old.dtsn());
        assertThat(resumed.routeCount()).isEqualTo(4);
        assertThat(resumed.sourceRoute(global(4))).contains(List.of(global(1), global(3), global(4)));
        assertThat(resumed.routes()).extracting(RouteSnapshot::target, RouteSnapshot::depth, RouteSnapshot::pathSequence)
                .containsExactlyElementsOf(old.routes().stream().map(r -> org.assertj.core.groups.Tuple.tuple(
                        r.target(), r.depth(), r.pathSequence())).toList());
        assertThat(resumed.routes().get(2).parents()).extracting(RouteSnapshot.Parent::address)
                .containsExactly(global(1), global(2));
        assertThat(resumed.counters().get("restored-routes")).isEqualTo(4);
        assertThat(resumed.counters().get("restored-dodag")).isEqualTo(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void lifetimesRunOnInWallClockTimeAcrossTheRestart() {
        RplRoot old = root(first);
        chain(old);                                             // 30 min lifetimes, 4's infinite
        first.runFor(Duration.ofMinutes(10));
        old.stop();

        RplRoot resumed = root(later(Duration.ofMinutes(5)));   // 15 of the 30 minutes gone
        RouteSnapshot one = resumed.routes().get(0);
        assertThat(one.lifetimeLeft()).isBetween(Duration.ofMinutes(15).minusSeconds(1), Duration.ofMinutes(15));
        assertThat(resumed.routes().get(3).lifetimeLeft()).isEqualTo(RouteSnapshot.INFINITE);

        VirtualScheduler after = new VirtualScheduler(3, first.now().plus(Duration.ofMinutes(25)));
        RplRoot late = new RplRoot(after, RootConfig.defaults(mac(0), PREFIX), transport, listener, new Counters(),
                store);
        after.runFor(Duration.ZERO);
        late.start();                                           // 35 min after the DAOs: only 4 is left
        assertThat(late.routes()).extracting(RouteSnapshot::target).containsExactly(global(4));
        assertThat(late.sourceRoute(global(4))).isEmpty();      // its parent 3 expired
        late.stop();
        assertThat(store.routes).containsOnlyKeys(global(4).toString());
    }

    @Test
    void resumedRoutesExpireOnTheNewSchedulerAndAreRemovedFromTheStore() {
        RplRoot old = root(first);
        send(old, 1, dao(1, 241, 2, 0));                        // 2 minutes
        old.stop();
        VirtualScheduler next = later(Duration.ofMinutes(1));
        RplRoot resumed = root(next);
        assertThat(resumed.sourceRoute(global(1))).isPresent();
        next.runFor(Duration.ofSeconds(61));
        assertThat(resumed.sourceRoute(global(1))).isEmpty();
        assertThat(resumed.counters().get("route-expired")).isEqualTo(1);
        next.runFor(RplRoot.SAVE_INTERVAL);
        assertThat(store.routes).isEmpty();
    }

    @Test
    void savesAreBatchedOnePerIntervalAndOnlyWhenSomethingChanged() {
        RplRoot root = root(first);
        int before = store.saves;
        for (int i = 1; i <= 200; i++) {
            send(root, i, dao(i, 241, 30, 0));
        }
        assertThat(store.saves).isEqualTo(before);              // nothing written per DAO
        first.runFor(RplRoot.SAVE_INTERVAL);
        assertThat(store.saves).isEqualTo(before + 1);
        assertThat(store.routes).hasSize(200);
        first.runFor(RplRoot.SAVE_INTERVAL.multipliedBy(3));
        assertThat(store.saves).isEqualTo(before + 1);          // nothing changed since

        send(root, 5, new Dao(0, true, 9, Optional.empty(), List.of(RplTarget.host(global(5)),
                new TransitInformation(false, 0x80, 241, TransitInformation.NO_PATH, Optional.of(global(0))))));
        root.stop();                                            // the last batch goes with the stop
        assertThat(store.saves).isEqualTo(before + 2);
        assertThat(store.routes).hasSize(199).doesNotContainKey(global(5).toString());
    }

    @Test
    void damagedRecordsAreSkippedCountedReportedAndDropped() {
        RplRoot old = root(first);
        chain(old);
        old.stop();
        byte[] damaged = store.routes.get(global(3).toString());
        damaged[20] ^= 0x10;
        store.routes.put("fd00::99", new byte[] {1, 2, 3});
        store.routes.put(global(1).toString(), store.routes.get(global(2).toString()));  // another target's record

        RplRoot resumed = root(later(Duration.ofSeconds(5)));
        assertThat(resumed.routes()).extracting(RouteSnapshot::target).containsExactly(global(2), global(4));
        assertThat(resumed.counters().get("restore-rejected:bad_checksum")).isEqualTo(1);
        assertThat(resumed.counters().get("restore-rejected:truncated")).isEqualTo(1);
        assertThat(resumed.counters().get("restore-rejected:bad_value")).isEqualTo(1);
        assertThat(problems).hasSize(3).anyMatch(p -> p.contains("BAD_CHECKSUM") && p.contains(global(3).toString()));
        resumed.stop();
        assertThat(store.routes).containsOnlyKeys(global(2).toString(), global(4).toString());
    }

    @Test
    void recordsOfTheFormatBeforeStoringModeRoutesAreStillRestored() {
        root(first).stop();                                     // the DODAG record
        store.routes.put(global(1).toString(), formatOne(1, 241, 0, first.now().plus(Duration.ofMinutes(30))
                .toEpochMilli()));
        store.routes.put(global(2).toString(), formatOne(2, 241, 1, StoredRoute.NEVER));

        RplRoot resumed = root(later(Duration.ofMinutes(10)));
        assertThat(resumed.sourceRoute(global(2))).contains(List.of(global(1), global(2)));
        assertThat(resumed.routes()).extracting(RouteSnapshot::lifetimeLeft)
                .containsExactly(Duration.ofMinutes(20), RouteSnapshot.INFINITE);
        assertThat(resumed.counters().get("restored-routes")).isEqualTo(2);
        assertThat(problems).isEmpty();
    }

    /** A route with one parent as the bundle before storing-mode routes were kept wrote it (format 1). */
    private static byte[] formatOne(int target, int pathSequence, int parent, long expiresAtEpochMillis) {
        ByteBuffer out = ByteBuffer.allocate(19 + 26 + StoredRecords.CRC_LENGTH);
        out.put((byte) StoredRoute.FORMAT_PARENTS_ONLY);
        StoredRoute.putAddress(out, global(target));
        out.put((byte) pathSequence).put((byte) 1);
        StoredRoute.putAddress(out, global(parent));
        out.put((byte) 0x80).put((byte) 0).putLong(expiresAtEpochMillis);
        return StoredRecords.seal(out);
    }

    @Test
    void aDamagedDodagRecordLeavesTheRootAtItsInitialVersionWithoutRoutes() {
        RplRoot old = root(first);
        chain(old);
        old.stop();
        store.dodag[3] ^= 1;
        RplRoot resumed = root(later(Duration.ZERO));
        assertThat(resumed.version()).isEqualTo(Lollipop.INIT);
        assertThat(resumed.routeCount()).isZero();
        assertThat(resumed.counters().get("restore-rejected:bad_checksum")).isEqualTo(1);
    }

    @Test
    void stateOfAnotherDodagOrModeIsNotTaken() {
        RplRoot old = root(first);
        chain(old);
        old.globalRepair();
        old.stop();
        RplRoot other = root(later(Duration.ZERO), RootConfig.defaults(mac(0), PREFIX).withInstanceId(5));
        assertThat(other.routeCount()).isZero();
        assertThat(other.version()).isEqualTo(Lollipop.INIT);
        assertThat(other.counters().get("restore-ignored:other-dodag")).isEqualTo(1);
        other.stop();
        assertThat(store.routes).isEmpty();                     // dropped, and the new DODAG's state written
        assertThat(StoredDodag.decode(store.dodag)).isEqualTo(new StoredRecordResult.Decoded<>(
                new StoredDodag(5, Dio.MOP_NON_STORING, Lollipop.INIT, Lollipop.INIT, global(0))));
    }

    @Test
    void aFailingStoreIsCountedAndRetried() {
        RplRoot root = root(first);
        send(root, 1, dao(1, 241, 30, 0));
        store.failing = true;
        first.runFor(RplRoot.SAVE_INTERVAL);
        assertThat(root.counters().get("save-failed")).isEqualTo(1);
        assertThat(problems).singleElement().asString().contains("disk full");
        store.failing = false;
        first.runFor(RplRoot.SAVE_INTERVAL);
        assertThat(store.routes).containsOnlyKeys(global(1).toString());
        assertThat(StoredRoute.decode(store.routes.get(global(1).toString())))
                .isInstanceOf(StoredRecordResult.Decoded.class);
    }

    @Test
    void aWallClockExpiryIsStoredNotARemainingDuration() {
        Instant start = first.now();
        RplRoot root = root(first);
        send(root, 1, dao(1, 241, 30, 0));
        root.stop();
        StoredRoute stored = ((StoredRecordResult.Decoded<StoredRoute>) StoredRoute.decode(
                store.routes.get(global(1).toString()))).value();
        assertThat(((StoredRoute.Parents) stored.via()).parents().get(0).expiresAtEpochMillis())
                .isEqualTo(start.plusSeconds(30L * UNIT).toEpochMilli());
    }

    @Test
    void aNewStoringRootOnTheSameStoreHasTheSameNextHopsAndLifetimes() {
        RplRoot old = storingRoot(first);
        storingChildren(old);
        old.incrementDtsn();
        first.runFor(RplRoot.SAVE_INTERVAL);
        assertThat(store.routes).containsOnlyKeys(global(1).toString(), global(2).toString(), global(3).toString(),
                global(4).toString());
        first.runFor(Duration.ofMinutes(5).minus(RplRoot.SAVE_INTERVAL));
        old.stop();

        RplRoot resumed = storingRoot(later(Duration.ofMinutes(10)));   // 15 of the 30 minutes gone
        assertThat(resumed.dtsn()).isEqualTo(old.dtsn());
        assertThat(resumed.nextHop(global(3))).contains(mac(1));
        assertThat(resumed.nextHop(global(4))).contains(mac(2));
        assertThat(resumed.canRoute(global(1))).isTrue();
        assertThat(resumed.routes()).extracting(RouteSnapshot::target, RouteSnapshot::pathSequence,
                RouteSnapshot::lifetimeLeft).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(global(1), 241, Duration.ofMinutes(15)),
                        org.assertj.core.groups.Tuple.tuple(global(2), 241, Duration.ofMinutes(15)),
                        org.assertj.core.groups.Tuple.tuple(global(3), 241, Duration.ofMinutes(15)),
                        org.assertj.core.groups.Tuple.tuple(global(4), 7, RouteSnapshot.INFINITE));
        assertThat(resumed.counters().get("restored-routes")).isEqualTo(4);
        assertThat(problems).isEmpty();

        sendStoring(resumed, 1, 241, TransitInformation.NO_PATH, 3);   // the restored next hop withdraws it
        assertThat(resumed.nextHop(global(3))).isEmpty();
    }

    @Test
    void restoredStoringRoutesExpireByTheirRemainingLifetimeAndExpiredOnesAreNotRestored() {
        RplRoot old = storingRoot(first);
        sendStoring(old, 1, 241, 2, 1);                                 // 2 minutes
        sendStoring(old, 2, 241, 30, 2);                                // 30 minutes
        old.stop();

        VirtualScheduler next = later(Duration.ofMinutes(1));
        RplRoot resumed = storingRoot(next);
        next.runFor(Duration.ofSeconds(59));
        assertThat(resumed.nextHop(global(1))).contains(mac(1));
        next.runFor(Duration.ofSeconds(1));
        assertThat(resumed.nextHop(global(1))).isEmpty();
        next.runFor(RplRoot.SAVE_INTERVAL);
        assertThat(store.routes).containsOnlyKeys(global(2).toString());  // the expired route's record is gone

        VirtualScheduler after = later(Duration.ofMinutes(31));
        RplRoot late = storingRoot(after);
        assertThat(late.routeCount()).isZero();
        assertThat(late.counters().get("restored-routes")).isZero();
        late.stop();
        assertThat(store.routes).isEmpty();
    }

    @Test
    void damagedStoringRecordsAreRejectedWithTheirReasonAndTheOthersRestored() {
        RplRoot old = storingRoot(first);
        storingChildren(old);
        old.stop();
        store.routes.get(global(1).toString())[25] ^= 0x01;                       // in the next hop's address
        store.routes.put(global(2).toString(), resealed(store.routes.get(global(2).toString()), 19, 1));
        store.routes.put(global(3).toString(), Arrays.copyOf(store.routes.get(global(3).toString()), 30));
        store.routes.put(global(9).toString(), new StoredRoute(global(9), 241,
                List.of(new StoredRoute.Parent(global(1), 0x80, 0, StoredRoute.NEVER))).encode());

        RplRoot resumed = storingRoot(later(Duration.ofSeconds(5)));
        assertThat(resumed.routes()).extracting(RouteSnapshot::target).containsExactly(global(4));
        assertThat(resumed.nextHop(global(4))).contains(mac(2));
        assertThat(resumed.counters().get("restore-rejected:bad_checksum")).isEqualTo(1);
        assertThat(resumed.counters().get("restore-rejected:truncated")).isEqualTo(1);
        assertThat(resumed.counters().get("restore-rejected:bad_value")).isEqualTo(2);
        assertThat(problems).hasSize(4)
                .anyMatch(p -> p.contains("BAD_CHECKSUM") && p.contains(global(1).toString()))
                .anyMatch(p -> p.contains("addressing mode 1") && p.contains(global(2).toString()))
                .anyMatch(p -> p.contains("TRUNCATED") && p.contains(global(3).toString()))
                .anyMatch(p -> p.contains("non-storing-mode route") && p.contains(global(9).toString()));
        resumed.stop();
        assertThat(store.routes).containsOnlyKeys(global(4).toString());
    }

    @Test
    void routesOfTheOtherModeAreDroppedWithTheirDodag() {
        RplRoot old = root(first);
        chain(old);
        old.stop();
        RplRoot storing = storingRoot(later(Duration.ZERO));
        assertThat(storing.routeCount()).isZero();
        assertThat(storing.counters().get("restore-ignored:other-dodag")).isEqualTo(1);
        storing.stop();
        assertThat(store.routes).isEmpty();
    }

    /** {@code record} with octet {@code index} set to {@code value} and a matching CRC: damage the CRC misses. */
    private static byte[] resealed(byte[] record, int index, int value) {
        ByteBuffer out = ByteBuffer.allocate(record.length);
        out.put(record, 0, record.length - StoredRecords.CRC_LENGTH);
        out.put(index, (byte) value);
        return StoredRecords.seal(out);
    }
}
