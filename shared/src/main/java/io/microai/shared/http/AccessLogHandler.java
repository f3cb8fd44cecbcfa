package io.microai.shared.http;

import io.microai.shared.logging.AccessLog;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes the access line of every request through one route when the exchange completes, however it
 * ends: method, the route template (never the raw path), status, duration, response bytes and the
 * correlation id and the service's name, plus what the service adds about the request (cache outcome, payer, ...).
 */
public final class AccessLogHandler implements HttpHandler {
    private final String service;
    private final String route;
    private final BiConsumer<HttpServerExchange, Map<String, Object>> extra;
    private final HttpHandler next;

    /** @param extra adds service-specific fields at completion; it must never add a header value or secret */
    public AccessLogHandler(String service, String route, BiConsumer<HttpServerExchange, Map<String, Object>> extra, HttpHandler next) {
        this.service = service;
        this.route = route;
        this.extra = extra;
        this.next = next;
    }

    public AccessLogHandler(String service, String route, HttpHandler next) {
        this(service, route, (exchange, fields) -> { }, next);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            try {
                log(done, System.nanoTime() - start);
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    private void log(HttpServerExchange exchange, long nanos) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("correlation_id", exchange.getAttachment(CorrelationId.KEY));
        fields.put("service", service);
        fields.put("method", exchange.getRequestMethod().toString());
        fields.put("route", route);
        fields.put("status", exchange.getStatusCode());
        fields.put("duration_ms", Math.round(nanos / 1e4) / 100.0);
        fields.put("bytes", exchange.getResponseBytesSent());
        extra.accept(exchange, fields);
        AccessLog.log(fields);
    }
}
