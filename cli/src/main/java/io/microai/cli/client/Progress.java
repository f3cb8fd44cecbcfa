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
        timer.scheduleAtFixedRate(this::draw, 200, terminal ? 200 : 5000, TimeUnit.MILLISECONDS);
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
        String bar = "";
        if (target > 0) {
            int width = 30;
            int filled = (int) Math.min(width, done * width / target);
            bar = "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + target + " ";
        } else {
            bar = done + " flows ";
        }
        String line = String.format("%s%.0f req/s %s", bar, stats.requests() / Math.max(seconds, 1e-3), stats.statuses());
        if (terminal) {
            err.print("\r" + line + "\033[K");
        } else {
            err.println(line);
        }
        err.flush();
    }
}
