package io.microai.gateway.payment;

import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.payment.x402.X402Headers;
import io.microai.shared.http.CorrelationId;
import io.microai.shared.http.JsonResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Map;

/**
 * The settlement step of a JSON answer, after the result exists and before it is delivered ({@link SettlementStep}).
 * Settled: the answer carries the settlement header with the transfer's hash and the receipt records it. Not
 * settled: the result is withheld — 402 with a {@code success:false} settlement header when the facilitator refused,
 * 503 {@code facilitator_unavailable} when it could not be asked — and no receipt is issued.
 */
public final class SettlementHandler implements HttpHandler {

    private final SettlementStep step;
    private final HttpHandler next;

    public SettlementHandler(GatewayMetrics metrics, HttpHandler next) {
        this(new SettlementStep(metrics), next);
    }

    public SettlementHandler(SettlementStep step, HttpHandler next) {
        this.step = step;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (step.settle(exchange) instanceof SettlementStep.Withhold withheld) {
            withhold(exchange, withheld);
            return;
        }
        next.handleRequest(exchange);
    }

    private static void withhold(HttpServerExchange exchange, SettlementStep.Withhold withheld) {
        exchange.getResponseHeaders().remove(HttpString.tryFromString("X-Cache"));
        exchange.getResponseHeaders().put(HttpString.tryFromString(withheld.responseHeader()), withheld.headerValue());
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, X402Headers.CHALLENGE_CACHE_CONTROL);
        Map<String, Object> body = JsonResponses.errorBody(withheld.code(), withheld.message(), CorrelationId.of(exchange));
        body.put("reason", withheld.reason());
        JsonResponses.send(exchange, withheld.status(), body);
    }
}
