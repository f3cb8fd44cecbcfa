package io.microai.shared.logging;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Hands log records to one writer thread. A console handler formats and writes under its own lock, so
 * with dozens of request threads each logging an access line, the threads queue on that lock and
 * spin for it: on a 2-core machine that cost several times the work of a paid request. Here a
 * request thread only enqueues. The queue is bounded and a full queue makes the caller wait, so a
 * slow console slows requests down instead of losing lines or growing memory. {@link #close()} (run
 * by the log manager at exit) writes every queued record before it returns.
 */
final class AsyncLogHandler extends Handler {
    static final int DEFAULT_CAPACITY = 8192;
    /** Tells the writer that everything before it was written and it may stop. */
    private static final LogRecord END = new LogRecord(Level.OFF, "end");

    private final Handler target;
    private final BlockingQueue<LogRecord> queue;
    private final Thread writer;
    private volatile boolean closed;

    AsyncLogHandler(Handler target, int capacity) {
        this.target = target;
        this.queue = new ArrayBlockingQueue<>(capacity);
        setLevel(target.getLevel());
        writer = new Thread(this::write, "log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    Handler target() {
        return target;
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        // The source is inferred from the calling thread's stack on first use: fix it while still on that thread.
        record.getSourceClassName();
        if (closed) {
            target.publish(record);
            return;
        }
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            target.publish(record); // an interrupted caller still gets its line, written in place
        }
    }

    private void write() {
        try {
            while (true) {
                LogRecord record = queue.take();
                if (record == END) {
                    return;
                }
                target.publish(record);
                if (queue.isEmpty()) {
                    target.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            target.flush();
        }
    }

    @Override
    public void flush() {
        target.flush();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Records that raced past the closed flag into the queue are written here, in order.
        for (LogRecord record; (record = queue.poll()) != null; ) {
            if (record != END) {
                target.publish(record);
            }
        }
        target.flush();
        target.close();
    }
}
