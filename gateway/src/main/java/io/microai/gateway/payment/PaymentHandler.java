package io.microai.gateway.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.metrics.VerificationFailure;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.http.Blocking;
import io.microai.shared.http.Bodies;
import io.microai.shared.http.BodyTooLargeException;
import io.microai.shared.http.CorrelationId;
import io.microai.shared.http.Json;
import io.microai.shared.http.JsonResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The x402 step. Without both payment headers: the 402 challenge. With them, in this order: read and
 * validate the body (so a bad body never burns a nonce), check the nonce was issued here and is
 * unused, ask the verifier who signed the context that nonce was issued for, hold the signer to
 * {@code X-402-Payer} when given, and only then consume the nonce — atomically, so of any number of
 * concurrent replays exactly one proceeds.
 */
public final class PaymentHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(PaymentHandler.class.getName());
    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{130}");
    private static final Pattern NONCE = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final PaymentChallenge challenge;
    private final NonceStore nonces;
    private final VerifierClient verifier;
    private final GatewayMetrics metrics;
    private final long maxBodyBytes;
    private final HttpHandler next;

    public PaymentHandler(PaymentChallenge challenge, NonceStore nonces, VerifierClient verifier, GatewayMetrics metrics,
                          long maxBodyBytes, HttpHandler next) {
        this.challenge = challenge;
        this.nonces = nonces;
        this.verifier = verifier;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (nonces.remote() && exchange.isInIoThread()) {
            exchange.dispatch(this); // a shared nonce store does network I/O: never on an I/O thread
            return;
        }
        String signature = exchange.getRequestHeaders().getFirst(PaymentHeaders.SIGNATURE);
        String nonce = exchange.getRequestHeaders().getFirst(PaymentHeaders.NONCE);
        if (signature == null || signature.isEmpty() || nonce == null || nonce.isEmpty()) {
            try {
                challenge.respond(exchange);
            } catch (NonceStoreUnavailableException e) {
                storeUnavailable(exchange, e); // no nonce can be issued, so no challenge
            }
            return;
        }
        // Reading the body and calling the verifier block; both happen on a worker thread.
        new Blocking(paid -> {
            try {
                verify(paid, signature.trim(), nonce.trim());
            } catch (NonceStoreUnavailableException e) {
                storeUnavailable(paid, e);
            }
        }).handleRequest(exchange);
    }

    /** The nonce store could not answer (already counted in gateway_store_errors_total): fail closed with 503. */
    private static void storeUnavailable(HttpServerExchange exchange, NonceStoreUnavailableException e) {
        LOG.info(() -> "[cid=" + CorrelationId.of(exchange) + "] " + e.getMessage());
        if (exchange.isResponseStarted()) {
            exchange.endExchange();
            return;
        }
        JsonResponses.error(exchange, 503, "nonce_store_unavailable", "the payment nonce store is unavailable; retry later");
    }

    private void verify(HttpServerExchange exchange, String signature, String nonce) throws Exception {
        String cid = CorrelationId.of(exchange);
        byte[] raw;
        try {
            raw = Bodies.read(exchange, maxBodyBytes);
        } catch (BodyTooLargeException e) {
            JsonResponses.error(exchange, 413, "payload_too_large", "request body exceeds " + maxBodyBytes + " bytes");
            return;
        } catch (IOException e) {
            JsonResponses.error(exchange, 400, "invalid_request_body", "the request body could not be read");
            return;
        }
        String text = text(raw);
        if (text == null) {
            JsonResponses.error(exchange, 400, "invalid_request_body", "Request must be a JSON object with a string field 'text'");
            return;
        }
        if (text.isBlank()) {
            JsonResponses.error(exchange, 400, "empty_text", "text field cannot be empty");
            return;
        }
        if (!SIGNATURE.matcher(signature).matches()) {
            fail(exchange, VerificationFailure.MALFORMED_SIGNATURE, 400, "X-402-Signature must be 0x followed by 130 hex digits (65 bytes)");
            return;
        }
        String payerHeader = exchange.getRequestHeaders().getFirst(PaymentHeaders.PAYER);
        String expectedPayer = null;
        if (payerHeader != null && !payerHeader.isBlank()) {
            try {
                expectedPayer = Address.toChecksum(Address.parse(payerHeader.trim()));
            } catch (Eip712Exception e) {
                fail(exchange, VerificationFailure.INVALID_PAYER, 400, "X-402-Payer must be a 0x-prefixed 20-byte hex address");
                return;
            }
        }
        Lookup issued = NONCE.matcher(nonce).matches() ? nonces.peek(nonce) : Lookup.unknown();
        if (issued.status() != Lookup.Status.AVAILABLE) {
            refuseNonce(exchange, issued.status());
            return;
        }
        VerifierClient.Outcome outcome = verifier.verify(issued.payment(), signature, cid);
        if (outcome.failure() != null) {
            LOG.info(() -> "[cid=" + cid + "] verification failed: " + outcome.detail());
            switch (outcome.failure()) {
                case VERIFIER_TIMEOUT -> fail(exchange, outcome.failure(), 504, "verifier_timeout", "Verifier request timed out");
                case VERIFIER_UNAVAILABLE -> fail(exchange, outcome.failure(), 503, "verification_unavailable", "Verification service unavailable");
                case VERIFIER_BAD_RESPONSE -> fail(exchange, outcome.failure(), 502, "verification_unavailable", "Verification service gave an unusable answer");
                default -> fail(exchange, outcome.failure(), 403, "invalid_signature", outcome.detail());
            }
            return;
        }
        String signer = Address.toChecksum(Address.parse(outcome.address()));
        if (expectedPayer != null && !expectedPayer.equals(signer)) {
            fail(exchange, VerificationFailure.SIGNER_MISMATCH, 403, "signer_mismatch", "the payment was not signed by X-402-Payer");
            return;
        }
        Lookup consumed = nonces.consume(nonce);
        if (consumed.status() != Lookup.Status.CONSUMED) {
            refuseNonce(exchange, consumed.status());
            return;
        }
        metrics.verificationSucceeded();
        exchange.putAttachment(PaidRequest.KEY, new PaidRequest(raw, text, consumed.payment(), signer));
        next.handleRequest(exchange);
    }

    private void refuseNonce(HttpServerExchange exchange, Lookup.Status status) {
        switch (status) {
            case ALREADY_USED -> fail(exchange, VerificationFailure.NONCE_ALREADY_USED, 409, "nonce_already_used",
                    "this payment nonce has already been used; request a new challenge");
            case EXPIRED -> fail(exchange, VerificationFailure.NONCE_EXPIRED, 400, "nonce_expired",
                    "this payment nonce has expired; request a new challenge");
            default -> fail(exchange, VerificationFailure.NONCE_UNKNOWN, 400, "nonce_unknown",
                    "this payment nonce was not issued by this gateway; request a new challenge");
        }
    }

    private void fail(HttpServerExchange exchange, VerificationFailure reason, int status, String message) {
        fail(exchange, reason, status, reason.code(), message);
    }

    private void fail(HttpServerExchange exchange, VerificationFailure reason, int status, String code, String message) {
        metrics.verificationFailed(reason);
        JsonResponses.error(exchange, status, code, message);
    }

    /** The non-null {@code text} of a JSON object body, or null when the body is not that. */
    private static String text(byte[] raw) {
        try {
            JsonNode json = Json.MAPPER.readTree(raw);
            if (json == null || !json.isObject() || !json.path("text").isTextual()) {
                return null;
            }
            return json.get("text").textValue();
        } catch (IOException e) {
            return null;
        }
    }
}
