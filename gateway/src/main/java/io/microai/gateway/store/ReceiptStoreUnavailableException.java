package io.microai.gateway.store;

import io.microai.gateway.metrics.SharedStore;
import io.microai.gateway.metrics.StoreFailure;
import java.util.Objects;

/**
 * The shared receipt store could not answer. Already counted in
 * {@code gateway_store_errors_total{store="receipt",reason}} when this is thrown.
 */
public final class ReceiptStoreUnavailableException extends RuntimeException {
    private final StoreFailure reason;

    public ReceiptStoreUnavailableException(StoreFailure reason, String detail, Throwable cause) {
        super(reason.describe(SharedStore.RECEIPT, detail), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public StoreFailure reason() {
        return reason;
    }
}
