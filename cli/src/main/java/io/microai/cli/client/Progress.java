package io.microai.cli.client;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live progress line of {@code microai load}, on stderr: redrawn in place on a terminal, a line
 * every few seconds otherwise (logs, CI), never mixed into stdout's summary.
 */
final class Progress {
    /** The target of a run bounded by time, not by a count: no bar, only the count so far. */
    static final long NO_TARGET = -1;
    /** Five redraws a second look live without costing the run anything. */
    private static final long TERMINAL_REFRESH_MS = 200;
    /** A log gets a line every five seconds: a trace of the run without flooding it. */
    private static final long LOG_REFRESH_MS = 5000;
    /** Characters of the bar: fits an 80-column terminal beside the counts. */
    private static final int BAR_WIDTH = 30;
    /** Keeps the first rate finite when the first draw comes within a millisecond of the start. */
    private static final double MIN_SECONDS = 1e-3;

    private final LoadStats stats;
    private final long target;
    private final PrintWriter err;
    private final boolean enabled;
    private final boolean terminal = System.console() != null;
    private final long started = System.nanoTime();
    private ScheduledExecutorService timer;

    Progress(LoadStats stats, long target, PrintWriter err, boolean enabled) {
        this.stats = stats;
        this.target = target;
        this.err = err;
        this.enabled = enabled;
    }

    void start() {
        if (!enabled) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::draw, TERMINAL_REFRESH_MS, terminal ? TERMINAL_REFRESH_MS : LOG_REFRESH_MS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (timer != null) {
            timer.shutdownNow();
            draw();
            if (terminal) {
                err.println();
            }
            err.flush();
        }
    }

    private void draw() {
        long done = stats.flows();
        double seconds = (System.nanoTime() - started) / 1e9;
        String bar;
        if (target > 0) {
            int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / target);
            bar = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + done + "/" + target + " ";
        } else {
            bar = done + " flows ";
        }
        String line = String.format("%s%.0f req/s %s", bar, stats.requests() / Math.max(seconds, MIN_SECONDS), stats.statuses());
        if (terminal) {
            err.print("\r" + line + "\033[K");
        } else {
            err.println(line);
        }
        err.flush();
    }
}
