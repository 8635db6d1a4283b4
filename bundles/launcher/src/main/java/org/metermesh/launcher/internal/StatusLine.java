package org.metermesh.launcher.internal;

import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.TreeMap;

import org.metermesh.api.status.StatusContributor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The running gateway's one status line, {@code meters joined 143/200 [#########.....] | published 1234 | queue 0},
 * from the figures every {@link StatusContributor} service reports (summed by name). On a terminal the line is
 * redrawn in place every second; into a file or pipe a plain line is written when it changed, at most every
 * {@value #PLAIN_EVERY_SECONDS} s, so logs stay readable. Parts nobody reports are left out.
 */
final class StatusLine implements Runnable {

    static final int BAR_WIDTH = 30;
    private static final long TERMINAL_EVERY_MILLIS = 1_000;
    private static final long PLAIN_EVERY_SECONDS = 10;

    private static final Logger LOG = System.getLogger(StatusLine.class.getName());

    private final BundleContext context;
    private final PrintStream out;
    private final boolean terminal;

    StatusLine(BundleContext context, PrintStream out, boolean terminal) {
        this.context = context;
        this.out = out;
        this.terminal = terminal;
    }

    /** Refreshes until the thread is interrupted (the launcher stops) or the framework goes away. */
    @Override
    public void run() {
        String last = null;
        long period = terminal ? TERMINAL_EVERY_MILLIS : PLAIN_EVERY_SECONDS * 1000;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String line = render(figures());
                if (line != null && !line.equals(last)) {
                    out.print(terminal ? "\r" + line + "\u001b[K" : line + System.lineSeparator());
                    out.flush();
                    last = line;
                }
                Thread.sleep(period);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            LOG.log(Level.DEBUG, "the framework is stopping: status line ends", e); // our bundle context went invalid
        }
        if (terminal && last != null) {
            out.println();
        }
    }

    /** Every contributor's figures, summed by name; a contributor that fails is skipped this time. */
    Map<String, Long> figures() {
        Map<String, Long> sums = new TreeMap<>();
        ServiceReference<?>[] references;
        try {
            references = context.getServiceReferences(StatusContributor.class.getName(), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (references == null) {
            return sums;
        }
        for (ServiceReference<?> reference : references) {
            Object service = context.getService(reference);
            if (!(service instanceof StatusContributor contributor)) {
                continue;
            }
            try {
                contributor.status().forEach((name, value) -> sums.merge(name, value, Long::sum));
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "status contributor " + contributor + " failed: " + e);
            } finally {
                context.ungetService(reference);
            }
        }
        return sums;
    }

    /**
     * @return the line for these figures, or null when there is nothing to show: joined meters are the routes the
     *         gateway's DODAG root holds, or (without an RPL root) the simulated meters with a parent
     */
    static String render(Map<String, Long> figures) {
        Long joined = figures.getOrDefault(StatusContributor.METERS_ROUTED,
                figures.get(StatusContributor.METERS_ATTACHED));
        Long total = figures.get(StatusContributor.METERS_TOTAL);
        StringBuilder line = new StringBuilder();
        if (joined != null) {
            line.append("meters joined ").append(joined);
            if (total != null) {
                long shown = Math.min(joined, total);
                int filled = total == 0 ? BAR_WIDTH : (int) (shown * BAR_WIDTH / total);
                line.append('/').append(total).append(" [").append("#".repeat(filled))
                        .append(".".repeat(BAR_WIDTH - filled)).append(']');
            }
        }
        append(line, "published", figures.get(StatusContributor.PUBLISHED));
        append(line, "queue", figures.get(StatusContributor.QUEUE));
        return line.isEmpty() ? null : line.toString();
    }

    private static void append(StringBuilder line, String name, Long value) {
        if (value == null) {
            return;
        }
        if (!line.isEmpty()) {
            line.append(" | ");
        }
        line.append(name).append(' ').append(value);
    }
}
