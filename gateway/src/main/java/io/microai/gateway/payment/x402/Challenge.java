package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
}
