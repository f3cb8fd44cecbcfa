package io.microai.gateway.ratelimit;

import io.microai.gateway.metrics.SharedStore;
import io.microai.gateway.metrics.StoreFailure;
import java.util.Objects;

/**
 * A shared {@link RateLimiter} could not answer: not connected, too slow, or it answered with an error.
 * The rate-limit step lets the request pass or answers 503 {@code rate_limit_store_unavailable},
 * following {@code RATE_LIMIT_ON_STORE_ERROR}; it is never a 4xx and never a 500. The failure is
 * already counted in {@code gateway_store_errors_total{store="rate_limit",reason}} when this is thrown.
 */
public final class RateLimitStoreUnavailableException extends RuntimeException {
    private final StoreFailure reason;

    public RateLimitStoreUnavailableException(StoreFailure reason, String detail, Throwable cause) {
        super(reason.describe(SharedStore.RATE_LIMIT, detail), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public StoreFailure reason() {
        return reason;
    }
}
