package io.microai.shared.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.microai.shared.scrape.Headline;
import io.microai.shared.scrape.StackFigures;

/**
 * The headline figures of one sample, as the dashboard's charts plot them: one entry of the snapshot's
 * {@code history} array. Each value is one {@link Headline}, the same definition the terminal's sparklines use (rates per
 * second, ratios 0..1, seconds; null when unknown).
 */
@JsonPropertyOrder({"timestamp_ms", "requests_per_second", "error_5xx_ratio", "error_4xx_ratio", "in_flight",
        "cache_hit_ratio", "rate_limited_per_second", "verification_success_ratio", "p50_seconds", "p95_seconds",
        "p99_seconds", "verifier_up", "verifications_per_second", "verifier_success_ratio", "verifier_p99_seconds",
        "invalid_per_second"})
public record Frame(
        @JsonProperty("timestamp_ms") long timestampMs,
        @JsonProperty("requests_per_second") Double requestsPerSecond,
        @JsonProperty("error_5xx_ratio") Double error5xxRatio,
        @JsonProperty("error_4xx_ratio") Double error4xxRatio,
        @JsonProperty("in_flight") Double inFlight,
        @JsonProperty("cache_hit_ratio") Double cacheHitRatio,
        @JsonProperty("rate_limited_per_second") Double rateLimitedPerSecond,
        @JsonProperty("verification_success_ratio") Double verificationSuccessRatio,
        @JsonProperty("p50_seconds") Double p50Seconds,
        @JsonProperty("p95_seconds") Double p95Seconds,
        @JsonProperty("p99_seconds") Double p99Seconds,
        @JsonProperty("verifier_up") Boolean verifierUp,
        @JsonProperty("verifications_per_second") Double verificationsPerSecond,
        @JsonProperty("verifier_success_ratio") Double verifierSuccessRatio,
        @JsonProperty("verifier_p99_seconds") Double verifierP99Seconds,
        @JsonProperty("invalid_per_second") Double invalidPerSecond) {

    static Frame of(StackFigures f) {
        Double up = Headline.VERIFIER_UP_RATIO.of(f);
        return new Frame(f.timestampMs(),
                Headline.REQUESTS_PER_SECOND.of(f),
                Headline.ERROR_5XX_RATIO.of(f),
                Headline.ERROR_4XX_RATIO.of(f),
                Headline.IN_FLIGHT.of(f),
                Headline.CACHE_HIT_RATIO.of(f),
                Headline.RATE_LIMITED_PER_SECOND.of(f),
                Headline.VERIFICATION_SUCCESS_RATIO.of(f),
                Headline.P50_SECONDS.of(f),
                Headline.P95_SECONDS.of(f),
                Headline.P99_SECONDS.of(f),
                up == null ? null : up == 1.0,
                Headline.VERIFICATIONS_PER_SECOND.of(f),
                Headline.VERIFIER_SUCCESS_RATIO.of(f),
                Headline.VERIFIER_P99_SECONDS.of(f),
                Headline.INVALID_PER_SECOND.of(f));
    }
}
