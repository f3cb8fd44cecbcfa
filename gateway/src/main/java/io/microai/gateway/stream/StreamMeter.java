package io.microai.gateway.stream;

import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.metrics.RequestMetricsHandler;
import io.microai.shared.http.CorrelationId;
import io.undertow.server.HttpServerExchange;

/**
 * One stream's measurements: in flight from its opening to its end, its first chunk and its duration timed
 * from the request's arrival, every chunk and its bytes, and exactly one outcome.
 */
final class StreamMeter {
    private final GatewayMetrics metrics;
    private final String path;
    private final long arrival;
    private final String correlationId;
    private boolean first = true;
    private boolean ended;

    private StreamMeter(GatewayMetrics metrics, String path, long arrival, String correlationId) {
        this.metrics = metrics;
        this.path = path;
        this.arrival = arrival;
        this.correlationId = correlationId;
    }

    static StreamMeter opened(GatewayMetrics metrics, String path, HttpServerExchange exchange) {
        Long arrived = exchange.getAttachment(RequestMetricsHandler.ARRIVAL);
        metrics.streamOpened(path);
        return new StreamMeter(metrics, path, arrived != null ? arrived : System.nanoTime(), CorrelationId.of(exchange));
    }

    void chunk(long bytes) {
        long now = System.nanoTime();
        metrics.streamChunk(path, bytes);
        if (first) {
            first = false;
            metrics.streamFirstChunk(path, arrival, now, correlationId);
        }
    }

    /** @param outcome a {@link io.microai.shared.api.StreamLabels} outcome, or null for a stream none of them describes */
    void ended(String outcome) {
        if (ended) {
            return;
        }
        ended = true;
        metrics.streamEnded(path, outcome, arrival, System.nanoTime(), correlationId);
    }
}
