package io.microai.shared.scrape;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.microai.shared.api.VerifierFamilies;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Figures of one or more verifiers, summed across instances. See {@link StackFigures} for the JSON shape. */
@JsonPropertyOrder({"targets_up", "targets_total", "verifications_per_second", "success_ratio", "latency_seconds",
        "invalid_per_second_by_reason"})
public record VerifierFigures(
        @JsonProperty("targets_up") int targetsUp,
        @JsonProperty("targets_total") int targetsTotal,
        @JsonProperty("verifications_per_second") Double verificationsPerSecond,
        @JsonProperty("success_ratio") Double successRatio,
        @JsonProperty("latency_seconds") Latency latencySeconds,
        @JsonProperty("invalid_per_second_by_reason") Map<String, Double> invalidPerSecondByReason) {

    static final Selector REQUESTS = Selector.of(VerifierFamilies.REQUESTS);
    static final Selector VALID = Selector.of(VerifierFamilies.SIGNATURE_VALID);
    static final Selector INVALID = Selector.of(VerifierFamilies.SIGNATURE_INVALID);
    static final Selector DURATION_BUCKETS = Selector.of(VerifierFamilies.REQUEST_DURATION + "_bucket");

    public VerifierFigures {
        invalidPerSecondByReason = invalidPerSecondByReason == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(invalidPerSecondByReason));
    }

    public static VerifierFigures compute(Collection<Span> spans, int up, int total) {
        double requests = Figures.rateOrZero(spans, REQUESTS);
        // The success ratio operators query in Prometheus: sum(rate(valid)) / sum(rate(requests)).
        double valid = Figures.rateOrZero(spans, VALID);
        Latency latency = Latency.of(HistogramQuantile.buckets(Rates.rateBy(spans, DURATION_BUCKETS, "le")));
        Map<String, Double> invalid = new TreeMap<>();
        Rates.rateBy(spans, INVALID, "reason").forEach((labels, r) -> {
            String reason = labels.get("reason");
            invalid.merge(reason == null ? "" : reason, r, Double::sum);
        });
        return new VerifierFigures(up, total, Figures.num(requests), Figures.ratio(valid, requests), latency, invalid);
    }
}
