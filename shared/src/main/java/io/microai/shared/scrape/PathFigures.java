package io.microai.shared.scrape;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The gateway's RED figures for one route template ({@code path} label). */
@JsonPropertyOrder({"path", "requests_per_second", "error_5xx_ratio", "error_4xx_ratio", "latency_seconds"})
public record PathFigures(
        @JsonProperty("path") String path,
        @JsonProperty("requests_per_second") Double requestsPerSecond,
        @JsonProperty("error_5xx_ratio") Double error5xxRatio,
        @JsonProperty("error_4xx_ratio") Double error4xxRatio,
        @JsonProperty("latency_seconds") Latency latencySeconds) {
}
