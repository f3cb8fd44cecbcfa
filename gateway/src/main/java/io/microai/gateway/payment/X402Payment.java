package io.microai.gateway.payment;

import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.metrics.VerificationFailure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.gateway.payment.facilitator.Facilitator;
import io.microai.gateway.payment.facilitator.FacilitatorReason;
import io.microai.gateway.payment.facilitator.FacilitatorUnavailableException;
import io.microai.gateway.payment.facilitator.Verdict;
import io.microai.gateway.payment.x402.AuthorizationLedger;
import io.microai.gateway.payment.x402.CheckedPayment;
import io.microai.gateway.payment.x402.Outcome;
import io.microai.gateway.payment.x402.PaymentChecks;
import io.microai.gateway.payment.x402.PaymentHeaderDecoder;
import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.gateway.payment.x402.Refusal;
import io.microai.gateway.payment.x402.ReplayKey;
import io.microai.gateway.payment.x402.SettlementHeader;
import io.microai.gateway.payment.x402.X402Failure;
import io.microai.gateway.payment.x402.X402Settings;
import io.microai.gateway.payment.x402.X402Version;
import io.microai.shared.api.SettlementLabels;
import io.microai.shared.http.CorrelationId;
import io.microai.shared.receipt.Receipt;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The official x402 protocol: {@code PAYMENT-SIGNATURE} (version 2) or {@code X-PAYMENT} (version 1), each a
 * signed EIP-3009 {@code TransferWithAuthorization} for the {@code exact} scheme. In this order: strict
 * decoding; the local checks (terms, recipient, amount, time window); the verifier recovers the signer of
 * the message under this gateway's token domain, and it must be {@code authorization.from}; then the
 * authorization is claimed in the ledger — atomically, so of any number of concurrent presentations exactly
 * one proceeds. Only a header of a version that is on is read; another version's header is not a payment here.
 *
 * <p>With a facilitator, the payment that passed those checks is then put to the facilitator's {@code /verify}
 * (balance, nonce state and a simulated transfer on chain) before it is claimed, and settled by
 * {@link SettlementHandler} once the result exists. A refusal at {@code /verify} is a 402 with the reason
 * mapped to a closed set and the provider is never called; a facilitator that cannot answer, or has not yet
 * confirmed it supports this network, is a 503. Without a facilitator nothing is settled: the paid answer
 * carries the version's settlement header saying so. Until it is settled a header is a bearer instrument
 * anyone holding it could present.
 */
public final class X402Payment implements PaymentMethod {
    private static final Logger LOG = Logger.getLogger(X402Payment.class.getName());
    private static final HttpString V2_HEADER = HttpString.tryFromString(X402Version.V2.paymentHeader());
    private static final HttpString V1_HEADER = HttpString.tryFromString(X402Version.V1.paymentHeader());

    private final X402Settings settings;
    private final PaymentHeaderDecoder decoder;
    private final PaymentChecks checks;
    private final VerifierClient verifier;
    private final AuthorizationLedger ledger;
    private final Challenge402 challenge;
    private final PaymentMeter v2Meter;
    private final PaymentMeter v1Meter;
    private final Optional<Facilitator> facilitator;
    private final GatewayMetrics metrics;

    public X402Payment(X402Settings settings, Clock clock, VerifierClient verifier, AuthorizationLedger ledger,
                Challenge402 challenge, GatewayMetrics metrics) {
        this(settings, clock, verifier, ledger, challenge, metrics, Optional.empty());
    }

    public X402Payment(X402Settings settings, Clock clock, VerifierClient verifier, AuthorizationLedger ledger,
                Challenge402 challenge, GatewayMetrics metrics, Optional<Facilitator> facilitator) {
        this.facilitator = facilitator;
        this.metrics = metrics;
        this.settings = settings;
        this.decoder = new PaymentHeaderDecoder(settings.versions());
        this.checks = new PaymentChecks(settings, clock);
        this.verifier = verifier;
        this.ledger = ledger;
        this.challenge = challenge;
        this.v2Meter = new PaymentMeter(metrics, PaymentProtocol.X402);
        this.v1Meter = new PaymentMeter(metrics, PaymentProtocol.X402_V1);
    }

