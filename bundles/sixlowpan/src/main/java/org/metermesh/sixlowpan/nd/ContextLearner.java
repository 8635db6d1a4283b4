package org.metermesh.sixlowpan.nd;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.sixlowpan.iphc.ContextTable;

/**
 * A meter's side of context distribution (RFC 6775 4.2 and 7.2): the 6LoWPAN Context Options of every Router
 * Advertisement go into the header compression table, each for its valid lifetime. The C flag decides whether a
 * context may be used to compress or only to decompress; a valid lifetime of 0 withdraws it.
 */
public final class ContextLearner {

    private final Scheduler scheduler;
    private final ContextTable table;
    private final Map<Integer, Cancellable> expiries = new HashMap<>();

    public ContextLearner(Scheduler scheduler, ContextTable table) {
        this.scheduler = scheduler;
        this.table = table;
    }

    public void learn(NdMessage.RouterAdvertisement advertisement) {
        for (NdOption option : advertisement.options()) {
            if (option instanceof NdOption.SixLowpanContext context) {
                learn(context);
            }
        }
    }

    private void learn(NdOption.SixLowpanContext context) {
        int cid = context.cid();
        Cancellable previous = expiries.remove(cid);
        if (previous != null) {
            previous.cancel();
        }
        if (context.validLifetimeMinutes() == 0) {
            table.remove(cid);
            return;
        }
        table.set(cid, Ipv6Prefix.of(Ipv6Address.of(context.prefix()), context.contextLength()),
                context.compression());
        expiries.put(cid, scheduler.schedule(Duration.ofMinutes(context.validLifetimeMinutes()), () -> {
            expiries.remove(cid);
            table.remove(cid);
        }));
    }
}
