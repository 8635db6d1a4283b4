package org.metermesh.sim;

import java.io.PrintStream;

/**
 * "meters joined 734/1000 [##############......]  73 %  sim 00:04:10". On a terminal it redraws one line; into a
 * file or pipe it writes a line at most every few seconds of wall time, so logs stay readable.
 */
class ProgressBar {

    private static final int WIDTH = 30;
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    /** Shows nothing: for tests and embedded runs. */
    static final ProgressBar SILENT = new ProgressBar(null, false) {
        @Override
        void show(int joined, int total, long simNanos, boolean last) {
        }
    };

    private final PrintStream out;
    private final boolean terminal;
    private long lastLogged = Long.MIN_VALUE;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(int joined, int total, long simNanos, boolean last) {
        long now = System.nanoTime();
        // The first line always goes out (now - Long.MIN_VALUE would overflow and hold every line back).
        if (!terminal && !last && lastLogged != Long.MIN_VALUE && now - lastLogged < LOG_EVERY_NANOS) {
            return;
        }
        lastLogged = now;
        String line = line(joined, total, simNanos);
        if (terminal) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String line(int joined, int total, long simNanos) {
        int filled = total == 0 ? WIDTH : (int) ((long) joined * WIDTH / total);
        int percent = total == 0 ? 100 : (int) ((long) joined * 100 / total);
        return String.format("meters joined %d/%d [%s%s] %3d %%  sim %s", joined, total, "#".repeat(filled),
                ".".repeat(WIDTH - filled), percent, DurationText.format(simNanos));
    }
}
