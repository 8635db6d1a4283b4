package org.metermesh.sixlowpan.nd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.metermesh.sixlowpan.nd.NdSamples.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.sixlowpan.testsupport.Ipv6Packets;

class RegistrationTableTest {

    static final Rovr METER = Rovr.ofEui64(METER_EUI64);
    static final Rovr OTHER = Rovr.ofEui64(OTHER_EUI64);
    static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private VirtualScheduler scheduler;
    private RegistrationTable table;
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void setUp() {
        scheduler = new VirtualScheduler(6775);
        table = table(8);
    }

    private RegistrationTable table(int capacity) {
        return new RegistrationTable(scheduler, capacity, new RegistrationTable.Listener() {
            @Override
            public void registered(Registration registration) {
                events.add("+" + registration);
            }

            @Override
            public void removed(Registration registration, RegistrationTable.Removal why) {
                events.add("-" + Ipv6Bytes.format(registration.address()) + " " + why);
            }
        });
    }

    @Test
    void aNewAddressIsRegistered() {
        assertThat(table.register(METER_GLOBAL, METER, TEN_MINUTES, 7, METER_MAC)).isEqualTo(AroStatus.SUCCESS);
        Registration registration = table.lookup(METER_GLOBAL).orElseThrow();
        assertThat(registration.address()).isEqualTo(METER_GLOBAL);
        assertThat(registration.owner()).isEqualTo(METER);
        assertThat(registration.linkLayer()).isEqualTo(METER_MAC);
        assertThat(registration.tid()).isEqualTo(7);
        assertThat(registration.expiresAtNanos()).isEqualTo(TEN_MINUTES.toNanos());
        assertThat(table.size()).isOne();
        assertThat(table.counters()).containsEntry("registered", 1L);
        assertThat(events).containsExactly("+" + registration);
    }

    @Test
    void anAddressHeldByAnotherOwnerIsADuplicateAndNothingChanges() {
        table.register(METER_GLOBAL, METER, TEN_MINUTES, 7, METER_MAC);
        Registration before = table.lookup(METER_GLOBAL).orElseThrow();
        scheduler.runFor(Duration.ofMinutes(1));
        assertThat(table.register(METER_GLOBAL, OTHER, Duration.ofMinutes(60), 8, ShortAddress.of(2)))
                .isEqualTo(AroStatus.DUPLICATE_ADDRESS);
        assertThat(table.lookup(METER_GLOBAL)).contains(before);
        assertThat(table.register(METER_GLOBAL, OTHER, Duration.ZERO, 9, ShortAddress.of(2)))
                .as("nor can another owner de-register it").isEqualTo(AroStatus.DUPLICATE_ADDRESS);
        assertThat(table.lookup(METER_GLOBAL)).contains(before);
        assertThat(table.count("refused:duplicate_address")).isEqualTo(2);
        scheduler.runFor(Duration.ofMinutes(9));
        assertThat(table.lookup(METER_GLOBAL)).as("the original lifetime still applies").isEmpty();
    }

    @Test
    void aRefreshKeepsOneEntryAndRestartsTheLifetime() {
        assertThat(table.register(METER_GLOBAL, METER, TEN_MINUTES, 7, METER_MAC)).isEqualTo(AroStatus.SUCCESS);
        scheduler.runFor(Duration.ofMinutes(5));
        assertThat(table.register(METER_GLOBAL, METER, TEN_MINUTES, 7, METER_MAC)).isEqualTo(AroStatus.SUCCESS);
        assertThat(table.register(METER_GLOBAL, METER, TEN_MINUTES, 7, METER_MAC)).isEqualTo(AroStatus.SUCCESS);
        assertThat(table.size()).isOne();
        assertThat(table.registrations()).hasSize(1);
        assertThat(table.lookup(METER_GLOBAL).orElseThrow().expiresAtNanos())
                .isEqualTo(Duration.ofMinutes(15).toNanos());
        assertThat(scheduler.pending()).as("one timer, the old one cancelled").isOne();
        scheduler.runFor(Duration.ofMinutes(10).minusNanos(1));
        assertThat(table.lookup(METER_GLOBAL)).isPresent();
        scheduler.runFor(Duration.ofNanos(1));
        assertThat(table.lookup(METER_GLOBAL)).isEmpty();
        assertThat(table.counters()).containsEntry("registered", 1L).containsEntry("refreshed", 2L)
                .containsEntry("expired", 1L);
    }

