package io.microai.cli.client;

import java.io.Writer;
import java.util.concurrent.TimeUnit;

/**
 * A command's output as a terminal would see it: text written but not flushed is held back, so a test can tell
 * what the command pushed out while it was still running.
 */
final class FlushedOutput extends Writer {
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder flushed = new StringBuilder();

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
        pending.append(chars, offset, length);
    }

    @Override
    public synchronized void flush() {
        flushed.append(pending);
        pending.setLength(0);
        notifyAll();
    }

    @Override
    public void close() {
        flush();
    }

    /** Waits, at most {@code seconds}, until the flushed output contains {@code text}; whether it did. */
    synchronized boolean awaitFlushed(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (flushed.indexOf(text) < 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    synchronized String text() {
        return flushed.toString() + pending;
    }
}
