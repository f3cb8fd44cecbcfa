package io.microai.shared.http;

import io.microai.shared.random.RandomUuids;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;

/**
 * The request's correlation id: the client's {@code X-Correlation-ID} when it is sane (1–64
 * characters, no control characters), otherwise a fresh UUID. It travels to the verifier, back in the
 * response header, and into every error body and log line.
 */
public final class CorrelationId {
    public static final HttpString HEADER = HttpString.tryFromString("X-Correlation-ID");
    public static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);
    private static final int MAX_LENGTH = 64;

    private CorrelationId() {
    }

    public static String sanitize(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return RandomUuids.nextString();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < 0x20 || c == 0x7f || c > 0x7e) {
                return RandomUuids.nextString();
            }
        }
        return candidate;
    }

    /** The id of this exchange, assigned on first use so every code path sees the same one. */
    public static String of(HttpServerExchange exchange) {
        String id = exchange.getAttachment(KEY);
        if (id == null) {
            id = sanitize(exchange.getRequestHeaders().getFirst(HEADER));
            exchange.putAttachment(KEY, id);
            exchange.getResponseHeaders().put(HEADER, id);
        }
        return id;
    }
}
