package io.microai.gateway.ai;

/**
 * Where a streaming provider puts the pieces of a summary as they arrive. The return value carries the
 * reader's side back to the producer: {@code false} means nobody will read more (the client left or
 * the stream's budget ran out), and the provider must stop its upstream work and return promptly.
 */
@FunctionalInterface
public interface ChunkSink {

    /**
     * @param chunk a non-empty piece of the summary, in order; the concatenation of all chunks is the summary
     * @return whether the producer should go on
     */
    boolean accept(String chunk);
}
