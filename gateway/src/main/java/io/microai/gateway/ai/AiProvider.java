package io.microai.gateway.ai;

import java.time.Duration;

/**
 * A backend that turns a text into a short summary.
 *
 * <p>Implementations are called from worker threads and may block; they must be thread-safe because
 * one instance serves every request.
 */
public interface AiProvider {

    /**
     * Summarises {@code text}.
     *
     * @param correlationId request id forwarded to remote providers for log correlation; may be null
     * @throws AiProviderException with a {@link AiProviderException.Kind} the HTTP layer maps to a status
     */
    String summarize(String text, String correlationId) throws AiProviderException;

    /**
     * Summarises {@code text} piece by piece into {@code sink}, returning when the summary is complete or
     * when the sink said stop. A provider that cannot stream delivers its whole answer as one chunk.
     *
     * @throws AiProviderException as {@link #summarize}; chunks already delivered stay delivered
     */
    default void stream(String text, String correlationId, ChunkSink sink) throws AiProviderException {
        String summary = summarize(text, correlationId);
        if (!summary.isEmpty()) {
            sink.accept(summary);
        }
    }

    /** Short provider id used in logs, metrics labels and readiness output, e.g. {@code openrouter}. */
    String name();

    /** Model identifier; part of the response-cache key so switching models never serves stale results. */
    String model();

    /** Cheap readiness probe for {@code /readyz}; must not throw and must return within about {@code timeout}. */
    Readiness checkReady(Duration timeout);
}
