package io.microai.gateway.ai;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds one streamed response in time: an idle limit on each blocking read and a total deadline for the
 * whole body. When either passes it closes the body, which is the only way to wake a thread blocked in
 * {@code read()}; the reader then asks {@link #expired()} why its read failed.
 *
 * <p>Idle time counts only while the reader waits in {@code read()}: time the reader spends handing a
 * chunk on (for instance to a slow client) is not the upstream's silence. Timers run on a shared
 * scheduler and are cancelled by {@link #close()}, so a finished stream leaves nothing queued.
 */
final class StreamWatchdog implements AutoCloseable {

    /** Why the watchdog closed the body. */
    enum Expiry {
        IDLE, TOTAL
    }

    private final ScheduledExecutorService timers;
    private final Closeable body;
    private final long idleNanos;
    private volatile long readingSince;
    private volatile boolean reading;
    private volatile Expiry expired;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> totalTimer;
    private boolean closed;

    private StreamWatchdog(ScheduledExecutorService timers, Closeable body, Duration idle) {
        this.timers = timers;
        this.body = body;
        this.idleNanos = idle.toNanos();
    }

    /** Starts watching {@code body}: at most {@code idle} per read, at most {@code remaining} in all. */
    static StreamWatchdog start(ScheduledExecutorService timers, Closeable body, Duration idle, Duration remaining) {
        StreamWatchdog watchdog = new StreamWatchdog(timers, body, idle);
        synchronized (watchdog) {
            watchdog.totalTimer = timers.schedule(() -> watchdog.expire(Expiry.TOTAL),
                    Math.max(0, remaining.toNanos()), TimeUnit.NANOSECONDS);
            watchdog.idleTimer = timers.schedule(watchdog::checkIdle, watchdog.idleNanos, TimeUnit.NANOSECONDS);
        }
        return watchdog;
    }

    /** Call right before a blocking read. */
    void beforeRead() {
        readingSince = System.nanoTime();
        reading = true;
    }

    /** Call right after a read returned or failed. */
    void afterRead() {
        reading = false;
    }

    /** Which limit closed the body, or null while none has. */
    Expiry expired() {
        return expired;
    }

    /** Cancels both timers; the body is the caller's to close. */
    @Override
    public synchronized void close() {
        closed = true;
        idleTimer.cancel(false);
        totalTimer.cancel(false);
    }

    private void checkIdle() {
        long wait = idleNanos;
        if (reading) {
            long quiet = System.nanoTime() - readingSince;
            if (quiet >= idleNanos) {
                expire(Expiry.IDLE);
                return;
            }
            wait = idleNanos - quiet;
        }
        synchronized (this) {
            if (!closed) {
                idleTimer = timers.schedule(this::checkIdle, wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void expire(Expiry why) {
        synchronized (this) {
            if (closed || expired != null) {
                return;
            }
            expired = why;
        }
        try {
            body.close();
        } catch (IOException ignored) {
            // the reader sees the failed read and reports the expiry; a close error adds nothing
        }
    }
}
