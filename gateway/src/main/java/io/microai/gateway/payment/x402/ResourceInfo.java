package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.http.Json;
import java.util.Objects;

/** What is being paid for: informational to the client, which echoes it; no check depends on it. */
public record ResourceInfo(String url, String description, String mimeType) {
    public ResourceInfo {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mimeType, "mimeType");
        if (url.isEmpty()) {
            throw new IllegalArgumentException("the resource url must not be empty");
        }
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("url", url);
        node.put("description", description);
        node.put("mimeType", mimeType);
        return node;
    }
}
