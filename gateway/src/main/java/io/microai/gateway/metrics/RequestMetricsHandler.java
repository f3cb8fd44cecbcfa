package io.microai.gateway.metrics;

import io.microai.shared.http.CorrelationId;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Map;

/**
 * RED metrics for one route: in-flight gauge, and on completion (whatever thread and however it
 * ends, a thrown exception included, which Undertow turns into 500) one count and one duration
 * observation labelled with the route template — never the raw URL — and a bounded method. The
 * correlation id is offered as the duration's exemplar, so a slow bucket leads to the request.
 */
public final class RequestMetricsHandler implements HttpHandler {
    public static final String UNMATCHED = "unmatched";
    /** When the request arrived ({@link System#nanoTime}), for later steps that measure from it (a stream's first chunk). */
    public static final AttachmentKey<Long> ARRIVAL = AttachmentKey.create(Long.class);
    private static final Map<HttpString, String> METHODS = Map.of(
            Methods.GET, "GET", Methods.POST, "POST", Methods.PUT, "PUT", Methods.DELETE, "DELETE",
            Methods.PATCH, "PATCH", Methods.HEAD, "HEAD", Methods.OPTIONS, "OPTIONS");
    private static final String[] STATUS = new String[600];

    static {
        for (int i = 0; i < STATUS.length; i++) {
            STATUS[i] = Integer.toString(i);
        }
    }

    private final GatewayMetrics metrics;
    private final String path;
    private final HttpHandler next;

    public RequestMetricsHandler(GatewayMetrics metrics, String pathTemplate, HttpHandler next) {
        this.metrics = metrics;
        this.path = pathTemplate;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        exchange.putAttachment(ARRIVAL, start);
        metrics.active.inc();
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            try {
                record(done, start, System.nanoTime());
            } finally {
                metrics.active.dec();
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    private void record(HttpServerExchange exchange, long start, long end) {
        String method = METHODS.getOrDefault(exchange.getRequestMethod(), "other");
        int code = exchange.getStatusCode();
        String status = code >= 0 && code < STATUS.length ? STATUS[code] : "other";
        metrics.requests.labels(method, path, status).inc();
        metrics.duration.labels(method, path).observeBetween(start, end, exchange.getAttachment(CorrelationId.KEY));
    }
}
