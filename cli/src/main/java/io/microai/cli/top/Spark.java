package io.microai.cli.top;

import io.microai.shared.scrape.Headline;
import io.microai.shared.scrape.StackFigures;

/**
 * The headline figures that get a sparkline, each one {@link Headline} (the same definition the
 * dashboard's charts use). {@code fromZero}: rates and latencies are drawn on a 0..max scale (a quiet
 * minute looks quiet); ratios on min..max (a success ratio wobbling between 98 % and 100 % would be a
 * flat bar on 0..1).
 */
enum Spark {
    GW_RPS(true, Headline.REQUESTS_PER_SECOND),
    GW_5XX(true, Headline.ERROR_5XX_RATIO),
    GW_4XX(true, Headline.ERROR_4XX_RATIO),
    GW_P99(true, Headline.P99_SECONDS),
    GW_IN_FLIGHT(true, Headline.IN_FLIGHT),
    GW_CACHE_HIT(false, Headline.CACHE_HIT_RATIO),
    GW_RATE_LIMITED(true, Headline.RATE_LIMITED_PER_SECOND),
    GW_VERIFY_OK(false, Headline.VERIFICATION_SUCCESS_RATIO),
    V_RPS(true, Headline.VERIFICATIONS_PER_SECOND),
    V_SUCCESS(false, Headline.VERIFIER_SUCCESS_RATIO),
    V_P99(true, Headline.VERIFIER_P99_SECONDS),
    V_INVALID(true, Headline.INVALID_PER_SECOND);

    final boolean fromZero;
    private final Headline figure;

    Spark(boolean fromZero, Headline figure) {
        this.fromZero = fromZero;
        this.figure = figure;
    }

    /** The figure, or NaN when it cannot be computed. */
    double of(StackFigures figures) {
        Double v = figure.of(figures);
        return v == null ? Double.NaN : v;
    }
}
