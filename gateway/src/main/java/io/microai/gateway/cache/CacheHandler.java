package io.microai.gateway.cache;

import io.microai.gateway.ai.AiProviderException;
import io.microai.gateway.ai.ProviderCall;
import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.payment.PaidRequest;
import io.microai.gateway.payment.Reservation;
import io.microai.shared.http.CorrelationId;
import io.microai.shared.http.JsonResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;

/**
 * The cache step, after payment: answers a paid request from the cache when the same route, model
 * and text were summarised before, otherwise runs the provider step (concurrent identical misses
 * share one provider call). The key never includes payment headers. Only successes are cached.
 */
public final class CacheHandler implements HttpHandler {
    public static final AttachmentKey<CacheLookup> RESULT = AttachmentKey.create(CacheLookup.class);
    private static final HttpString X_CACHE = HttpString.tryFromString("X-Cache");

    private final ResponseCache cache;
    private final ProviderCall provider;
    private final GatewayMetrics metrics;
    private final String path;
    private final HttpHandler next;

    public CacheHandler(ResponseCache cache, ProviderCall provider, GatewayMetrics metrics, String pathTemplate, HttpHandler next) {
        this.cache = cache;
        this.provider = provider;
        this.metrics = metrics;
        this.path = pathTemplate;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        PaidRequest paid = exchange.getAttachment(PaidRequest.KEY);
        String cid = CorrelationId.of(exchange);
        if (!exchange.getConnection().isOpen()) {
            Reservation.release(exchange); // the client left before its answer was made: it paid for nothing
            return;
        }
        CacheLookup lookup;
        try {
            lookup = cache.getOrCompute(CacheKey.of(path, provider.model(), paid.text()),
                    () -> provider.summarize(paid.text(), cid));
        } catch (AiProviderException e) {
            Reservation.release(exchange); // no answer was made: the same payment may be retried
            if (cache.isEnabled()) {
                metrics.cacheMiss(path);
            }
            String message = e.kind() == AiProviderException.Kind.TIMEOUT ? "AI request timed out" : "AI provider failed: " + e.getMessage();
            JsonResponses.error(exchange, e.kind().httpStatus(), e.kind().errorCode(), message);
            return;
        }
        if (cache.isEnabled()) {
            if (lookup.hit()) {
                metrics.cacheHit(path);
            } else {
                metrics.cacheMiss(path);
            }
            exchange.getResponseHeaders().put(X_CACHE, lookup.hit() ? "HIT" : "MISS");
        }
        if (!exchange.getConnection().isOpen()) {
            // The client left while its answer was made: nothing is delivered, so nothing is settled or receipted.
            Reservation.release(exchange);
            return;
        }
        exchange.putAttachment(RESULT, lookup);
        next.handleRequest(exchange);
    }
}
