package io.microai.cli.top;

import io.microai.shared.scrape.GatewayFigures;
import io.microai.shared.scrape.StackFigures;
import io.microai.shared.scrape.VerifierFigures;
import java.util.function.Function;

/**
 * The headline figures that get a sparkline, and how to read each from a {@link StackFigures}.
 * {@code fromZero}: rates and latencies are drawn on a 0..max scale (a quiet minute looks quiet);
 * ratios on min..max (a success ratio wobbling between 98 % and 100 % would be a flat bar on 0..1).
 */
enum Spark {
    GW_RPS(true, f -> gw(f) == null ? null : gw(f).requestsPerSecond()),
    GW_5XX(true, f -> gw(f) == null ? null : gw(f).error5xxRatio()),
    GW_4XX(true, f -> gw(f) == null ? null : gw(f).error4xxRatio()),
    GW_P99(true, f -> gw(f) == null || gw(f).latencySeconds() == null ? null : gw(f).latencySeconds().p99()),
    GW_IN_FLIGHT(true, f -> gw(f) == null ? null : gw(f).inFlight()),
    GW_CACHE_HIT(false, f -> gw(f) == null ? null : gw(f).cacheHitRatio()),
    GW_RATE_LIMITED(true, f -> gw(f) == null ? null : gw(f).rateLimitedPerSecond()),
    GW_VERIFY_OK(false, f -> gw(f) == null ? null : gw(f).verificationSuccessRatio()),
    V_RPS(true, f -> vf(f) == null ? null : vf(f).verificationsPerSecond()),
    V_SUCCESS(false, f -> vf(f) == null ? null : vf(f).successRatio()),
    V_P99(true, f -> vf(f) == null || vf(f).latencySeconds() == null ? null : vf(f).latencySeconds().p99()),
    V_INVALID(true, f -> vf(f) == null || vf(f).targetsTotal() == 0 ? null
            : vf(f).invalidPerSecondByReason().values().stream().mapToDouble(Double::doubleValue).sum());

    final boolean fromZero;
    private final Function<StackFigures, Double> read;

    Spark(boolean fromZero, Function<StackFigures, Double> read) {
        this.fromZero = fromZero;
        this.read = read;
    }

    /** The figure, or NaN when it cannot be computed. */
    double of(StackFigures figures) {
        Double v = figures == null ? null : read.apply(figures);
        return v == null ? Double.NaN : v;
    }

    private static GatewayFigures gw(StackFigures f) {
        return f.gateway() == null || f.gateway().targetsTotal() == 0 ? null : f.gateway();
    }

    private static VerifierFigures vf(StackFigures f) {
        return f.verifier() == null || f.verifier().targetsTotal() == 0 ? null : f.verifier();
    }
}
