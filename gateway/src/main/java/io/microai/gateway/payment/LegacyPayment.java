package io.microai.gateway.payment;

import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.metrics.VerificationFailure;
import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.shared.eip712.Address;
import io.microai.shared.http.CorrelationId;
import io.microai.shared.http.JsonResponses;
import io.microai.shared.receipt.Receipt;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import java.math.BigInteger;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The upstream service's format: {@code X-402-Signature} over the EIP-712 {@code Payment} of a nonce this
 * gateway issued in its challenge, with {@code X-402-Nonce}. In this order: check the nonce was issued here,
 * is unused and was issued for this route and this body ({@link RequestBinding}), ask the verifier who signed the context that nonce was issued for, hold the signer to
 * {@code X-402-Payer} when given, and only then consume the nonce — atomically, so of any number of
 * concurrent replays exactly one proceeds. The signature proves who agreed to the price; nothing in it
 * moves or proves funds.
 */
public final class LegacyPayment implements PaymentMethod {
    private static final Logger LOG = Logger.getLogger(LegacyPayment.class.getName());

    private final NonceStore nonces;
    private final VerifierClient verifier;
    private final PaymentMeter meter;
    /** The route the challenges are issued on, which every nonce is bound to with its body. */
    private final String route;

    public LegacyPayment(NonceStore nonces, VerifierClient verifier, GatewayMetrics metrics, String route) {
        this.nonces = nonces;
        this.verifier = verifier;
        this.meter = new PaymentMeter(metrics, PaymentProtocol.LEGACY);
        this.route = route;
    }

    /** Both headers, neither empty: one alone is not an attempt to pay and gets the challenge. */
    @Override
    public boolean carriesPayment(HeaderMap headers) {
        return LegacyHeaders.present(headers);
    }

    @Override
    public void pay(HttpServerExchange exchange, RequestText body, HttpHandler next) throws Exception {
        try {
            verify(exchange, body, next);
        } catch (NonceStoreUnavailableException e) {
            meter.storeUnavailable();
            NonceStoreOutage.respond(exchange, e);
        }
    }

    private void verify(HttpServerExchange exchange, RequestText body, HttpHandler next) throws Exception {
        String cid = CorrelationId.of(exchange);
        LegacyHeaders headers;
        try {
            headers = LegacyHeaders.read(exchange.getRequestHeaders());
        } catch (LegacyHeaders.Malformed e) {
            refuse(exchange, e.reason(), 400, e.getMessage());
            return;
        }
        String signature = headers.signature();
        String nonce = headers.nonce();
        String expectedPayer = headers.expectedPayer().orElse(null);
        Lookup issued = headers.nonceWellFormed() ? nonces.peek(nonce) : Lookup.unknown();
        if (issued.status() != Lookup.Status.AVAILABLE) {
            refuseNonce(exchange, issued.status());
            return;
        }
        String boundTo = issued.payment().boundTo();
        if (boundTo != null && !boundTo.equals(RequestBinding.of(route, body.raw()))) {
            // Checked before anything is spent: the nonce stays usable by the request it was issued for.
            refuse(exchange, VerificationFailure.REQUEST_MISMATCH, 400, "this nonce was issued for another request: "
                    + "send the paid request with the body the challenge was asked for");
            return;
        }
        VerifierClient.Outcome outcome = verifier.verify(issued.payment(), signature, cid);
        if (outcome.failure() != null) {
            LOG.info(() -> "[cid=" + cid + "] verification failed: " + outcome.detail());
            switch (outcome.failure()) {
                case VERIFIER_TIMEOUT -> unavailable(exchange, outcome.failure(), 504, "verifier_timeout", "Verifier request timed out");
                case VERIFIER_UNAVAILABLE -> unavailable(exchange, outcome.failure(), 503, "verification_unavailable", "Verification service unavailable");
                case VERIFIER_BAD_RESPONSE -> unavailable(exchange, outcome.failure(), 502, "verification_unavailable", "Verification service gave an unusable answer");
                default -> refuse(exchange, outcome.failure(), 403, "invalid_signature", outcome.detail());
            }
            return;
        }
        String signer = Address.toChecksum(Address.parse(outcome.address()));
        if (expectedPayer != null && !expectedPayer.equals(signer)) {
            refuse(exchange, VerificationFailure.SIGNER_MISMATCH, 403, "signer_mismatch", "the payment was not signed by X-402-Payer");
            return;
        }
        Lookup consumed = nonces.consume(nonce);
        if (consumed.status() != Lookup.Status.CONSUMED) {
            refuseNonce(exchange, consumed.status());
            return;
        }
        Reservation.hold(exchange, () -> nonces.release(nonce));
        meter.verified();
        exchange.putAttachment(PaidRequest.KEY, new PaidRequest(body.raw(), body.text(), verified(consumed.payment(), signer), Map.of()));
        next.handleRequest(exchange);
    }

    /** A legacy payment in a receipt's terms: the chain named as x402 version 2 names it, the token as upstream does. */
    private static VerifiedPayment verified(IssuedPayment p, String signer) {
        return new VerifiedPayment(PaymentProtocol.LEGACY, signer, p.recipient(), p.amount(), p.token(),
                "eip155:" + p.chainId(), BigInteger.valueOf(p.chainId()), p.nonce(), Receipt.SETTLEMENT_NONE);
    }

    private void refuseNonce(HttpServerExchange exchange, Lookup.Status status) {
        switch (status) {
            case ALREADY_USED -> refuse(exchange, VerificationFailure.NONCE_ALREADY_USED, 409, "nonce_already_used",
                    "this payment nonce has already been used; request a new challenge");
            case EXPIRED -> refuse(exchange, VerificationFailure.NONCE_EXPIRED, 400, "nonce_expired",
                    "this payment nonce has expired; request a new challenge");
            default -> refuse(exchange, VerificationFailure.NONCE_UNKNOWN, 400, "nonce_unknown",
                    "this payment nonce was not issued by this gateway; request a new challenge");
        }
    }

    private void refuse(HttpServerExchange exchange, VerificationFailure reason, int status, String message) {
        refuse(exchange, reason, status, reason.code(), message);
    }

    private void refuse(HttpServerExchange exchange, VerificationFailure reason, int status, String code, String message) {
        meter.refused(reason);
        JsonResponses.error(exchange, status, code, message);
    }

    private void unavailable(HttpServerExchange exchange, VerificationFailure reason, int status, String code, String message) {
        meter.verifierUnavailable(reason);
        JsonResponses.error(exchange, status, code, message);
    }
}
