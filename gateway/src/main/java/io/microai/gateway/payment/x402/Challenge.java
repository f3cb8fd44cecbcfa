package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.http.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One 402 challenge in both versions: the version-2 header value and the version-1 body members. The
 * integrator sends {@link #headers()} and merges {@link #v1Fields()} into the 402 body next to whatever
 * else the body carries; the official client reads the header first and only falls back to a body whose
 * {@code x402Version} is 1.
 */
public final class Challenge {
    private final Optional<String> paymentRequired;
    private final Optional<ObjectNode> v1Fields;
    /** Version 1's {@code accepts} as JSON text, written on first use: a remembered challenge writes it once. */
    private volatile String v1AcceptsJson;

    Challenge(Optional<String> paymentRequired, Optional<ObjectNode> v1Fields) {
        this.paymentRequired = paymentRequired;
        this.v1Fields = v1Fields;
    }

    /** The {@code PAYMENT-REQUIRED} value (base64 of the PaymentRequired JSON), when version 2 is offered. */
    public Optional<String> paymentRequired() {
        return paymentRequired;
    }

    /** {@code PAYMENT-REQUIRED} when version 2 is offered, and always {@code Cache-Control: no-store}. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        paymentRequired.ifPresent(v -> headers.put(X402Headers.PAYMENT_REQUIRED, v));
        headers.put("Cache-Control", X402Headers.CHALLENGE_CACHE_CONTROL);
        return headers;
    }

    /**
     * {@code {"x402Version":1,"error":…,"accepts":[…]}} when version 1 is offered; a fresh copy on every
     * call, so the caller may add to it.
     */
    public Optional<ObjectNode> v1Fields() {
        return v1Fields.map(ObjectNode::deepCopy);
    }

    /**
     * The {@code x402Version} of {@link #v1Fields()}, when version 1 is offered. With {@link #v1AcceptsJson()} it is
     * what a body that keeps its own {@code error} takes from version 1.
     */
    public Optional<Integer> v1Version() {
        return v1Fields.map(v1 -> v1.get("x402Version").intValue());
    }

    /** The {@code accepts} member of {@link #v1Fields()} as JSON text, when version 1 is offered. */
    public Optional<String> v1AcceptsJson() {
        if (v1Fields.isEmpty()) {
            return Optional.empty();
        }
        String json = v1AcceptsJson;
        if (json == null) {
            try {
                json = Json.MAPPER.writeValueAsString(v1Fields.get().get("accepts"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an in-memory JSON tree could not be written", e);
            }
            v1AcceptsJson = json;
        }
        return Optional.of(json);
    }
}
