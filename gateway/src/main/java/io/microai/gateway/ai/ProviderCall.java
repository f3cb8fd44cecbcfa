package io.microai.gateway.ai;

import io.microai.gateway.metrics.GatewayMetrics;
import java.util.logging.Logger;

/**
 * The provider step: one call to the configured AI provider, timed into
 * {@code gateway_ai_request_duration_seconds{provider,outcome}} and logged with the correlation id
 * when it fails. Failures keep their kind so the HTTP layer can answer 502 or 504.
 */
public final class ProviderCall {
    private static final Logger LOG = Logger.getLogger(ProviderCall.class.getName());

    private final AiProvider provider;
    private final GatewayMetrics metrics;

    public ProviderCall(AiProvider provider, GatewayMetrics metrics) {
        this.provider = provider;
        this.metrics = metrics;
    }

    public String model() {
        return provider.model();
    }

    public String summarize(String text, String correlationId) throws AiProviderException {
        long start = System.nanoTime();
        try {
            String summary = provider.summarize(text, correlationId);
            metrics.aiDuration(provider.name(), "ok").observeBetween(start, System.nanoTime(), correlationId);
            return summary;
        } catch (AiProviderException e) {
            throw failed(e, start, correlationId);
        }
    }

    /** The same call, delivered piece by piece into {@code sink}; a call the sink stopped ended well. */
    public void stream(String text, String correlationId, ChunkSink sink) throws AiProviderException {
        long start = System.nanoTime();
        try {
            provider.stream(text, correlationId, sink);
            metrics.aiDuration(provider.name(), "ok").observeBetween(start, System.nanoTime(), correlationId);
        } catch (AiProviderException e) {
            throw failed(e, start, correlationId);
        }
    }

    private AiProviderException failed(AiProviderException e, long start, String correlationId) {
        metrics.aiDuration(provider.name(), e.kind().name().toLowerCase(java.util.Locale.ROOT)).observeBetween(start, System.nanoTime(), correlationId);
        LOG.warning(() -> "[cid=" + correlationId + "] AI provider " + provider.name() + " failed: " + e.kind() + ": " + e.getMessage());
        return e;
    }
}
