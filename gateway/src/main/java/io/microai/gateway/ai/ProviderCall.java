package io.microai.gateway.ai;

import io.microai.gateway.metrics.GatewayMetrics;
import java.util.Locale;
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
            observe(start, "ok", correlationId);
            return summary;
        } catch (AiProviderException e) {
            throw failed(start, e, correlationId);
        }
    }

    /**
     * Streams the summary into {@code sink}, timed as one call from the request to the last chunk. A stream
     * the sink stopped counts as {@code ok}: the provider did what it was asked until nobody read on.
     */
    public void stream(String text, String correlationId, ChunkSink sink) throws AiProviderException {
        long start = System.nanoTime();
        try {
            provider.stream(text, correlationId, sink);
            observe(start, "ok", correlationId);
        } catch (AiProviderException e) {
            throw failed(start, e, correlationId);
        }
    }

    private void observe(long start, String outcome, String correlationId) {
        metrics.aiDuration(provider.name(), outcome).observeBetween(start, System.nanoTime(), correlationId);
    }

    private AiProviderException failed(long start, AiProviderException e, String correlationId) {
        observe(start, e.kind().name().toLowerCase(Locale.ROOT), correlationId);
        LOG.warning(() -> "[cid=" + correlationId + "] AI provider " + provider.name() + " failed: " + e.kind() + ": " + e.getMessage());
        return e;
    }
}
