package io.microai.gateway.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.http.Bodies;
import io.microai.shared.http.BodyTooLargeException;
import io.microai.shared.http.Json;
import io.microai.shared.http.JsonResponses;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.Optional;

/**
 * The body of a paid request, read and validated before any payment is looked at, so a request the
 * gateway would refuse anyway never spends a nonce or an authorization.
 *
 * @param raw  the bytes as received, which the receipt's request hash covers
 * @param text the non-blank {@code text} member
 */
public record RequestText(byte[] raw, String text) {

    /**
     * Reads the body on a worker thread in blocking mode; empty when it is not a JSON object with a
     * non-blank string {@code text}, in which case the refusal has already been sent.
     */
    public static Optional<RequestText> read(HttpServerExchange exchange, long maxBodyBytes) {
        byte[] raw;
        try {
            raw = Bodies.read(exchange, maxBodyBytes);
        } catch (BodyTooLargeException e) {
            JsonResponses.error(exchange, 413, "payload_too_large", "request body exceeds " + maxBodyBytes + " bytes");
            return Optional.empty();
        } catch (IOException e) {
            JsonResponses.error(exchange, 400, "invalid_request_body", "the request body could not be read");
            return Optional.empty();
        }
        String text = text(raw);
        if (text == null) {
            JsonResponses.error(exchange, 400, "invalid_request_body", "Request must be a JSON object with a string field 'text'");
            return Optional.empty();
        }
        if (text.isBlank()) {
            JsonResponses.error(exchange, 400, "empty_text", "text field cannot be empty");
            return Optional.empty();
        }
        return Optional.of(new RequestText(raw, text));
    }

    /** The non-null {@code text} of a JSON object body, or null when the body is not that. */
    private static String text(byte[] raw) {
        try {
            JsonNode json = Json.MAPPER.readTree(raw);
            if (json == null || !json.isObject() || !json.path("text").isTextual()) {
                return null;
            }
            return json.get("text").textValue();
        } catch (IOException e) {
            return null;
        }
    }
}
