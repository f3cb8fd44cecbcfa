package io.microai.gateway.payment;

import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.payment.facilitator.FacilitatorUnavailableException;
import io.microai.gateway.payment.facilitator.Verdict;
import io.microai.gateway.payment.x402.SettlementHeader;
import io.microai.gateway.payment.x402.X402Failure;
import io.microai.shared.api.SettlementLabels;
import io.microai.shared.http.CorrelationId;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Settles the payment of a request whose result exists, as the official x402 server does after its handler:
 * a payment the facilitator verified is submitted to {@code /settle} now. The answer says whether the result may
 * be delivered; how a refusal is told to the client is the caller's (a JSON answer, or a stream's error event).
 * A request without a pending settlement (legacy, or no facilitator) passes unchanged.
 */
public final class SettlementStep {
    private static final Logger LOG = Logger.getLogger(SettlementStep.class.getName());
    public static final String SETTLEMENT_FAILED = "settlement_failed";

    private final GatewayMetrics metrics;

    public SettlementStep(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** How settling ended: delivered (settled, or nothing to settle) or withheld. */
    public sealed interface Result permits Deliver, Withhold {
    }

    /**
     * The result may be delivered; the exchange's {@link PaidRequest} now records the settlement.
     *
     * @param settled what the facilitator settled, when it did
     */
    public record Deliver(Optional<Settled> settled) implements Result {
    }

    /** A transfer the facilitator made: its hash, the network as the payment named it, and the payer. */
    public record Settled(String transaction, String network, String payer) {
    }

    /**
     * The result must not be delivered and no receipt issued: nothing says the payer was served.
     *
     * @param code   the error code ({@value #SETTLEMENT_FAILED} or {@code facilitator_unavailable})
     * @param reason the closed reason, also the failed settlement header's {@code errorReason}
     */
    public record Withhold(int status, String code, String reason, String message, String responseHeader, String headerValue)
            implements Result {
    }

    public Result settle(HttpServerExchange exchange) throws InterruptedException {
        PendingSettlement pending = exchange.getAttachment(PendingSettlement.KEY);
        if (pending == null) {
            return new Deliver(Optional.empty());
        }
        String cid = CorrelationId.of(exchange);
        Verdict verdict;
        try {
            verdict = pending.facilitator().settle(pending.x402Version(), pending.payloadJson(), pending.requirements());
        } catch (FacilitatorUnavailableException e) {
            LOG.warning("[cid=" + cid + "] settlement not confirmed, result withheld: " + e.getMessage());
            metrics.settlement(pending.protocol(), SettlementLabels.UNAVAILABLE, 0);
            String code = X402Failure.FACILITATOR_UNAVAILABLE.code();
            return withhold(pending, X402Failure.FACILITATOR_UNAVAILABLE.status(), code, code,
                    "the payment could not be settled: the facilitator did not answer; retry with a new payment");
        }
        if (!verdict.accepted()) {
            String reason = verdict.reason().code();
            LOG.info("[cid=" + cid + "] settlement refused (" + reason + ", facilitator said '" + verdict.detail() + "'), result withheld");
            metrics.settlement(pending.protocol(), SettlementLabels.FAILED, 0);
            metrics.settlementRefused(SettlementLabels.SETTLE, reason);
            return withhold(pending, 402, SETTLEMENT_FAILED, reason, "the facilitator did not settle the payment: " + reason);
        }
        String transaction = verdict.transaction().orElseThrow();
        metrics.settlement(pending.protocol(), SettlementLabels.SETTLED, pending.atomicAmount());
        PaidRequest paid = exchange.getAttachment(PaidRequest.KEY);
        exchange.putAttachment(PaidRequest.KEY, paid.settled(paid.payment().settled(transaction),
                Map.of(pending.responseHeader(), SettlementHeader.settled(transaction, pending.network(), pending.payer()))));
        return new Deliver(Optional.of(new Settled(transaction, pending.network(), pending.payer())));
    }

    private static Withhold withhold(PendingSettlement pending, int status, String code, String reason, String message) {
        return new Withhold(status, code, reason, message, pending.responseHeader(),
                SettlementHeader.failed(reason, pending.network(), pending.payer()));
    }
}
