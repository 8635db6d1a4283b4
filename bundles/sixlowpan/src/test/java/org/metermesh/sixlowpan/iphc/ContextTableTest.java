package org.metermesh.sixlowpan.iphc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.sixlowpan.iphc.ContextTable.Context;

/** The 16 RFC 6282 contexts as configuration and 6LoWPAN-ND (RFC 6775 6CO) maintain them. */
class ContextTableTest {

    static final Ipv6Prefix MESH = Ipv6Prefix.parse("fd00:0:0:1::/64");
    static final Ipv6Prefix WIDE = Ipv6Prefix.parse("fd00::/16");

    @Test
    void setLookupRemove() {
        ContextTable t = new ContextTable().set(0, MESH).set(15, WIDE, false);
        assertThat(t.lookup(0)).hasValue(new Context(0, MESH, true));
        assertThat(t.lookup(15)).hasValue(new Context(15, WIDE, false));
        assertThat(t.lookup(1)).isEmpty();
        assertThat(t.lookup(Ipv6Prefix.parse("fd00:0:0:1::/64"))).hasValue(new Context(0, MESH, true));
        assertThat(t.lookup(Ipv6Prefix.parse("fd00:0:0:1::/63"))).isEmpty();
        assertThat(t.contexts()).extracting(Context::id).containsExactly(0, 15);
        assertThat(t.remove(0)).isTrue();
        assertThat(t.remove(0)).isFalse();
        assertThat(t.lookup(0)).isEmpty();
        t.set(15, MESH);   // replaced, e.g. by a newer 6CO
        assertThat(t.lookup(15)).hasValue(new Context(15, MESH, true));
        t.clear();
        assertThat(t.contexts()).isEmpty();
    }

    @Test
    void longestMatchUsesOnlyCompressionContexts() {
        ContextTable t = new ContextTable().set(3, WIDE).set(7, MESH, false);
        Ipv6Address meter = Ipv6Address.parse("fd00:0:0:1::42");
        assertThat(t.longestMatch(meter)).map(Context::id).hasValue(3);
        t.set(7, MESH, true);
        assertThat(t.longestMatch(meter)).map(Context::id).hasValue(7);
        assertThat(t.longestMatch(Ipv6Address.parse("2001:db8::1"))).isEmpty();
    }

    @Test
    void idsOutsideZeroToFifteenAreRefused() {
        ContextTable t = new ContextTable();
        assertThatThrownBy(() -> t.set(16, MESH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.set(-1, MESH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.lookup(16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.remove(99)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSnapshotIsNotChangedByLaterUpdates() {
        ContextTable t = new ContextTable().set(0, MESH);
        Context[] before = t.snapshot();
        t.set(0, WIDE).set(1, MESH);
        assertThat(before[0].prefix()).isEqualTo(MESH);
        assertThat(before[1]).isNull();
        assertThat(t.snapshot()[0].prefix()).isEqualTo(WIDE);
    }
}
