package io.microai.gateway.payment;

import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.payment.facilitator.FacilitatorUnavailableException;
import io.microai.gateway.payment.facilitator.Verdict;
import io.microai.gateway.payment.x402.SettlementHeader;
import io.microai.gateway.payment.x402.X402Failure;
import io.microai.gateway.payment.x402.X402Headers;
import io.microai.shared.api.SettlementLabels;
import io.microai.shared.http.CorrelationId;
import io.microai.shared.http.JsonResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The settlement step, after the result exists and before it is delivered: a payment the facilitator
 * verified is settled now, as the official x402 server does after its handler. Settled: the answer carries
 * the settlement header with the transfer's hash and the receipt records it. Not settled: the result is
 * withheld — 402 with a {@code success:false} settlement header when the facilitator refused, 503
 * {@code facilitator_unavailable} when it could not be asked — and no receipt is issued, so nothing says
 * the payer was served. A request without a pending settlement (legacy, or no facilitator) passes through.
 */
public final class SettlementHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(SettlementHandler.class.getName());
    static final String SETTLEMENT_FAILED = "settlement_failed";

    private final GatewayMetrics metrics;
    private final HttpHandler next;

    public SettlementHandler(GatewayMetrics metrics, HttpHandler next) {
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        PendingSettlement pending = exchange.getAttachment(PendingSettlement.KEY);
        if (pending == null) {
            next.handleRequest(exchange);
            return;
        }
        String cid = CorrelationId.of(exchange);
        Verdict verdict;
        try {
            verdict = pending.facilitator().settle(pending.x402Version(), pending.payloadJson(), pending.requirements());
        } catch (FacilitatorUnavailableException e) {
            LOG.warning("[cid=" + cid + "] settlement not confirmed, result withheld: " + e.getMessage());
            metrics.settlement(pending.protocol(), SettlementLabels.UNAVAILABLE, 0);
            withhold(exchange, pending, X402Failure.FACILITATOR_UNAVAILABLE.status(), X402Failure.FACILITATOR_UNAVAILABLE.code(),
                    X402Failure.FACILITATOR_UNAVAILABLE.code(), "the payment could not be settled: the facilitator did not answer; retry with a new payment");
            return;
        }
        if (!verdict.accepted()) {
            String reason = verdict.reason().code();
            LOG.info("[cid=" + cid + "] settlement refused (" + reason + ", facilitator said '" + verdict.detail() + "'), result withheld");
            metrics.settlement(pending.protocol(), SettlementLabels.FAILED, 0);
            metrics.settlementRefused(SettlementLabels.SETTLE, reason);
            withhold(exchange, pending, 402, SETTLEMENT_FAILED, reason, "the facilitator did not settle the payment: " + reason);
            return;
        }
        String transaction = verdict.transaction().orElseThrow();
        metrics.settlement(pending.protocol(), SettlementLabels.SETTLED, pending.atomicAmount());
        PaidRequest paid = exchange.getAttachment(PaidRequest.KEY);
        exchange.putAttachment(PaidRequest.KEY, paid.settled(paid.payment().settled(transaction),
                Map.of(pending.responseHeader(), SettlementHeader.settled(transaction, pending.network(), pending.payer()))));
        next.handleRequest(exchange);
    }

    private static void withhold(HttpServerExchange exchange, PendingSettlement pending, int status, String code, String reason,
                                 String message) {
        exchange.getResponseHeaders().remove(HttpString.tryFromString("X-Cache"));
        exchange.getResponseHeaders().put(HttpString.tryFromString(pending.responseHeader()),
                SettlementHeader.failed(reason, pending.network(), pending.payer()));
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, X402Headers.CHALLENGE_CACHE_CONTROL);
        Map<String, Object> body = JsonResponses.errorBody(code, message, CorrelationId.of(exchange));
        body.put("reason", reason);
        JsonResponses.send(exchange, status, body);
    }
}
