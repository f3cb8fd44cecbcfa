package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.eip712.PaymentContext;
import io.microai.shared.http.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The upstream service's format: sign the EIP-712 {@code Payment} over the 402 body's {@code paymentContext}
 * (with its gateway-issued nonce) and retry with {@code X-402-Signature} and {@code X-402-Nonce}.
 */
final class LegacyPayer implements Payer {
    static final String SIGNATURE_HEADER = "X-402-Signature";
    static final String NONCE_HEADER = "X-402-Nonce";
    static final String PAYER_HEADER = "X-402-Payer";

    @Override
    public Map<String, String> paymentHeaders(HttpResponse<String> challenge, Wallet wallet, boolean withPayer, Tamper tamper)
            throws UnpayableChallenge {
        PaymentContext context = paymentContext(challenge.body());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SIGNATURE_HEADER, tamper.signature().apply(wallet.sign(context)));
        headers.put(NONCE_HEADER, tamper.nonce().apply(context.nonce()));
        if (withPayer) {
            headers.put(PAYER_HEADER, wallet.address());
        }
        return headers;
    }

    static PaymentContext paymentContext(String challengeBody) throws UnpayableChallenge {
        JsonNode context;
        try {
            context = Json.MAPPER.readTree(challengeBody).path("paymentContext");
        } catch (IOException e) {
            throw new UnpayableChallenge("the 402 body is not JSON");
        }
        if (!context.isObject()) {
            throw new UnpayableChallenge("the 402 has no paymentContext: the gateway does not offer the legacy protocol"
                    + " (see its PAYMENT_PROTOCOLS)");
        }
        return new PaymentContext(context.path("recipient").asText(), context.path("token").asText(),
                context.path("amount").asText(), context.path("nonce").asText(), context.path("chainId").bigIntegerValue());
    }
}
