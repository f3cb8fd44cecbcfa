package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.payment.x402.X402Headers;
import io.microai.gateway.payment.x402.X402Version;
import io.microai.shared.http.Json;
import io.microai.shared.receipt.SignedReceipt;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The payment headers whose values are base64 of JSON, decoded so people can read them: the challenge, the
 * payment, the settlement and the receipt.
 */
final class EncodedHeaders {
    static final List<String> NAMES = List.of(X402Headers.PAYMENT_REQUIRED,
            X402Version.V2.paymentHeader(), X402Version.V1.paymentHeader(),
            X402Version.V2.responseHeader(), X402Version.V1.responseHeader(), SignedReceipt.HEADER);
    /** Where a client looks for the settlement, in this order (either name serves either version). */
    static final List<String> SETTLEMENT = List.of(X402Version.V2.responseHeader(), X402Version.V1.responseHeader());

    /** A decoded settlement header. */
    record Settlement(String header, JsonNode response) {
    }

    private EncodedHeaders() {
    }

    static boolean isEncoded(String headerName) {
        return NAMES.stream().anyMatch(headerName::equalsIgnoreCase);
    }

    /** The JSON a base64 header value carries; empty when it carries none. */
    static Optional<JsonNode> decode(String value) {
        try {
            JsonNode json = Json.MAPPER.readTree(new String(Base64.getDecoder().decode(value.strip()), StandardCharsets.UTF_8));
            return json != null && json.isContainerNode() ? Optional.of(json) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The first settlement header of a response that decodes; a value that does not decode is kept as text. */
    static Optional<Settlement> settlement(HttpHeaders headers) {
        for (String name : SETTLEMENT) {
            Optional<String> value = headers.firstValue(name);
            if (value.isPresent()) {
                JsonNode response = decode(value.get()).orElseGet(() -> Json.MAPPER.getNodeFactory().textNode(value.get()));
                return Optional.of(new Settlement(name, response));
            }
        }
        return Optional.empty();
    }
}
