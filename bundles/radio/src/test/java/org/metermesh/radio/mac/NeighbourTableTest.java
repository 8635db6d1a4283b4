package org.metermesh.radio.mac;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.NeighbourLink;
import org.metermesh.api.radio.ShortAddress;

class NeighbourTableTest {

    private static final MacAddress A = ExtendedAddress.of(0x02004d6d00000001L);
    private static final MacAddress B = ExtendedAddress.of(0x02004d6d00000002L);
    private static final MacAddress C = ExtendedAddress.of(0x02004d6d00000003L);
    private static final MacAddress D = ExtendedAddress.of(0x02004d6d00000004L);

    @Test
    void hearingAgainUpdatesTheEntryInPlace() {
        NeighbourTable table = new NeighbourTable(4);
        table.heard(A, -80, 200, 10);
        table.heard(A, -72, 120, 20);
        table.transmitted(A, true);
        table.transmitted(A, false);
        table.transmitted(B, true); // never heard: nothing recorded

        assertThat(table.snapshot()).singleElement().satisfies(link -> {
            assertThat(link.address()).isEqualTo(A);
            assertThat(link.lastRssiDbm()).isEqualTo(-72);
            assertThat(link.meanRssiDbm()).isEqualTo(-79.0);  // -80 + (-72 - -80) / 8
            assertThat(link.meanLqi()).isEqualTo(190.0);       // 200 + (120 - 200) / 8
            assertThat(link.lastHeardNanos()).isEqualTo(20);
            assertThat(link.framesHeard()).isEqualTo(2);
            assertThat(link.acked()).isEqualTo(1);
            assertThat(link.unacked()).isEqualTo(1);
        });
    }

    @Test
    void theNeighbourHeardOrSentToLeastRecentlyMakesRoom() {
        NeighbourTable table = new NeighbourTable(3);
        table.heard(A, -80, 200, 1);
        table.heard(B, -80, 200, 2);
        table.heard(C, -80, 200, 3);
        table.heard(A, -80, 200, 4);      // A is fresh again: B is the least recently used
        table.transmitted(B, true);       // sending to B counts as use too: C is now
        table.heard(D, -80, 200, 5);

        assertThat(table.snapshot()).extracting(NeighbourLink::address).containsExactly(A, B, D);
        table.heard(C, -80, 200, 6);      // back as a newcomer, in place of A
        assertThat(table.snapshot()).extracting(NeighbourLink::address).containsExactly(B, D, C);
        assertThat(table.snapshot()).last().extracting(NeighbourLink::framesHeard).isEqualTo(1L);
    }

    @Test
    void aShortAddressAndAnEui64WithTheSameBitsAreTwoNeighbours() {
        NeighbourTable table = new NeighbourTable(4);
        MacAddress shortOne = ShortAddress.of(0x0002);
        MacAddress longOne = ExtendedAddress.of(0x0002);
        table.heard(shortOne, -80, 200, 1);
        table.heard(longOne, -60, 200, 2);
        table.heard(shortOne, -70, 200, 3);

        assertThat(table.snapshot()).extracting(NeighbourLink::address).containsExactly(longOne, shortOne);
        assertThat(table.snapshot()).extracting(NeighbourLink::framesHeard).containsExactly(1L, 2L);
    }

    @Test
    void aTableWithoutRoomKeepsNothing() {
        NeighbourTable table = new NeighbourTable(0);
        table.heard(A, -80, 200, 1);
        table.transmitted(A, true);
        assertThat(table.snapshot()).isEmpty();
    }
}
