package org.metermesh.telemetry.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageClassTest {

    @Test
    void categoriesFollowSeed003() {
        assertThat(MessageClass.CONTROL.category()).isEqualTo(MessageClass.Category.OPERATION);
        assertThat(MessageClass.REQUEST.category()).isEqualTo(MessageClass.Category.OPERATION);
        assertThat(MessageClass.BILLING.category()).isEqualTo(MessageClass.Category.NON_OPERATION);
        assertThat(MessageClass.USAGE.category()).isEqualTo(MessageClass.Category.NON_OPERATION);
        assertThat(MessageClass.WARNING.category()).isEqualTo(MessageClass.Category.ASYNCHRONOUS_EVENT);
    }

    @Test
    void onlyUsageMayBeLost() {
        assertThat(Arrays.stream(MessageClass.values()).filter(c -> !c.mustNotBeLost()))
                .containsExactly(MessageClass.USAGE);
    }

    @Test
    void warningsArePublishedFirstAndUsageLast() {
        List<MessageClass> sorted = Arrays.stream(MessageClass.values()).sorted(MessageClass.BY_PUBLISH_PRIORITY)
                .toList();
        assertThat(sorted.get(0)).isEqualTo(MessageClass.WARNING);
        assertThat(sorted.subList(1, 3)).containsExactlyInAnyOrder(MessageClass.CONTROL, MessageClass.REQUEST);
        assertThat(sorted.subList(3, 5)).containsExactly(MessageClass.BILLING, MessageClass.USAGE);
    }

    @Test
    void wireCodesAreDistinctAndRoundTrip() {
        for (MessageClass c : MessageClass.values()) {
            assertThat(MessageClass.ofCode(c.code())).isEqualTo(c);
        }
        assertThat(MessageClass.ofCode(0)).isNull();
    }
}
