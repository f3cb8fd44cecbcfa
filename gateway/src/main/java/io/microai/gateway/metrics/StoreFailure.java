package io.microai.gateway.metrics;

import java.util.Locale;

/** Why a shared-store call failed: the closed {@code reason} label set of {@code gateway_store_errors_total}. */
public enum StoreFailure {
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

    /** The message of the exception a store throws for this failure: which store, why, and the detail. */
    public String describe(SharedStore store, String detail) {
        return store.label() + " store " + label + ": " + detail;
    }
}
