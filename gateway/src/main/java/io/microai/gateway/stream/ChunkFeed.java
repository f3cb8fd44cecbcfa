package io.microai.gateway.stream;

import io.undertow.util.AttachmentKey;

/** Where one stream's chunks come from, read by that stream's own worker thread. */
interface ChunkFeed {
    AttachmentKey<ChunkFeed> KEY = AttachmentKey.create(ChunkFeed.class);

    /** Blocks until the next step is known or {@code deadlineNanos} ({@link System#nanoTime}) passes. */
    FeedStep next(long deadlineNanos);

    /** Wakes the reader and makes every later {@link #next} answer {@link FeedStep.Stopped}; safe from any thread. */
    void stop();

    /** Whether {@link #stop} was called. */
    boolean stopped();

    /** The reader is done with the feed, however it ended; called once. */
    void close();
}
