package io.microai.gateway.metrics;

import java.util.Locale;

/** A store that a fleet of gateways can share through Redis: the closed {@code store} label set. */
public enum SharedStore {
    NONCE, RATE_LIMIT, RECEIPT;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }
}
