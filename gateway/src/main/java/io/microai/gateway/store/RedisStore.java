package io.microai.gateway.store;

import io.microai.gateway.metrics.SharedStore;
import io.microai.gateway.metrics.StoreFailure;
import io.microai.gateway.payment.NonceStoreUnavailableException;
import io.microai.gateway.ratelimit.RateLimitStoreUnavailableException;

/**
 * The stores this package keeps in Redis: the label their calls are measured under, and the exception
 * their interface declares for a store that cannot answer, so a failed call reaches the caller already
 * in the type it catches.
 */
enum RedisStore {
    NONCE(SharedStore.NONCE, NonceStoreUnavailableException::new),
    RATE_LIMIT(SharedStore.RATE_LIMIT, RateLimitStoreUnavailableException::new),
    RECEIPT(SharedStore.RECEIPT, ReceiptStoreUnavailableException::new);

    /** Builds the interface's exception for one failure. */
    interface FailureType {
        RuntimeException create(StoreFailure reason, String detail, Throwable cause);
    }

    private final SharedStore label;
    private final FailureType failureType;

    RedisStore(SharedStore label, FailureType failureType) {
        this.label = label;
        this.failureType = failureType;
    }

    SharedStore label() {
        return label;
    }

    RuntimeException failure(StoreFailure reason, String detail, Throwable cause) {
        return failureType.create(reason, detail, cause);
    }
}
