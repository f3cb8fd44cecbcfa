package io.microai.gateway.ratelimit;

import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.shared.http.Blocking;
import io.microai.shared.http.CorrelationId;
import io.microai.shared.http.JsonResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cap on the requests one client (by the same resolved address as the rate limiter) may have in flight at
 * once. Tokens bound how often a client may start requests; this bounds how many it may keep open, so a
 * client that starts requests and then stalls them (a body it never finishes) cannot crowd out the others.
 * A request over the cap gets 429 {@code too_many_in_flight} at once and is counted with the rate limiter's
 * refusals. Only clients with a request open have an entry, so the map is bounded by the requests in flight.
 */
public final class InFlightLimit implements HttpHandler {
    private final ClientAddressResolver clients;
    private final int maxPerClient;
    private final GatewayMetrics metrics;
    private final String path;
    private final HttpHandler next;
    private final Map<String, Integer> inFlight;

    public InFlightLimit(ClientAddressResolver clients, int maxPerClient, GatewayMetrics metrics, String pathTemplate,
                         Map<String, Integer> sharedCounts, HttpHandler next) {
        this.clients = clients;
        this.maxPerClient = maxPerClient;
        this.metrics = metrics;
        this.path = pathTemplate;
        this.inFlight = sharedCounts;
        this.next = next;
    }

    /** One count per client across every route that shares it. */
    public static Map<String, Integer> newCounts() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String client = clients.resolve(exchange);
        int now = inFlight.merge(client, 1, Integer::sum);
        if (now > maxPerClient) {
            release(client);
            metrics.rateLimited(path);
            // The body stays unread, so the connection closes after the answer; the answer is written in blocking
            // mode because a non-blocking end of exchange would first wait for that body to arrive.
            exchange.setPersistent(false);
            new Blocking(this::refuse).handleRequest(exchange);
            return;
        }
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            release(client);
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }

    private void refuse(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "too_many_in_flight");
        body.put("message", "this client already has " + maxPerClient + " requests in flight; retry when one completes");
        body.put("code", "too_many_in_flight");
        body.put("correlation_id", CorrelationId.of(exchange));
        JsonResponses.send(exchange, 429, body);
    }

    private void release(String client) {
        inFlight.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }
}