    @Override
    public boolean carriesPayment(HeaderMap headers) {
        return values(headers, X402Version.V2) != null || values(headers, X402Version.V1) != null;
    }

    @Override
    public void pay(HttpServerExchange exchange, RequestText body, HttpHandler next) throws Exception {
        HeaderMap headers = exchange.getRequestHeaders();
        List<String> v2 = values(headers, X402Version.V2);
        List<String> v1 = values(headers, X402Version.V1);
        PaymentMeter meter = v2 != null ? v2Meter : v1Meter;
        Outcome<CheckedPayment> checked = decoder.fromHeaders(v2, v1).orElseThrow().then(checks::check);
        if (!checked.isAccepted()) {
            refuse(exchange, meter, checked.refusal());
            return;
        }
        CheckedPayment payment = checked.value();
        String cid = CorrelationId.of(exchange);
        VerifierClient.Outcome answer = verifier.verifyAuthorization(payment.domain(), payment.message(),
                payment.signature(), cid);
        Outcome<String> payer;
        if (answer.address() != null) {
            payer = checks.confirmSigner(payment, Optional.of(answer.address()));
        } else if (answer.failure() == VerificationFailure.INVALID_SIGNATURE) {
            payer = checks.confirmSigner(payment, Optional.empty());
        } else {
            LOG.info(() -> "[cid=" + cid + "] x402 verification failed: " + answer.detail());
            meter.verifierUnavailable(verifierReason(answer.failure()));
            challenge.refuse(exchange, Refusal.of(X402Failure.VERIFIER_UNAVAILABLE));
            return;
        }
        if (!payer.isAccepted()) {
            refuse(exchange, meter, payer.refusal());
            return;
        }
        Optional<PendingSettlement> pending = Optional.empty();
        if (facilitator.isPresent()) {
            pending = verifyWithFacilitator(exchange, meter, payment, facilitator.get());
            if (pending.isEmpty()) {
                return; // refused or unavailable: answered
            }
        }
        Optional<Refusal> used = ledger.claim(payment.replayKey()).refusal();
        if (used.isPresent()) {
            refuse(exchange, meter, used.get());
            return;
        }
        ReplayKey claimed = payment.replayKey();
        Reservation.hold(exchange, () -> ledger.release(claimed));
        meter.verified();
        Map<String, String> settlement = pending.isPresent() ? Map.of()
                : Map.of(SettlementHeader.name(payment.version()), SettlementHeader.notSettled(payment));
        pending.ifPresent(p -> exchange.putAttachment(PendingSettlement.KEY, p));
        exchange.putAttachment(PaidRequest.KEY, new PaidRequest(body.raw(), body.text(), verified(payment, payer.value()), settlement));
        next.handleRequest(exchange);
    }

    /**
     * {@code POST /verify} with the decoded payload and the requirements it was made against. Empty when the
     * request was answered: refused (402, reason mapped to the closed set) or the facilitator unavailable (503).
     */
    private Optional<PendingSettlement> verifyWithFacilitator(HttpServerExchange exchange, PaymentMeter meter, CheckedPayment payment,
                                                              Facilitator facilitator) throws InterruptedException {
        String cid = CorrelationId.of(exchange);
        Optional<String> notReady = facilitator.notReady();
        if (notReady.isPresent()) {
            meter.facilitatorUnavailable();
            challenge.refuse(exchange, new Refusal(X402Failure.FACILITATOR_UNAVAILABLE, notReady.get() + "; retry later"));
            return Optional.empty();
        }
        ObjectNode requirements = challenge.requirements(exchange, payment.version());
        String payload = payment.decoded().payloadJson();
        Verdict verdict;
        try {
            verdict = facilitator.client().verify(payment.version().number(), payload, requirements);
        } catch (FacilitatorUnavailableException e) {
            LOG.warning("[cid=" + cid + "] x402 payment not verified: " + e.getMessage());
            meter.facilitatorUnavailable();
            challenge.refuse(exchange, Refusal.of(X402Failure.FACILITATOR_UNAVAILABLE));
            return Optional.empty();
        }
        if (!verdict.accepted()) {
            String reason = verdict.reason().code();
            LOG.info(() -> "[cid=" + cid + "] facilitator refused the payment: " + reason + " ('" + verdict.detail() + "')");
            metrics.settlementRefused(SettlementLabels.VERIFY, reason);
            refuse(exchange, meter, new Refusal(refusalOf(verdict.reason()), "the facilitator refused the payment: " + reason));
            return Optional.empty();
        }
        PaymentProtocol protocol = payment.version() == X402Version.V2 ? PaymentProtocol.X402 : PaymentProtocol.X402_V1;
        return Optional.of(new PendingSettlement(facilitator.client(), payment.version().number(), payload, requirements,
                protocol.configName(), settledAmount(), SettlementHeader.name(payment.version()), payment.network(), payment.payer()));
    }

