package org.metermesh.sixlowpan.nd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.sixlowpan.iphc.ContextTable;
import org.junit.jupiter.api.Test;

class ContextLearnerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler(1);
    private final ContextTable table = new ContextTable();
    private final ContextLearner learner = new ContextLearner(scheduler, table);

    @Test
    void advertisedContextsAreUsedWithTheirCompressionFlag() {
        learner.learn(advertisement(context(0, "fd00:cafe::", 64, true, 10), context(3, "2001:db8:1::", 48, false, 10)));

        assertThat(table.lookup(0)).hasValueSatisfying(c -> {
            assertThat(c.prefix()).isEqualTo(Ipv6Prefix.parse("fd00:cafe::/64"));
            assertThat(c.compression()).isTrue();
        });
        assertThat(table.lookup(3)).hasValueSatisfying(c -> assertThat(c.compression()).isFalse());
    }

    @Test
    void aContextLapsesAfterItsValidLifetimeUnlessReadvertised() {
        learner.learn(advertisement(context(0, "fd00:cafe::", 64, true, 10), context(1, "fd00:beef::", 64, true, 10)));

        scheduler.runFor(Duration.ofMinutes(6));
        learner.learn(advertisement(context(1, "fd00:beef::", 64, true, 10)));
        scheduler.runFor(Duration.ofMinutes(5));

        assertThat(table.lookup(0)).as("lapsed after 10 minutes").isEmpty();
        assertThat(table.lookup(1)).as("refreshed at 6 minutes, good until 16").isPresent();
    }

    @Test
    void aValidLifetimeOfZeroWithdrawsTheContext() {
        learner.learn(advertisement(context(2, "fd00:cafe::", 64, true, 10)));
        learner.learn(advertisement(context(2, "fd00:cafe::", 64, true, 0)));

        assertThat(table.lookup(2)).isEmpty();
        scheduler.runFor(Duration.ofMinutes(20)); // the first lifetime's expiry must not fire on anything later
        assertThat(table.contexts()).isEmpty();
    }

    private static NdMessage.RouterAdvertisement advertisement(NdOption... contexts) {
        return new NdMessage.RouterAdvertisement(64, false, false, 1800, 0, 0, List.of(contexts));
    }

    private static NdOption.SixLowpanContext context(int cid, String prefix, int length, boolean compression,
            int minutes) {
        return new NdOption.SixLowpanContext(length, compression, cid, minutes, Ipv6Address.parse(prefix).toBytes());
    }
}
