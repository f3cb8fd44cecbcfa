package io.microai.cli.client;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response stream that has delivered nothing for too long. The JDK client's timeout ends when the
 * headers arrive; a stream body can then go quiet forever, and a blocked read only returns once the stream is
 * closed from another thread.
 */
final class IdleTimeout implements AutoCloseable {
    private static final long MIN_CHECK_MILLIS = 10;

    private final Duration idle;
    private volatile long limitNanos;
    private final ScheduledExecutorService timer;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean fired;

    private IdleTimeout(Closeable stream, Duration idle) {
        this.idle = idle;
        this.limitNanos = idle.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stream-idle-timeout");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(MIN_CHECK_MILLIS, idle.toMillis() / 10);
        timer.scheduleAtFixedRate(() -> closeIfIdle(stream), period, period, TimeUnit.MILLISECONDS);
    }

    static IdleTimeout watch(Closeable stream, Duration idle) {
        return new IdleTimeout(stream, idle);
    }

    /** Bytes arrived: the quiet period starts again. */
    void progress() {
        lastProgress = System.nanoTime();
    }

    /** From now on, close the stream after {@code shorter} of quiet if that is less than the idle limit. */
    void shorten(Duration shorter) {
        limitNanos = Math.min(limitNanos, shorter.toNanos());
        progress();
    }

    /** Whether the stream was closed for being quiet, so a failed or ended read means a timeout. */
    boolean fired() {
        return fired;
    }

    Duration idle() {
        return idle;
    }

    private void closeIfIdle(Closeable stream) {
        if (fired || System.nanoTime() - lastProgress < limitNanos) {
            return;
        }
        fired = true;
        try {
            stream.close();
        } catch (IOException ignored) {
            // The reader learns of the timeout from fired(); a failure to close changes nothing for it.
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