    /** The refusal a facilitator's closed reason becomes: the same name where the gateway has one. */
    static X402Failure refusalOf(FacilitatorReason reason) {
        return switch (reason) {
            case INSUFFICIENT_FUNDS -> X402Failure.INSUFFICIENT_FUNDS;
            case AUTHORIZATION_ALREADY_USED -> X402Failure.AUTHORIZATION_ALREADY_USED;
            case INVALID_SIGNATURE -> X402Failure.INVALID_SIGNATURE;
            case INVALID_PAYMENT -> X402Failure.INVALID_PAYMENT;
            case TRANSACTION_FAILED -> X402Failure.TRANSACTION_FAILED;
            case OTHER -> X402Failure.FACILITATOR_REFUSED;
        };
    }

    /** The price in atomic units for the revenue counter; a price beyond a long (never a real one) saturates. */
    private long settledAmount() {
        return settings.amount().bitLength() < 64 ? settings.amount().longValue() : Long.MAX_VALUE;
    }

    /** The header values of {@code version} when it is on and present; null otherwise. */
    private List<String> values(HeaderMap headers, X402Version version) {
        if (!settings.offers(version)) {
            return null;
        }
        return headers.get(version == X402Version.V2 ? V2_HEADER : V1_HEADER);
    }

    private void refuse(HttpServerExchange exchange, PaymentMeter meter, Refusal refusal) {
        LOG.fine(() -> "[cid=" + CorrelationId.of(exchange) + "] x402 payment refused: " + refusal.code() + ": " + refusal.detail());
        switch (refusal.failure()) {
            case REPLAY_STORE_UNAVAILABLE -> meter.storeUnavailable();
            case VERIFIER_UNAVAILABLE -> meter.verifierUnavailable(VerificationFailure.VERIFIER_BAD_RESPONSE);
            case FACILITATOR_UNAVAILABLE -> meter.facilitatorUnavailable();
            default -> meter.refused(reason(refusal.failure()));
        }
        challenge.refuse(exchange, refusal);
    }

    /** The verification-failure label of a refusal the client caused: the same name, so the same code. */
    static VerificationFailure reason(X402Failure failure) {
        return VerificationFailure.valueOf(failure.name());
    }

    /** The verifier's own trouble keeps its precise label; anything else it said is an unusable answer. */
    private static VerificationFailure verifierReason(VerificationFailure failure) {
        return switch (failure) {
            case VERIFIER_TIMEOUT, VERIFIER_UNAVAILABLE -> failure;
            default -> VerificationFailure.VERIFIER_BAD_RESPONSE;
        };
    }

    /** An x402 payment in a receipt's terms: the amount in atomic units, the network as the payment named it. */
    private VerifiedPayment verified(CheckedPayment payment, String payer) {
        PaymentProtocol protocol = payment.version() == X402Version.V2 ? PaymentProtocol.X402 : PaymentProtocol.X402_V1;
        return new VerifiedPayment(protocol, payer, payment.requirements().payTo(), settings.amount().toString(),
                settings.asset().address(), payment.network(), BigInteger.valueOf(settings.chainId()),
                payment.authorization().nonce(), Receipt.SETTLEMENT_NONE);
    }
}
