package io.microai.shared.scrape;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.microai.shared.api.GatewayFamilies;
import java.util.Collection;

/**
 * The slowest recent request the gateways' duration exemplars name: its correlation id (the
 * exemplar's {@code trace_id}, which finds its access line in the log), how long it took, its route
 * and when it was observed.
 */
@JsonPropertyOrder({"correlation_id", "seconds", "method", "path", "at_ms"})
public record SlowRequest(
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("method") String method,
        @JsonProperty("path") String path,
        @JsonProperty("at_ms") Long atMs) {

    static final String BUCKET_SAMPLE = GatewayFamilies.REQUEST_DURATION + "_bucket";

    /**
     * The largest duration exemplar of the latest scrapes observed within {@code recentMillis} of each
     * scrape (an exemplar without a timestamp counts as current); null when there is none.
     */
    static SlowRequest slowest(Collection<Scrape> latest, long recentMillis) {
        SlowRequest best = null;
        for (Scrape scrape : latest) {
            for (Exemplar e : scrape.exemplars()) {
                if (!BUCKET_SAMPLE.equals(e.sample())) {
                    continue;
                }
                if (e.timestampMillis() != null && e.timestampMillis() < scrape.epochMillis() - recentMillis) {
                    continue;
                }
                if (best == null || e.value() > best.seconds()) {
                    best = new SlowRequest(e.traceId(), e.value(), e.labels().get("method"), e.labels().get("path"), e.timestampMillis());
                }
            }
        }
        return best;
    }
}
