package io.microai.shared.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.microai.shared.scrape.GatewayFigures;
import io.microai.shared.scrape.StackFigures;
import io.microai.shared.scrape.TargetFigures;
import io.microai.shared.scrape.VerifierFigures;
import java.util.Map;

/**
 * The headline figures of one sample, as the dashboard's charts plot them: one entry of the snapshot's
 * {@code history} array. Same units and null conventions as {@link StackFigures} (rates per second,
 * ratios 0..1, seconds; null when unknown), each computed over the same window as the headline figure.
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
        GatewayFigures g = f.gateway();
        VerifierFigures v = f.verifier();
        boolean hasVerifier = f.targets().stream().anyMatch(t -> TargetFigures.VERIFIER.equals(t.role()));
        Double invalid = null;
        if (v != null && v.targetsUp() > 0 && v.verificationsPerSecond() != null) {
            double sum = 0;
            for (Map.Entry<String, Double> e : v.invalidPerSecondByReason().entrySet()) {
                sum += e.getValue() == null ? 0 : e.getValue();
            }
            invalid = sum;
        }
        return new Frame(f.timestampMs(),
                g == null ? null : g.requestsPerSecond(),
                g == null ? null : g.error5xxRatio(),
                g == null ? null : g.error4xxRatio(),
                g == null ? null : g.inFlight(),
                g == null ? null : g.cacheHitRatio(),
                g == null ? null : g.rateLimitedPerSecond(),
                g == null ? null : g.verificationSuccessRatio(),
                g == null ? null : g.latencySeconds().p50(),
                g == null ? null : g.latencySeconds().p95(),
                g == null ? null : g.latencySeconds().p99(),
                hasVerifier && v != null ? v.targetsUp() == v.targetsTotal() : null,
                v == null ? null : v.verificationsPerSecond(),
                v == null ? null : v.successRatio(),
                v == null ? null : v.latencySeconds().p99(),
                invalid);
    }
}
