package io.microai.shared.scrape;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One target's health and its own figures (the per-instance breakdown: one hot gateway hides in a
 * stack-wide sum). Exactly one of {@code gateway}/{@code verifier} is set, matching {@code role};
 * both are null while the target is down.
 */
@JsonPropertyOrder({"url", "role", "up", "error", "last_error", "last_error_ms", "last_scrape_ms",
        "scrape_duration_ms", "span_seconds", "samples", "gateway", "verifier"})
public record TargetFigures(
        @JsonProperty("url") String url,
        @JsonProperty("role") String role,
        @JsonProperty("up") boolean up,
        @JsonProperty("error") String error,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("last_error_ms") Long lastErrorMs,
        @JsonProperty("last_scrape_ms") Long lastScrapeMs,
        @JsonProperty("scrape_duration_ms") Double scrapeDurationMs,
        @JsonProperty("span_seconds") Double spanSeconds,
        @JsonProperty("samples") Integer samples,
        @JsonProperty("gateway") GatewayFigures gateway,
        @JsonProperty("verifier") VerifierFigures verifier) {

    public static final String GATEWAY = "gateway";
    public static final String VERIFIER = "verifier";

    static TargetFigures compute(TargetState state, String role) {
        ScrapeResult last = state.last();
        Span span = state.span();
        java.util.List<Span> spans = span == null ? java.util.List.of() : java.util.List.of(span);
        boolean up = state.up();
        GatewayFigures g = null;
        VerifierFigures v = null;
        if (up && GATEWAY.equals(role)) {
            g = GatewayFigures.compute(spans, java.util.List.of(state.later()), 1, 1);
        } else if (up && VERIFIER.equals(role)) {
            v = VerifierFigures.compute(spans, 1, 1);
        }
        return new TargetFigures(
                state.target(),
                role,
                up,
                last instanceof ScrapeResult.Failure f ? f.error() : (last == null ? "not scraped yet" : null),
                state.lastError(),
                state.lastErrorMillis(),
                last == null ? null : last.epochMillis(),
                last == null ? null : last.duration().toNanos() / 1e6,
                span == null ? null : Figures.num(span.seconds()),
                state.later() == null ? null : state.later().size(),
                g,
                v);
    }
}
