package io.microai.gateway.payment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.gateway.payment.x402.Challenge;
import io.microai.gateway.payment.x402.ChallengeBuilder;
import io.microai.gateway.payment.x402.Refusal;
import io.microai.gateway.payment.x402.ResourceUrls;
import io.microai.gateway.payment.x402.X402Headers;
import io.microai.gateway.payment.x402.X402Version;
import io.microai.shared.http.CorrelationId;
import io.microai.shared.http.Json;
import io.microai.shared.http.JsonResponses;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one 402 answer, carrying what every client generation reads: the upstream format's body members and
 * nonce (while {@code legacy} is on), x402 version 2's {@code PAYMENT-REQUIRED} header and version 1's
 * {@code x402Version}/{@code accepts} body members (while those are on). Upstream's members come first with
 * their values, so {@code error} stays {@code "Payment Required"}; the official client ignores that member.
 * Every 402 is {@code Cache-Control: no-store}: it prices one request at one moment.
 *
 * <p>The resource URL in the x402 terms is built from {@code PUBLIC_BASE_URL} when set, else from the request's
 * own scheme and {@code Host}; {@code X-Forwarded-*} is never read.
 */
public final class Challenge402 {
    private static final HttpString PAYMENT_REQUIRED = HttpString.tryFromString(X402Headers.PAYMENT_REQUIRED);
    static final String X402_ONLY_MESSAGE = "Pay with x402: the terms are in the PAYMENT-REQUIRED header";

    private final Optional<LegacyChallenge> legacy;
    private final Optional<ChallengeBuilder> x402;
    private final ResourceUrls urls;
    private final String path;

    /**
     * @param legacy the upstream format's nonce issuer, when {@code legacy} is on; without it no nonce is issued
     * @param x402   the x402 terms, when either version is on
     * @param path   the route, which is the resource's path
     */
    public Challenge402(Optional<LegacyChallenge> legacy, Optional<ChallengeBuilder> x402, ResourceUrls urls, String path) {
        if (legacy.isEmpty() && x402.isEmpty()) {
            throw new IllegalArgumentException("a challenge needs at least one payment format");
        }
        this.legacy = legacy;
        this.x402 = x402;
        this.urls = Objects.requireNonNull(urls, "urls");
        this.path = Objects.requireNonNull(path, "path");
    }

    /** Whether answering does network I/O (issuing into a shared nonce store), so it must not run on an I/O thread. */
    boolean blocking() {
        return legacy.map(LegacyChallenge::remote).orElse(false);
    }

    /** Whether the upstream format is offered: its nonce is bound to the challenge request's body, which must be read. */
    boolean bindsBody() {
        return legacy.isPresent();
    }

    /**
     * The challenge for a request that carried no payment this gateway accepts. The body is written member by member:
     * the x402 terms come remembered per resource URL, so per request only the nonce (when issued) and the
     * correlation id are new.
     *
     * @param requestBody the challenge request's body, when {@link #bindsBody}; null otherwise
     */
    void respond(HttpServerExchange exchange, byte[] requestBody) {
        String cid = CorrelationId.of(exchange);
        IssuedPayment issued = null;
        if (legacy.isPresent()) {
            try {
                issued = legacy.get().issue(RequestBinding.of(path, requestBody == null ? new byte[0] : requestBody));
            } catch (NonceStoreUnavailableException e) {
                NonceStoreOutage.respond(exchange, e); // no nonce can be issued, so no challenge
                return;
            }
        }
        Challenge terms = x402.isPresent() ? x402.get().paymentRequired(resourceUrl(exchange)) : null;
        if (terms != null) {
            terms.paymentRequired().ifPresent(value -> exchange.getResponseHeaders().put(PAYMENT_REQUIRED, value));
        }
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, X402Headers.CHALLENGE_CACHE_CONTROL);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            if (issued != null) {
                LegacyChallenge.writeMembers(json, issued, cid);
            } else {
                json.writeStringField("error", LegacyChallenge.ERROR);
                json.writeStringField("message", X402_ONLY_MESSAGE);
                json.writeStringField("correlation_id", cid);
            }
            if (terms != null && terms.v1Version().isPresent()) {
                // Version 1's members after the body's own ones; the body's own error stays.
                json.writeNumberField("x402Version", terms.v1Version().get());
                json.writeFieldName("accepts");
                json.writeRawValue(terms.v1AcceptsJson().orElseThrow());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory JSON write failed", e);
        }
        JsonResponses.sendJson(exchange, 402, out.toByteArray());
    }

    /**
     * Refuses an x402 payment in the house error shape ({@code error} = the refusal's code); a 402 also
     * carries a fresh challenge whose {@code error} is the reason, as the official server answers. It issues
     * no upstream nonce: the client is paying with x402.
     */
    void refuse(HttpServerExchange exchange, Refusal refusal) {
        Map<String, Object> body = JsonResponses.errorBody(refusal.code(), refusal.message(), CorrelationId.of(exchange));
        if (refusal.failure().carriesChallenge() && x402.isPresent()) {
            offer(exchange, x402.get().challenge(resourceUrl(exchange), refusal), body);
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, X402Headers.CHALLENGE_CACHE_CONTROL);
        }
        JsonResponses.send(exchange, refusal.status(), body);
    }

    /** The x402 requirements a payment of {@code version} on this request was made against, for the facilitator. */
    ObjectNode requirements(HttpServerExchange exchange, X402Version version) {
        return x402.orElseThrow().requirements(version, resourceUrl(exchange));
    }

    /** Adds the x402 challenge: the version 2 header, and version 1's members after the body's own ones. */
    private static void offer(HttpServerExchange exchange, Challenge challenge, Map<String, Object> body) {
        challenge.paymentRequired().ifPresent(value -> exchange.getResponseHeaders().put(PAYMENT_REQUIRED, value));
        challenge.v1Fields().ifPresent(v1 -> merge(v1, body));
    }

    private static void merge(ObjectNode v1, Map<String, Object> body) {
        for (Iterator<Map.Entry<String, JsonNode>> it = v1.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            body.putIfAbsent(member.getKey(), member.getValue()); // the body's own error stays
        }
    }

    private String resourceUrl(HttpServerExchange exchange) {
        return urls.forRequest(path, exchange.getQueryString(),
                () -> exchange.getRequestScheme() + "://" + exchange.getHostAndPort());
    }
}
