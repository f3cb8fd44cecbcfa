package io.microai.gateway.store;

import java.util.Locale;
import java.util.Objects;

/**
 * A shared store (Redis) could not answer: not connected, too slow, or it answered with an error.
 * Thrown by the Redis-backed {@code NonceStore} and {@code RateLimiter}; the HTTP layer turns it into
 * a 503 ({@code nonce_store_unavailable}, or {@code rate_limit_store_unavailable} /
 * pass-through, following {@code RATE_LIMIT_ON_STORE_ERROR}). It is never a client's fault, so it is
 * never a 4xx, and never a 500. The failure is already counted in
 * {@code gateway_store_errors_total{store,reason}} when this is thrown.
 */
public final class StoreUnavailableException extends RuntimeException {

    /** Which store failed: the closed {@code store} label set. */
    public enum Store {
        NONCE, RATE_LIMIT;

        private final String label = name().toLowerCase(Locale.ROOT);

        public String label() {
            return label;
        }
    }

    /** Why: the closed {@code reason} label set. */
    public enum Reason {
        /** No answer within {@code REDIS_TIMEOUT_MS}. */
        TIMEOUT,
        /** Not connected (refused, closed, reconnecting): the command was rejected at once. */
        UNAVAILABLE,
        /** Redis answered, but with an error or a value this gateway cannot read. */
        ERROR;

        private final String label = name().toLowerCase(Locale.ROOT);

        public String label() {
            return label;
        }
    }

    private final Store store;
    private final Reason reason;

    public StoreUnavailableException(Store store, Reason reason, String message, Throwable cause) {
        super(store.label() + " store " + reason.label() + ": " + message, cause);
        this.store = Objects.requireNonNull(store, "store");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Store store() {
        return store;
    }

    public Reason reason() {
        return reason;
    }
}
