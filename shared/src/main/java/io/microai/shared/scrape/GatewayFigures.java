package io.microai.shared.scrape;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.microai.shared.api.GatewayFamilies;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figures of one or more gateways (summed like {@code sum(rate(…))} across instances). Ratios are
 * 0..1, rates per second, latencies in seconds. {@code streams} is null when no gateway serves streams.
 * See {@link StackFigures} for the JSON shape.
 */
@JsonPropertyOrder({"targets_up", "targets_total", "requests_per_second", "error_5xx_ratio", "error_4xx_ratio",
        "payment_required_ratio", "in_flight", "cache_hit_ratio", "rate_limited_per_second",
        "verification_success_ratio", "latency_seconds", "paths", "payments_by_protocol", "settlement",
        "streams", "slowest_recent"})
public record GatewayFigures(
        @JsonProperty("targets_up") int targetsUp,
        @JsonProperty("targets_total") int targetsTotal,
        @JsonProperty("requests_per_second") Double requestsPerSecond,
        @JsonProperty("error_5xx_ratio") Double error5xxRatio,
        @JsonProperty("error_4xx_ratio") Double error4xxRatio,
        @JsonProperty("payment_required_ratio") Double paymentRequiredRatio,
        @JsonProperty("in_flight") Double inFlight,
        @JsonProperty("cache_hit_ratio") Double cacheHitRatio,
        @JsonProperty("rate_limited_per_second") Double rateLimitedPerSecond,
        @JsonProperty("verification_success_ratio") Double verificationSuccessRatio,
        @JsonProperty("latency_seconds") Latency latencySeconds,
        @JsonProperty("paths") List<PathFigures> paths,
        @JsonProperty("payments_by_protocol") Map<String, PaymentFigures> paymentsByProtocol,
        @JsonProperty("settlement") SettlementFigures settlement,
        @JsonProperty("streams") StreamFigures streams,
        @JsonProperty("slowest_recent") SlowRequest slowestRecent) {

    static final Selector REQUESTS = Selector.of(GatewayFamilies.REQUESTS);
    static final Selector DURATION_BUCKETS = Selector.of(GatewayFamilies.REQUEST_DURATION + "_bucket");
    static final Selector ACTIVE = Selector.of(GatewayFamilies.ACTIVE_REQUESTS);
    static final Selector CACHE_HITS = Selector.of(GatewayFamilies.CACHE_HITS);
    static final Selector CACHE_MISSES = Selector.of(GatewayFamilies.CACHE_MISSES);
    static final Selector RATE_LIMITED = Selector.of(GatewayFamilies.RATE_LIMIT_HITS);
    static final Selector VERIFICATIONS = Selector.of(GatewayFamilies.VERIFICATION);
    static final long DEFAULT_RECENT_MILLIS = 60_000;

    public GatewayFigures {
        // Kept in the order given (the closed protocol order when computed); a document from before
        // the field existed reads as no protocols rather than null.
        paymentsByProtocol = paymentsByProtocol == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(paymentsByProtocol));
        settlement = settlement == null ? SettlementFigures.UNKNOWN : settlement;
    }

    /**
     * @param spans rate windows of the gateways that have one
     * @param latest latest scrapes of the gateways that are up (for the in-flight gauge)
     */
    public static GatewayFigures compute(Collection<Span> spans, Collection<Scrape> latest, int up, int total) {
        return compute(spans, latest, up, total, DEFAULT_RECENT_MILLIS);
    }

    /** @param recentMillis how old an exemplar may be to count for {@code slowest_recent} */
    public static GatewayFigures compute(Collection<Span> spans, Collection<Scrape> latest, int up, int total, long recentMillis) {
        double requests = Figures.rateOrZero(spans, REQUESTS);
        double r5xx = Figures.rateOrZero(spans, REQUESTS.whereStartsWith("status", "5"));
        double r4xx = Figures.rateOrZero(spans, REQUESTS.whereStartsWith("status", "4"));
        double r402 = Figures.rateOrZero(spans, REQUESTS.where("status", "402"));
        double hits = Figures.rateOrZero(spans, CACHE_HITS);
        double misses = Figures.rateOrZero(spans, CACHE_MISSES);
        double verified = Figures.rateOrZero(spans, VERIFICATIONS);
        double verifiedOk = Figures.rateOrZero(spans, VERIFICATIONS.where("result", "success"));

        Map<Labels, Double> bucketRates = Rates.rateBy(spans, DURATION_BUCKETS, "path", "le");
        Latency overall = Latency.of(HistogramQuantile.buckets(Series.sumBy(bucketRates, "le")));

        return new GatewayFigures(up, total,
                Figures.num(requests),
                Figures.ratio(r5xx, requests),
                Figures.ratio(r4xx, requests),
                Figures.ratio(r402, requests),
                Figures.num(Series.sum(latest, ACTIVE)),
                Figures.ratio(hits, hits + misses),
                Figures.num(Figures.rateOrZero(spans, RATE_LIMITED)),
                Figures.ratio(verifiedOk, verified),
                overall,
                paths(spans, bucketRates),
                PaymentFigures.byProtocol(spans),
                SettlementFigures.compute(spans, latest),
                StreamFigures.compute(spans, latest),
                SlowRequest.slowest(latest, recentMillis));
    }

    private static List<PathFigures> paths(Collection<Span> spans, Map<Labels, Double> bucketRates) {
        Map<Labels, Double> byPath = Rates.rateBy(spans, REQUESTS, "path");
        Map<Labels, Double> fiveByPath = Rates.rateBy(spans, REQUESTS.whereStartsWith("status", "5"), "path");
        Map<Labels, Double> fourByPath = Rates.rateBy(spans, REQUESTS.whereStartsWith("status", "4"), "path");
        // Group buckets per path once; a path may have a histogram but (in theory) no request counter.
        Map<String, Map<Labels, Double>> bucketsByPath = new TreeMap<>();
        bucketRates.forEach((labels, v) -> bucketsByPath
                .computeIfAbsent(pathOf(labels), p -> new LinkedHashMap<>())
                .merge(labels.only("le"), v, Double::sum));
        TreeMap<String, Double> paths = new TreeMap<>();
        byPath.forEach((labels, v) -> paths.put(pathOf(labels), v));
        bucketsByPath.keySet().forEach(p -> paths.putIfAbsent(p, Double.NaN));

        List<PathFigures> out = new ArrayList<>(paths.size());
        paths.forEach((path, rate) -> {
            Labels key = Labels.of("path", path);
            Map<Labels, Double> buckets = bucketsByPath.get(path);
            out.add(new PathFigures(path,
                    Figures.num(Figures.orZero(rate)),
                    Figures.ratio(fiveByPath.getOrDefault(key, Double.NaN), rate),
                    Figures.ratio(fourByPath.getOrDefault(key, Double.NaN), rate),
                    buckets == null ? Latency.NONE : Latency.of(HistogramQuantile.buckets(buckets))));
        });
        return out;
    }

    private static String pathOf(Labels labels) {
        String p = labels.get("path");
        return p == null ? "" : p;
    }
}