    @Test
    void aRefreshTakesTheNewLinkLayerAddressAndTid() {
        table.register(METER_GLOBAL, METER, TEN_MINUTES, 7, METER_MAC);
        table.register(METER_GLOBAL, METER, TEN_MINUTES, 8, ShortAddress.of(0x0042));
        Registration registration = table.lookup(METER_GLOBAL).orElseThrow();
        assertThat(registration.linkLayer()).isEqualTo(ShortAddress.of(0x0042));
        assertThat(registration.tid()).isEqualTo(8);
    }

    @Test
    void registrationsExpire() {
        table.register(METER_GLOBAL, METER, TEN_MINUTES, RegistrationTable.NO_TID, METER_MAC);
        table.register(METER_LL, METER, Duration.ofMinutes(20), RegistrationTable.NO_TID, METER_MAC);
        scheduler.runFor(TEN_MINUTES);
        assertThat(table.lookup(METER_GLOBAL)).isEmpty();
        assertThat(table.lookup(METER_LL)).isPresent();
        scheduler.runFor(TEN_MINUTES);
        assertThat(table.size()).isZero();
        assertThat(table.count("expired")).isEqualTo(2);
        assertThat(events).contains("-2001:db8:1:2:212:4b00:0:1 EXPIRED", "-fe80::212:4b00:0:1 EXPIRED");
    }

    @Test
    void aZeroLifetimeDeregisters() {
        table.register(METER_GLOBAL, METER, TEN_MINUTES, 7, METER_MAC);
        assertThat(table.register(METER_GLOBAL, METER, Duration.ZERO, 8, METER_MAC)).isEqualTo(AroStatus.SUCCESS);
        assertThat(table.lookup(METER_GLOBAL)).isEmpty();
        assertThat(scheduler.pending()).isZero();
        assertThat(events).last().isEqualTo("-2001:db8:1:2:212:4b00:0:1 DEREGISTERED");
        assertThat(table.register(METER_GLOBAL, METER, Duration.ZERO, 9, METER_MAC))
                .as("de-registering what is not there").isEqualTo(AroStatus.SUCCESS);
        assertThat(table.count("deregistered")).isOne();
    }

    @Test
    void aFullTableRefusesNewAddressesButStillRefreshes() {
        table = table(3);
        for (int i = 1; i <= 3; i++) {
            assertThat(table.register(address(i), METER, TEN_MINUTES, RegistrationTable.NO_TID, METER_MAC))
                    .isEqualTo(AroStatus.SUCCESS);
        }
        assertThat(table.register(address(4), OTHER, TEN_MINUTES, RegistrationTable.NO_TID, METER_MAC))
                .isEqualTo(AroStatus.NEIGHBOR_CACHE_FULL);
        assertThat(table.lookup(address(4))).isEmpty();
        assertThat(table.register(address(2), METER, Duration.ofMinutes(30), RegistrationTable.NO_TID, METER_MAC))
                .isEqualTo(AroStatus.SUCCESS);
        assertThat(table.size()).isEqualTo(3);
        scheduler.runFor(TEN_MINUTES);
        assertThat(table.register(address(4), OTHER, TEN_MINUTES, RegistrationTable.NO_TID, METER_MAC))
                .as("room again after expiry").isEqualTo(AroStatus.SUCCESS);
        assertThat(table.count("refused:neighbor_cache_full")).isOne();
    }

