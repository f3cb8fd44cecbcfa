package io.microai.gateway.stream;

import io.microai.gateway.ai.AiProviderException;
import io.microai.gateway.ai.ChunkSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One provider call and the chunks it produced so far, shared by every reader of the same summary. The
 * provider appends through {@link #accept}; each reader walks the chunks from the first with its own index, so a
 * reader that joins late replays from the start and then follows live, and a slow reader falls behind alone:
 * appending never waits for a reader. The chunks are bounded by the provider's output cap. The provider is told
 * to stop (its sink answers {@code false}) once no reader is left; a flight that was stopped or failed is never
 * joined again.
 */
final class StreamFlight implements ChunkSink {
    private enum State { RUNNING, COMPLETED, FAILED, ABANDONED }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<String> chunks = new ArrayList<>();
    private final long maxBytes;
    private long bytes;
    private State state = State.RUNNING;
    private AiProviderException failure;
    private int readers;

    /** @param maxBytes the provider's output cap, in UTF-8 bytes of summary text */
    StreamFlight(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Adds a reader; false once the flight was stopped or failed (a new one must be started). */
    boolean join() {
        lock.lock();
        try {
            if (state == State.FAILED || state == State.ABANDONED) {
                return false;
            }
            readers++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A reader is done; the last one to leave a running flight stops the provider. */
    void leave() {
        lock.lock();
        try {
            readers--;
            if (readers == 0 && state == State.RUNNING) {
                state = State.ABANDONED;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean accept(String chunk) {
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return false;
            }
            bytes += chunk.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxBytes) {
                failWith(new AiProviderException(AiProviderException.Kind.BAD_RESPONSE,
                        "the summary grew beyond the provider's output cap of " + maxBytes + " bytes"));
                return false;
            }
            chunks.add(chunk);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The provider returned normally: the whole text when the flight completed, null when it had been stopped or failed. */
    String complete() {
        lock.lock();
        try {
            if (state == State.RUNNING) {
                state = State.COMPLETED;
                changed.signalAll();
            }
            return state == State.COMPLETED ? String.join("", chunks) : null;
        } finally {
            lock.unlock();
        }
    }

    void fail(AiProviderException e) {
        lock.lock();
        try {
            if (state == State.RUNNING) {
                failWith(e);
            }
        } finally {
            lock.unlock();
        }
    }

    private void failWith(AiProviderException e) {
        state = State.FAILED;
        failure = e;
        changed.signalAll();
    }

    /** Whether the provider was told to stop because every reader left. */
    boolean abandoned() {
        lock.lock();
        try {
            return state == State.ABANDONED;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting reader so each looks at its own stop flag. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The step at {@code index} for a reader, waiting for it until {@code deadlineNanos} or until {@code stopped}. */
    FeedStep await(int index, long deadlineNanos, BooleanSupplier stopped) {
        lock.lock();
        try {
            while (true) {
                if (stopped.getAsBoolean()) {
                    return FeedStep.STOPPED;
                }
                if (index < chunks.size()) {
                    return new FeedStep.Chunk(chunks.get(index));
                }
                switch (state) {
                    case COMPLETED:
                        return FeedStep.END;
                    case FAILED:
                        return new FeedStep.Failed(failure);
                    case ABANDONED:
                        return FeedStep.STOPPED; // only after this reader left: nothing more will come
                    default:
                        break;
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return FeedStep.IDLE;
                }
                try {
                    changed.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return FeedStep.STOPPED;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** One reader's place in the flight. */
    ChunkFeed reader() {
        return new Reader();
    }

    private final class Reader implements ChunkFeed {
        private int index;
        private volatile boolean stopped;
        private boolean closed;

        @Override
        public FeedStep next(long deadlineNanos) {
            FeedStep step = await(index, deadlineNanos, this::stopped);
            if (step instanceof FeedStep.Chunk) {
                index++;
            }
            return step;
        }

        @Override
        public void stop() {
            stopped = true;
            wake();
        }

        @Override
        public boolean stopped() {
            return stopped;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                leave();
            }
        }
    }
}
