package io.microai.shared.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** First in every chain: fixes the correlation id and echoes it before anything can answer. */
public final class CorrelationIdHandler implements HttpHandler {
    private final HttpHandler next;

    public CorrelationIdHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        CorrelationId.of(exchange);
        next.handleRequest(exchange);
    }
}
