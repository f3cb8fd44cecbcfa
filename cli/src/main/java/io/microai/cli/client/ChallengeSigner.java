package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.gateway.payment.x402.X402Version;
import io.microai.shared.eip712.PaymentContext;
import io.microai.shared.eip712.TransferWithAuthorization;
import io.microai.shared.verify.AuthorizationVerifyRequest;
import io.microai.shared.verify.VerifyRequest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Signs answers to a 402 without sending them, for tools that replay payments later (the paid-path
 * benchmark signs its payments before the measured window). It uses the CLI's own payers, so a payment
 * signed here is the one {@code microai pay} would send; each call signs afresh (an x402 authorization gets
 * a new random nonce, so one challenge yields any number of distinct payments).
 */
public final class ChallengeSigner {
    private final Payers payers = Payers.standard();
    private final Wallet wallet;

    public ChallengeSigner(Wallet wallet) {
        this.wallet = wallet;
    }

    public Wallet wallet() {
        return wallet;
    }

    /** The summarize request body for {@code text}, as the CLI sends it. */
    public static String requestBody(String text) throws IOException {
        return X402Client.requestBody(text);
    }

    /**
     * The headers of the paid retry answering {@code challenge} in {@code protocol}, in sending order.
     *
     * @throws IllegalArgumentException when the challenge cannot be paid in that protocol (the reason says why)
     */
    public Map<String, String> paymentHeaders(PaymentProtocol protocol, HttpResponse<String> challenge) {
        try {
            return payers.of(protocol).paymentHeaders(challenge, wallet, false, Tamper.NONE);
        } catch (UnpayableChallenge e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The body the gateway sends to the verifier's {@code POST /verify} for an upstream-format payment of
     * {@code challenge}'s context, but with {@code nonce} in place of the issued one (the verifier keeps no
     * nonces, so any value is signed and recovered alike).
     */
    public VerifyRequest verifyRequest(HttpResponse<String> challenge, String nonce) {
        PaymentContext issued;
        try {
            issued = LegacyPayer.paymentContext(challenge.body());
        } catch (UnpayableChallenge e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        PaymentContext context = new PaymentContext(issued.recipient(), issued.token(), issued.amount(), nonce, issued.chainId());
        return new VerifyRequest(new VerifyRequest.Context(context.recipient(), context.token(), context.amount(),
                context.nonce(), context.chainId()), wallet.sign(context));
    }

    /**
     * The body the gateway sends to the verifier's {@code POST /verify/authorization} for a fresh x402
     * version 2 authorization answering {@code challenge}: the token domain of its requirement, the signed
     * message and the signature.
     */
    public AuthorizationVerifyRequest authorizationRequest(HttpResponse<String> challenge) {
        try {
            X402Terms terms = X402Terms.of(X402Version.V2, challenge);
            X402Payer payer = (X402Payer) payers.of(PaymentProtocol.X402);
            JsonNode payload = payer.payment(terms, wallet, Tamper.NONE).path("payload");
            JsonNode a = payload.path("authorization");
            TransferWithAuthorization message = new TransferWithAuthorization(a.path("from").asText(), a.path("to").asText(),
                    a.path("value").asText(), a.path("validAfter").asText(), a.path("validBefore").asText(),
                    a.path("nonce").asText());
            return new AuthorizationVerifyRequest(AuthorizationVerifyRequest.Domain.of(terms.domain()),
                    AuthorizationVerifyRequest.Message.of(message), payload.path("signature").asText());
        } catch (UnpayableChallenge e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
