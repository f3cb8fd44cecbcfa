package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.microai.shared.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the 402 challenge of one protected resource. The {@code accepts} list never changes while the
 * gateway runs, so it is serialised once; per request only the resource URL and the error text are
 * written around it.
 *
 * <p>Version 2: {@code PAYMENT-REQUIRED: base64(utf8(json))} with the standard, padded alphabet, JSON
 * {@code {"x402Version":2,"error":…,"resource":{url,description,mimeType},"accepts":[REQ],"extensions":{}}}.
 * Version 1: body members {@code {"x402Version":1,"error":…,"accepts":[REQ v1]}}.
 */
public final class ChallengeBuilder {
    /** The official server's text for a request that carried no payment. */
    public static final String PAYMENT_REQUIRED = "Payment required";
    /**
     * Resource URLs whose unpaid challenge is kept. Without {@code PUBLIC_BASE_URL} the URL carries the client's
     * {@code Host} and query, so the set is the client's to choose: it is bounded, and a URL outside it is built anew.
     */
    static final int REMEMBERED_URLS = 256;

    private final X402Settings settings;
    private final String description;
    private final String mimeType;
    private final String acceptsJson;
    private final Cache<String, Challenge> unpaid = Caffeine.newBuilder().maximumSize(REMEMBERED_URLS).build();

    public ChallengeBuilder(X402Settings settings, String description, String mimeType) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.description = Objects.requireNonNull(description, "description");
        this.mimeType = Objects.requireNonNull(mimeType, "mimeType");
        ArrayNode accepts = Json.MAPPER.createArrayNode().add(settings.requirements().toJson());
        try {
            this.acceptsJson = Json.MAPPER.writeValueAsString(accepts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("requirements could not be serialised", e);
        }
    }

    /** The challenge for {@code resourceUrl}; {@code error} says why (see {@link #PAYMENT_REQUIRED}). */
    public Challenge challenge(String resourceUrl, String error) {
        Objects.requireNonNull(error, "error");
        ResourceInfo resource = new ResourceInfo(resourceUrl, description, mimeType);
        Optional<String> header = settings.offers(X402Version.V2) ? Optional.of(paymentRequired(resource, error)) : Optional.empty();
        Optional<ObjectNode> v1 = settings.offers(X402Version.V1) ? Optional.of(v1Fields(resource, error)) : Optional.empty();
        return new Challenge(header, v1);
    }

    /**
     * {@link #challenge(String, String)} with {@link #PAYMENT_REQUIRED}: what a request without a payment gets. The terms
     * are fixed while the gateway runs, so the answer for one URL is built once and then handed out as it is.
     */
    public Challenge paymentRequired(String resourceUrl) {
        Objects.requireNonNull(resourceUrl, "resourceUrl");
        Challenge known = unpaid.getIfPresent(resourceUrl);
        if (known != null) {
            return known;
        }
        Challenge built = challenge(resourceUrl, PAYMENT_REQUIRED);
        unpaid.put(resourceUrl, built);
        return built;
    }

    /** The challenge that answers a refusal: the same terms, with the refusal's reason as the error. */
    public Challenge challenge(String resourceUrl, Refusal refusal) {
        return challenge(resourceUrl, refusal.message());
    }

    /**
     * The requirements a payment of {@code version} for {@code resourceUrl} was made against, as the facilitator
     * receives them: the version 2 offer, or version 1's entry with its resource.
     */
    public ObjectNode requirements(X402Version version, String resourceUrl) {
        if (version == X402Version.V2) {
            return settings.requirements().toJson();
        }
        ResourceInfo resource = new ResourceInfo(resourceUrl, description, mimeType);
        return PaymentRequirementsV1.of(settings.requirements(), settings.v1Network().orElseThrow(), resource).toJson();
    }

    private String paymentRequired(ResourceInfo resource, String error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("x402Version", X402Version.V2.number());
            json.writeStringField("error", error);
            json.writeObjectFieldStart("resource");
            json.writeStringField("url", resource.url());
            json.writeStringField("description", resource.description());
            json.writeStringField("mimeType", resource.mimeType());
            json.writeEndObject();
            json.writeFieldName("accepts");
            json.writeRawValue(acceptsJson);
            json.writeObjectFieldStart("extensions");
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory JSON write failed", e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private ObjectNode v1Fields(ResourceInfo resource, String error) {
        String network = settings.v1Network().orElseThrow(); // settings only offer v1 where the name exists
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("x402Version", X402Version.V1.number());
        body.put("error", error);
        body.putArray("accepts").add(PaymentRequirementsV1.of(settings.requirements(), network, resource).toJson());
        return body;
    }
}
