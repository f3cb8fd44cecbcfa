package io.microai.shared.metrics;

import io.microai.shared.http.JsonResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards an operator endpoint ({@code /metrics}, the dashboard's data) with the optional
 * {@code METRICS_AUTH_TOKEN}: without {@code Authorization: Bearer <token>} the answer is 401
 * {@code {"error":"unauthorized",…}}. The comparison takes the same time wherever the tokens differ.
 */
public final class MetricsAuthHandler implements HttpHandler {
    private static final String PREFIX = "bearer ";
    private final byte[] expected;
    private final HttpHandler next;

    public MetricsAuthHandler(String token, HttpHandler next) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
        this.next = next;
    }

    /** {@code next} itself when no token is configured. */
    public static HttpHandler protect(MetricsConfig config, HttpHandler next) {
        return config.authToken().<HttpHandler>map(t -> new MetricsAuthHandler(t, next)).orElse(next);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (authorized(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
            next.handleRequest(exchange);
            return;
        }
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        JsonResponses.error(exchange, 401, "unauthorized",
                "this endpoint requires the header Authorization: Bearer <METRICS_AUTH_TOKEN>");
    }

    boolean authorized(String header) {
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }
}
