package io.microai.shared.scrape;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** p50/p95/p99 in seconds from a window of bucket rates; each null when nothing was observed. */
@JsonPropertyOrder({"p50", "p95", "p99"})
public record Latency(@JsonProperty("p50") Double p50, @JsonProperty("p95") Double p95, @JsonProperty("p99") Double p99) {
    public static final Latency NONE = new Latency(null, null, null);

    public static Latency of(List<HistogramQuantile.Bucket> buckets) {
        return new Latency(
                Figures.num(HistogramQuantile.quantile(0.50, buckets)),
                Figures.num(HistogramQuantile.quantile(0.95, buckets)),
                Figures.num(HistogramQuantile.quantile(0.99, buckets)));
    }
}