    @Test
    void oneOwnerMayRegisterSeveralAddresses() {
        table.register(METER_LL, METER, TEN_MINUTES, 1, METER_MAC);
        table.register(METER_GLOBAL, METER, TEN_MINUTES, 1, METER_MAC);
        table.register(METER_LL, METER, Duration.ZERO, 2, METER_MAC);
        assertThat(table.lookup(METER_GLOBAL)).isPresent();
        assertThat(table.lookup(METER_LL)).isEmpty();
    }

    @Test
    void anOlderTidIsNotTheFreshestRegistration() {
        table.register(METER_GLOBAL, METER, TEN_MINUTES, 10, METER_MAC);
        assertThat(table.register(METER_GLOBAL, METER, Duration.ofMinutes(60), 9, METER_MAC))
                .isEqualTo(AroStatus.MOVED);
        assertThat(table.register(METER_GLOBAL, METER, Duration.ZERO, 9, METER_MAC)).isEqualTo(AroStatus.MOVED);
        assertThat(table.lookup(METER_GLOBAL).orElseThrow().tid()).isEqualTo(10);
        assertThat(table.register(METER_GLOBAL, METER, TEN_MINUTES, 10, METER_MAC)).as("same TID")
                .isEqualTo(AroStatus.SUCCESS);
        assertThat(table.register(METER_GLOBAL, METER, TEN_MINUTES, 11, METER_MAC)).isEqualTo(AroStatus.SUCCESS);
        assertThat(table.register(METER_GLOBAL, METER, TEN_MINUTES, RegistrationTable.NO_TID, METER_MAC))
                .as("without a TID there is nothing to compare").isEqualTo(AroStatus.SUCCESS);
        assertThat(table.count("refused:moved")).isEqualTo(2);
    }

    @Test
    void tidsCompareAsLollipopCounters() {
        // Circular region 0..127: serial arithmetic, wrapping from 127 to 0.
        assertThat(RegistrationTable.compareTid(11, 10)).isPositive();
        assertThat(RegistrationTable.compareTid(10, 11)).isNegative();
        assertThat(RegistrationTable.compareTid(0, 127)).isPositive();
        assertThat(RegistrationTable.compareTid(127, 0)).isNegative();
        assertThat(RegistrationTable.compareTid(26, 10)).isPositive();
        assertThat(RegistrationTable.compareTid(27, 10)).as("beyond the window: not comparable").isZero();
        // Straight part 128..255.
        assertThat(RegistrationTable.compareTid(200, 190)).isPositive();
        assertThat(RegistrationTable.compareTid(250, 128)).isZero();
        // Across: RFC 6550 7.2, A in 128..255, B in 0..127: A > B if 256 + B - A > SEQUENCE_WINDOW.
        assertThat(RegistrationTable.compareTid(250, 2)).as("2 is just after the lollipop's stick").isNegative();
        assertThat(RegistrationTable.compareTid(2, 250)).isPositive();
        assertThat(RegistrationTable.compareTid(128, 100)).as("a restarted node").isPositive();
        assertThat(RegistrationTable.compareTid(100, 128)).isNegative();
    }

    @Test
    void theRfc6775FormTakesMinutesAndTheEui64AsLinkLayerAddress() {
        assertThat(table.register(METER_LL, METER_EUI64, 2, RegistrationTable.NO_TID)).isEqualTo(AroStatus.SUCCESS);
        assertThat(table.lookup(METER_LL).orElseThrow().linkLayer()).isEqualTo(METER_MAC);
        scheduler.runFor(Duration.ofMinutes(2));
        assertThat(table.size()).isZero();
    }

    @Test
    void limits() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RegistrationTable(scheduler, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> table.register(new byte[4], METER, TEN_MINUTES, 1,
                METER_MAC));
        assertThatIllegalArgumentException().isThrownBy(() -> table.register(METER_LL, METER, TEN_MINUTES, 256,
                METER_MAC));
        assertThatIllegalArgumentException().isThrownBy(() -> table.register(METER_LL, METER, Duration.ofSeconds(-1),
                1, METER_MAC));
    }

    static byte[] address(int i) {
        return Ipv6Packets.address("2001 db8 1 2 0 0 0 " + Integer.toHexString(i));
    }
}
