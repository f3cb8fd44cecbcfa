package io.microai.gateway.ai;

import java.util.Objects;

/**
 * Outcome of a provider readiness probe.
 *
 * @param ready  whether the provider can currently serve requests
 * @param detail short, log-safe reason (e.g. {@code ok}, {@code status 401}, {@code timeout}); never an upstream body
 */
public record Readiness(boolean ready, String detail) {

    public Readiness {
        Objects.requireNonNull(detail, "detail");
    }

    public static Readiness ok() {
        return new Readiness(true, "ok");
    }

    public static Readiness notReady(String detail) {
        return new Readiness(false, detail);
    }
}
