package io.microai.gateway.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.http.BodyReceiver;
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

    /** What runs on a worker thread, in blocking mode, with a body that passed every check. */
    @FunctionalInterface
    public interface Consumer {
        void accept(HttpServerExchange exchange, RequestText body) throws Exception;
    }

    /**
     * Gathers the body without holding a worker (see {@link BodyReceiver}) and, once it is complete and valid,
     * hands it to {@code next} on a worker thread; a body that is not a JSON object with a non-blank string
     * {@code text} of well-formed Unicode gets its refusal instead.
     */
    public static void receive(HttpServerExchange exchange, long maxBodyBytes, Consumer next) {
        BodyReceiver.receive(exchange, maxBodyBytes,
                (worker, raw) -> {
                    Optional<RequestText> body = validate(worker, raw);
                    if (body.isPresent()) {
                        next.accept(worker, body.get());
                    }
                },
                (failed, e) -> unreadable(failed, e, maxBodyBytes));
    }

    /** The refusal of a body that could not be read whole. */
    static void unreadable(HttpServerExchange exchange, IOException e, long maxBodyBytes) {
        if (e instanceof BodyTooLargeException) {
            JsonResponses.error(exchange, 413, "payload_too_large", "request body exceeds " + maxBodyBytes + " bytes");
        } else {
            JsonResponses.error(exchange, 400, "invalid_request_body", "the request body could not be read");
        }
    }

    /** The body's text when it is acceptable; otherwise empty, the refusal already sent. */
    static Optional<RequestText> validate(HttpServerExchange exchange, byte[] raw) {
        String text = text(raw);
        if (text == null) {
            JsonResponses.error(exchange, 400, "invalid_request_body", "Request must be a JSON object with a string field 'text'");
            return Optional.empty();
        }
        if (text.isBlank()) {
            JsonResponses.error(exchange, 400, "empty_text", "text field cannot be empty");
            return Optional.empty();
        }
        if (!WellFormedText.isWellFormed(text)) {
            // JSON can spell a lone surrogate (a backslash-u escape of D800) that no encoding carries; such text would share its
            // cache entry and its request hash with whatever the encoder substitutes.
            JsonResponses.error(exchange, 400, "invalid_text", "text contains an unpaired UTF-16 surrogate");
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
