package io.microai.gateway.metrics;

import io.microai.shared.http.CorrelationId;
import io.microai.shared.metrics.BucketedHistogram;
import io.microai.shared.metrics.CounterFamily;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
    /** The bounded method labels; any other method is "other", the last. */
    private static final String[] METHOD_LABELS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "other"};
    private static final Map<HttpString, Integer> METHODS = Map.of(
            Methods.GET, 0, Methods.POST, 1, Methods.PUT, 2, Methods.DELETE, 3,
            Methods.PATCH, 4, Methods.HEAD, 5, Methods.OPTIONS, 6);
    private static final int OTHER_METHOD = METHOD_LABELS.length - 1;
    private static final String[] STATUS = new String[600];

    static {
        for (int i = 0; i < STATUS.length; i++) {
            STATUS[i] = Integer.toString(i);
        }
    }

    /** Where the series of a status outside 0..599 is kept, after the real statuses. */
    private static final int OTHER_STATUS = STATUS.length;

    private final GatewayMetrics metrics;
    private final String path;
    private final HttpHandler next;
    /**
     * This route's series, kept once looked up: the labels of a request are its method and status, so per request the
     * series is an array read rather than a family lookup. The family returns the same child for the same labels, so a
     * race that looks one up twice stores the same child.
     */
    private final AtomicReferenceArray<CounterFamily.Child> counters =
            new AtomicReferenceArray<>(METHOD_LABELS.length * (OTHER_STATUS + 1));
    private final AtomicReferenceArray<BucketedHistogram> durations = new AtomicReferenceArray<>(METHOD_LABELS.length);

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
        int method = METHODS.getOrDefault(exchange.getRequestMethod(), OTHER_METHOD);
        int code = exchange.getStatusCode();
        int status = code >= 0 && code < STATUS.length ? code : OTHER_STATUS;
        counter(method, status).inc();
        duration(method).observeBetween(start, end, exchange.getAttachment(CorrelationId.KEY));
    }

    private CounterFamily.Child counter(int method, int status) {
        int slot = method * (OTHER_STATUS + 1) + status;
        CounterFamily.Child child = counters.get(slot);
        if (child == null) {
            child = metrics.requests.labels(METHOD_LABELS[method], path, status == OTHER_STATUS ? "other" : STATUS[status]);
            counters.set(slot, child);
        }
        return child;
    }

    private BucketedHistogram duration(int method) {
        BucketedHistogram child = durations.get(method);
        if (child == null) {
            child = metrics.duration.labels(METHOD_LABELS[method], path);
            durations.set(method, child);
        }
        return child;
    }
}
