package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.http.Json;
import java.util.Objects;

/**
 * One entry of version 2's {@code accepts}: what the client must sign. On the wire the amount is a
 * decimal string of atomic units and {@code maxTimeoutSeconds} a JSON number; {@code extra} carries the
 * token's EIP-712 name and version, without which the official client refuses to sign.
 */
public record PaymentRequirements(
        String scheme,
        String network,
        String amount,
        String asset,
        String payTo,
        int maxTimeoutSeconds,
        String extraName,
        String extraVersion) {

    public static final String EXACT = "exact";

    public PaymentRequirements {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(payTo, "payTo");
        Objects.requireNonNull(extraName, "extraName");
        Objects.requireNonNull(extraVersion, "extraVersion");
    }

    /** Fields in the order of the specification's examples, which is also the official server's. */
    public ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("scheme", scheme);
        node.put("network", network);
        node.put("amount", amount);
        node.put("asset", asset);
        node.put("payTo", payTo);
        node.put("maxTimeoutSeconds", maxTimeoutSeconds);
        node.set("extra", extraJson());
        return node;
    }

    ObjectNode extraJson() {
        ObjectNode extra = Json.MAPPER.createObjectNode();
        extra.put("name", extraName);
        extra.put("version", extraVersion);
        return extra;
    }
}
