package io.microai.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.payment.IssuedPayment;
import io.microai.shared.http.Json;

/**
 * An issued nonce as {@link RedisNonceStore} keeps it: JSON with its state, its grace period and the payment it
 * was issued for. Whatever is in Redis under a nonce key (written by another version, by hand, or damaged)
 * is read here or refused with {@link IllegalArgumentException}, which the store counts and answers as its
 * own failure (fail closed, never a 500).
 */
record StoredNonce(boolean used, long graceMillis, IssuedPayment payment) {

    static StoredNonce decode(String raw) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the stored nonce is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the stored nonce is not a JSON object");
        }
        String state = root.path("state").asText("");
        if (!state.equals("issued") && !state.equals("used")) {
            throw new IllegalArgumentException("unknown state '" + state + "'");
        }
        JsonNode p = root.path("payment");
        try {
            IssuedPayment payment = new IssuedPayment(p.path("recipient").asText(), p.path("token").asText(),
                    p.path("amount").asText(), p.path("nonce").asText(), p.path("chainId").asLong(),
                    p.path("issuedAt").asLong(), p.path("expiresAt").asLong(),
                    p.path("boundTo").isTextual() ? p.path("boundTo").textValue() : null);
            return new StoredNonce(state.equals("used"), root.path("grace_ms").asLong(0), payment);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("the stored payment is incomplete", e);
        }
    }
}
