package io.microai.gateway.stream;

import io.microai.gateway.ai.AiProviderException;

/** What a reader of a {@link ChunkFeed} gets next. */
sealed interface FeedStep {
    /** The next piece of the summary. */
    record Chunk(String text) implements FeedStep {
    }

    /** The summary is complete: every chunk was handed out. */
    record End() implements FeedStep {
    }

    /** The provider failed; chunks already handed out stay delivered. */
    record Failed(AiProviderException failure) implements FeedStep {
    }

    /** No chunk arrived before the reader's deadline. */
    record Idle() implements FeedStep {
    }

    /** The reader was stopped (its client left) while it waited. */
    record Stopped() implements FeedStep {
    }

    FeedStep END = new End();
    FeedStep IDLE = new Idle();
    FeedStep STOPPED = new Stopped();
}
