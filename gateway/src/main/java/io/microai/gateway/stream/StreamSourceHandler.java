package io.microai.gateway.stream;

import io.microai.gateway.ai.ProviderCall;
import io.microai.gateway.cache.CacheKey;
import io.microai.gateway.cache.CacheLookup;
import io.microai.gateway.cache.ResponseCache;
import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.payment.PaidRequest;
import io.microai.gateway.payment.Reservation;
import io.microai.shared.http.CorrelationId;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.Optional;

/**
 * The streaming cache and provider step, after payment: a summary the cache holds is streamed from there,
 * otherwise the stream reads the provider call for the same route, model and text — joining one already running
 * (counted as a hit, as a caller waiting on the JSON route's shared load is) or starting it. The key never
 * includes payment headers. The feed is handed to the next step and left when that step is done.
 */
public final class StreamSourceHandler implements HttpHandler {
    /** How the cache answered this stream, for the access line (the stream's text is not known up front). */
    public static final AttachmentKey<CacheLookup.Outcome> CACHE_OUTCOME = AttachmentKey.create(CacheLookup.Outcome.class);
    private static final HttpString X_CACHE = HttpString.tryFromString("X-Cache");

    private final ResponseCache cache;
    private final StreamFlights flights;
    private final ProviderCall provider;
    private final GatewayMetrics metrics;
    private final String path;
    private final HttpHandler next;

    public StreamSourceHandler(ResponseCache cache, StreamFlights flights, ProviderCall provider, GatewayMetrics metrics,
                               String pathTemplate, HttpHandler next) {
        this.cache = cache;
        this.flights = flights;
        this.provider = provider;
        this.metrics = metrics;
        this.path = pathTemplate;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!exchange.getConnection().isOpen()) {
            Reservation.release(exchange); // the client left before its stream began: it paid for nothing
            return;
        }
        PaidRequest paid = exchange.getAttachment(PaidRequest.KEY);
        CacheKey key = CacheKey.of(path, provider.model(), paid.text());
        Optional<String> cached = cache.completed(key);
        ChunkFeed feed;
        boolean hit;
        if (cached.isPresent()) {
            feed = new CachedFeed(cached.get());
            hit = true;
        } else {
            StreamFlights.Opened opened = flights.open(key, paid.text(), CorrelationId.of(exchange));
            feed = opened.feed();
            hit = opened.joined();
        }
        try {
            if (cache.isEnabled()) {
                if (hit) {
                    metrics.cacheHit(path);
                } else {
                    metrics.cacheMiss(path);
                }
                exchange.getResponseHeaders().put(X_CACHE, hit ? "HIT" : "MISS");
                exchange.putAttachment(CACHE_OUTCOME, hit ? CacheLookup.Outcome.HIT : CacheLookup.Outcome.MISS);
            }
            exchange.putAttachment(ChunkFeed.KEY, feed);
            next.handleRequest(exchange);
        } finally {
            feed.close();
        }
    }
}
