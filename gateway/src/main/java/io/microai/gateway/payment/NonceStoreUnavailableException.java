package io.microai.gateway.payment;

import io.microai.gateway.metrics.SharedStore;
import io.microai.gateway.metrics.StoreFailure;
import java.util.Objects;

/**
 * A shared {@link NonceStore} could not answer: not connected, too slow, or it answered with an error.
 * The payment step turns it into 503 {@code nonce_store_unavailable}: it is never the client's fault,
 * so never a 4xx, and never a 500. The failure is already counted in
 * {@code gateway_store_errors_total{store="nonce",reason}} when this is thrown.
 */
public final class NonceStoreUnavailableException extends RuntimeException {
    private final StoreFailure reason;

    public NonceStoreUnavailableException(StoreFailure reason, String detail, Throwable cause) {
        super(reason.describe(SharedStore.NONCE, detail), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public StoreFailure reason() {
        return reason;
    }
}
