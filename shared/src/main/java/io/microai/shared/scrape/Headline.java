package io.microai.shared.scrape;

import java.util.function.Function;

/**
 * The headline figures every view plots over time (the terminal's sparklines, the dashboard's
 * charts), each read from a {@link StackFigures} in one way so the two views cannot disagree. A
 * role with no targets has no figures (null), not zeros: "nothing to measure" must not look like
 * "measured idle".
 */
public enum Headline {
    REQUESTS_PER_SECOND(gateway(GatewayFigures::requestsPerSecond)),
    ERROR_5XX_RATIO(gateway(GatewayFigures::error5xxRatio)),
    ERROR_4XX_RATIO(gateway(GatewayFigures::error4xxRatio)),
    IN_FLIGHT(gateway(GatewayFigures::inFlight)),
    CACHE_HIT_RATIO(gateway(GatewayFigures::cacheHitRatio)),
    RATE_LIMITED_PER_SECOND(gateway(GatewayFigures::rateLimitedPerSecond)),
    VERIFICATION_SUCCESS_RATIO(gateway(GatewayFigures::verificationSuccessRatio)),
    P50_SECONDS(gateway(g -> latency(g.latencySeconds(), Latency::p50))),
    P95_SECONDS(gateway(g -> latency(g.latencySeconds(), Latency::p95))),
    P99_SECONDS(gateway(g -> latency(g.latencySeconds(), Latency::p99))),
    VERIFICATIONS_PER_SECOND(verifier(VerifierFigures::verificationsPerSecond)),
    VERIFIER_SUCCESS_RATIO(verifier(VerifierFigures::successRatio)),
    VERIFIER_P99_SECONDS(verifier(v -> latency(v.latencySeconds(), Latency::p99))),
    // Summed over reasons only once the verifier's request rate is known, so a first scrape with
    // no window yet reads "unknown" rather than "no invalid signatures".
    INVALID_PER_SECOND(verifier(v -> v.verificationsPerSecond() == null ? null
            : v.invalidPerSecondByReason().values().stream().mapToDouble(d -> d == null ? 0 : d).sum())),
    VERIFIER_UP_RATIO(verifier(v -> v.targetsUp() == v.targetsTotal() ? 1.0 : 0.0));

    private final Function<StackFigures, Double> read;

    Headline(Function<StackFigures, Double> read) {
        this.read = read;
    }

    /** The figure, or null when it cannot be computed. */
    public Double of(StackFigures figures) {
        return figures == null ? null : read.apply(figures);
    }

    private static Function<StackFigures, Double> gateway(Function<GatewayFigures, Double> read) {
        return f -> f.gateway() == null || f.gateway().targetsTotal() == 0 ? null : read.apply(f.gateway());
    }

    private static Function<StackFigures, Double> verifier(Function<VerifierFigures, Double> read) {
        return f -> f.verifier() == null || f.verifier().targetsTotal() == 0 ? null : read.apply(f.verifier());
    }

    private static Double latency(Latency latency, Function<Latency, Double> quantile) {
        return latency == null ? null : quantile.apply(latency);
    }
}
