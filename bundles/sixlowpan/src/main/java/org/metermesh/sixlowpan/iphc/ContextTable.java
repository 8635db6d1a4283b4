package org.metermesh.sixlowpan.iphc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Prefix;

/**
 * The 16 compression contexts of RFC 6282 section 3.1.2 (Context Identifier 0-15; context 0 is the default one used
 * when the CID bit is 0). Contexts are configured, and 6LoWPAN-ND updates them from the 6LoWPAN Context Option
 * (RFC 6775 section 4.2), whose C flag says whether a context may be used for compression; a context that may not is
 * still used to decompress.
 *
 * <p>Copy-on-write: readers (the codec) always see a consistent table, and an update from the ND core never blocks
 * or tears a compression in progress.
 */
public final class ContextTable {

    /** Context identifiers 0-15 (RFC 6282 section 3.1.2: 4-bit SCI and DCI). */
    public static final int SIZE = 16;

    /**
     * One context.
     *
     * @param id          0-15
     * @param prefix      the prefix, of any length 0-128 (RFC 6282 3.1.1: bits covered by the context are used)
     * @param compression whether the compressor may use it (the 6CO C flag); decompression always may
     */
    public record Context(int id, Ipv6Prefix prefix, boolean compression) {
        public Context {
            checkId(id);
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    private volatile Context[] entries = new Context[SIZE];

    /** Adds or replaces context {@code id}, valid for compression. */
    public ContextTable set(int id, Ipv6Prefix prefix) {
        return set(id, prefix, true);
    }

    /** Adds or replaces context {@code id}. */
    public synchronized ContextTable set(int id, Ipv6Prefix prefix, boolean compression) {
        Context c = new Context(id, prefix, compression);
        Context[] copy = entries.clone();
        copy[id] = c;
        entries = copy;
        return this;
    }

    /** Removes context {@code id}; returns whether it was present. */
    public synchronized boolean remove(int id) {
        checkId(id);
        if (entries[id] == null) {
            return false;
        }
        Context[] copy = entries.clone();
        copy[id] = null;
        entries = copy;
        return true;
    }

    public synchronized void clear() {
        entries = new Context[SIZE];
    }

    /** Context {@code id}, if configured. */
    public Optional<Context> lookup(int id) {
        checkId(id);
        return Optional.ofNullable(entries[id]);
    }

    /** The context with exactly this prefix (the lowest id if several), e.g. to find the id ND distributes it as. */
    public Optional<Context> lookup(Ipv6Prefix prefix) {
        for (Context c : entries) {
            if (c != null && c.prefix().equals(prefix)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The compression-enabled context with the longest prefix containing {@code address} (lowest id on ties). */
    public Optional<Context> longestMatch(Ipv6Address address) {
        Context best = null;
        for (Context c : entries) {
            if (c != null && c.compression() && c.prefix().contains(address)
                    && (best == null || c.prefix().length() > best.prefix().length())) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The configured contexts, ascending by id: a consistent snapshot. */
    public List<Context> contexts() {
        List<Context> out = new ArrayList<>();
        for (Context c : entries) {
            if (c != null) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /** The raw snapshot the codec works on: index = id, null = absent. */
    Context[] snapshot() {
        return entries;
    }

    private static void checkId(int id) {
        if (id < 0 || id >= SIZE) {
            throw new IllegalArgumentException("context id " + id + " is outside 0..15");
        }
    }

    @Override
    public String toString() {
        return "ContextTable" + contexts();
    }
}
