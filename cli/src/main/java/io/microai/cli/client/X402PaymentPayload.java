package io.microai.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.gateway.payment.x402.X402Version;
import io.microai.shared.eip712.TransferWithAuthorization;
import io.microai.shared.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JSON a payer sends in {@code PAYMENT-SIGNATURE} (version 2) or {@code X-PAYMENT} (version 1), with
 * members in the order the official client writes them, so the header is the one it would send:
 * <ul>
 *   <li>v2 {@code {"x402Version":2,"payload":{"authorization":{…},"signature":…},"extensions"?,"resource"?,"accepted":…}},
 *       {@code extensions}, {@code resource} and {@code accepted} echoed from the challenge as received;</li>
 *   <li>v1 {@code {"x402Version":1,"scheme":…,"network":…,"payload":{"authorization":{…},"signature":…}}}.</li>
 * </ul>
 */
final class X402PaymentPayload {
    private X402PaymentPayload() {
    }

    static ObjectNode of(X402Terms terms, TransferWithAuthorization authorization, String signature) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("x402Version", terms.version().number());
        if (terms.version() == X402Version.V1) {
            root.put("scheme", terms.requirement().path("scheme").asText());
            root.put("network", terms.network());
        }
        ObjectNode payload = root.putObject("payload");
        ObjectNode auth = payload.putObject("authorization");
        auth.put("from", authorization.from());
        auth.put("to", authorization.to());
        auth.put("value", authorization.value());
        auth.put("validAfter", authorization.validAfter());
        auth.put("validBefore", authorization.validBefore());
        auth.put("nonce", authorization.nonce());
        payload.put("signature", signature);
        if (terms.version() == X402Version.V2) {
            if (terms.extensions() != null) {
                root.set("extensions", terms.extensions().deepCopy());
            }
            if (terms.resource() != null) {
                root.set("resource", terms.resource().deepCopy());
            }
            root.set("accepted", terms.requirement().deepCopy());
        }
        return root;
    }

    /** base64 (standard alphabet, padded) of the UTF-8 JSON: the header value. */
    static String encode(ObjectNode payment) {
        try {
            return Base64.getEncoder().encodeToString(Json.MAPPER.writeValueAsString(payment).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an in-memory JSON write failed", e);
        }
    }
}
