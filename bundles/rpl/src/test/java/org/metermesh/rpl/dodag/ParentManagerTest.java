package org.metermesh.rpl.dodag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.rpl.of.Etx;
import org.metermesh.rpl.of.Mrhof;
import org.metermesh.rpl.of.ObjectiveFunction;
import org.metermesh.rpl.of.ParentSet;
import org.metermesh.rpl.of.Rank;

/**
 * Parent selection as the node runs it: a selection that still holds is reused, and reusing it must never give
 * another answer than selecting afresh from the same candidates would.
 */
class ParentManagerTest {

    private static final ObjectiveFunction MRHOF = Mrhof.meterMeshDefaults();
    private static final int HOP = MRHOF.minHopRankIncrease();

    private final ParentManager manager = new ParentManager();

    @Test
    void aCostlierNeighbourLeavesTheFullSetAsItIs() {
        ParentSet<MacAddress> set = settle(Map.of(1, 512, 2, 512, 3, 512), 128);
        hear(4, 1024, Etx.ONE);

        ParentSet<MacAddress> again = select().set();

        assertThat(again).isEqualTo(set);
        assertThat(again.parents()).doesNotContain(MeshHarness.mac(4));
    }

    @Test
    void aCheaperPathIsTakenAfterASettledSelection() {
        settle(Map.of(1, 512, 2, 512, 3, 512), 128);
        hear(4, 2 * HOP, Etx.ONE); // 256 cheaper than the preferred parent: past the switch threshold

        assertThat(select().set().preferred()).contains(MeshHarness.mac(4));
    }

    @Test
    void aWorseLinkToThePreferredParentIsSeenAfterASettledSelection() {
        settle(Map.of(1, 512, 2, 512, 3, 512), 128);
        manager.etxChanged(MeshHarness.mac(1), 4 * Etx.ONE);

        assertThat(select().set().preferred()).isNotEqualTo(Optional.of(MeshHarness.mac(1)));
    }

    @Test
    void aParentThatLeavesTheTableLeavesTheSet() {
        settle(Map.of(1, 512, 2, 512, 3, 512, 4, 576), 128);
        manager.remove(MeshHarness.mac(2));

        assertThat(select().set().parents()).doesNotContain(MeshHarness.mac(2)).contains(MeshHarness.mac(4));
    }

    @Test
    void reusedSelectionsAgreeWithFreshOnesOverRandomHistories() {
        Random random = new Random(7);
        Map<Integer, int[]> model = new LinkedHashMap<>(); // id -> {rank, etx}, in first-heard order
        for (int step = 0; step < 100_000; step++) {
            int id = 1 + random.nextInt(8);
            int op = random.nextInt(12);
            if (op < 6) {
                int rank = random.nextInt(12) == 0 ? Rank.INFINITE_RANK : HOP * (2 + random.nextInt(8));
                int etx = Etx.ONE + random.nextInt(3 * Etx.ONE);
                hear(id, rank, etx);
                model.put(id, new int[] {rank, etx});
            } else if (op < 9) {
                int etx = Etx.ONE + random.nextInt(3 * Etx.ONE);
                manager.etxChanged(MeshHarness.mac(id), etx);
                if (model.containsKey(id)) {
                    model.get(id)[1] = etx;
                }
            } else if (op < 10) {
                manager.remove(MeshHarness.mac(id));
                model.remove(id);
            } // else nothing changes: only the arguments may
            int lowest = step / 500 % 2 == 0 ? Rank.INFINITE_RANK : 5 * HOP; // L holds for a while, as it does
            int advertised = step / 700 % 2 == 0 ? Rank.INFINITE_RANK : 3 * HOP; // and so does the advertised Rank
            ParentManager.Selection reused = manager.select(MRHOF, lowest, advertised, m -> true);
            ParentManager.Selection fresh = fresh(model, manager.parents()).select(MRHOF, lowest, advertised,
                    m -> true);

            assertThat(reused).as("step %d", step).isEqualTo(fresh);
            manager.setParents(reused.set());
        }
    }

    /** A manager that never selected before, holding the same candidates in the same order and parents. */
    private static ParentManager fresh(Map<Integer, int[]> model, ParentSet<MacAddress> parents) {
        ParentManager m = new ParentManager();
        model.forEach((id, v) -> m.heard(MeshHarness.mac(id), MeshHarness.linkLocal(id), v[0], 0, v[1]));
        m.setParents(parents);
        return m;
    }

    /** Hears the given neighbours (id to Rank, all over links of {@code etx}) and selects until the set holds. */
    private ParentSet<MacAddress> settle(Map<Integer, Integer> ranks, int etx) {
        new TreeMap<>(ranks).forEach((id, rank) -> hear(id, rank, etx));
        ParentSet<MacAddress> first = select().set();
        manager.setParents(first);
        ParentSet<MacAddress> second = select().set();
        manager.setParents(second);
        assertThat(second).isEqualTo(first);
        return second;
    }

    private void hear(int id, int rank, int etx) {
        manager.heard(MeshHarness.mac(id), MeshHarness.linkLocal(id), rank, 0, etx);
    }

    private ParentManager.Selection select() {
        ParentManager.Selection selection = manager.select(MRHOF, Rank.INFINITE_RANK, Rank.INFINITE_RANK,
                m -> true);
        manager.setParents(selection.set());
        return selection;
    }
}
