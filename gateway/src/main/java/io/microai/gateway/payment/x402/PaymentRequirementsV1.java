package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.http.Json;
import java.util.Objects;

/**
 * One entry of version 1's {@code accepts}. Version 1 names the network by word, calls the amount
 * {@code maxAmountRequired} and repeats the resource in every entry. {@code outputSchema} is left out
 * rather than sent as {@code null}: it is optional everywhere, and older version-1 validators accept a
 * missing schema but not a null one.
 */
public record PaymentRequirementsV1(
        String scheme,
        String network,
        String maxAmountRequired,
        String resource,
        String description,
        String mimeType,
        String payTo,
        int maxTimeoutSeconds,
        String asset,
        String extraName,
        String extraVersion) {

    public PaymentRequirementsV1 {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(maxAmountRequired, "maxAmountRequired");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(payTo, "payTo");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(extraName, "extraName");
        Objects.requireNonNull(extraVersion, "extraVersion");
    }

    /** The version-1 form of {@code v2} for {@code resource}, on the chain's version-1 network name. */
    public static PaymentRequirementsV1 of(PaymentRequirements v2, String v1Network, ResourceInfo resource) {
        return new PaymentRequirementsV1(v2.scheme(), v1Network, v2.amount(), resource.url(), resource.description(),
                resource.mimeType(), v2.payTo(), v2.maxTimeoutSeconds(), v2.asset(), v2.extraName(), v2.extraVersion());
    }

    /** Fields in the order of the official version-1 type. */
    public ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("scheme", scheme);
        node.put("network", network);
        node.put("maxAmountRequired", maxAmountRequired);
        node.put("resource", resource);
        node.put("description", description);
        node.put("mimeType", mimeType);
        node.put("payTo", payTo);
        node.put("maxTimeoutSeconds", maxTimeoutSeconds);
        node.put("asset", asset);
        ObjectNode extra = node.putObject("extra");
        extra.put("name", extraName);
        extra.put("version", extraVersion);
        return node;
    }
}
