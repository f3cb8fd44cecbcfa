package io.microai.gateway.stream;

/** A summary the cache already holds, streamed as one chunk: it exists whole, so there is nothing to pace. */
final class CachedFeed implements ChunkFeed {
    private final String text;
    private boolean handedOut;
    private volatile boolean stopped;

    CachedFeed(String text) {
        this.text = text;
    }

    @Override
    public FeedStep next(long deadlineNanos) {
        if (stopped) {
            return FeedStep.STOPPED;
        }
        if (handedOut || text.isEmpty()) {
            return FeedStep.END;
        }
        handedOut = true;
        return new FeedStep.Chunk(text);
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public boolean stopped() {
        return stopped;
    }

    @Override
    public void close() {
    }
}
