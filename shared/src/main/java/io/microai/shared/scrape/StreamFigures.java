package io.microai.shared.scrape;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.api.StreamLabels;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streaming route as its users feel it: how long until the first chunk arrives, how many streams
 * start and end, and how they end. Summed over every stream route ({@code path}) and gateway.
 *
 * <p>A gateway that does not serve streams (an older build, or the route disabled) exports none of the
 * stream families; such a stack has no stream figures at all ({@code null} in {@link GatewayFigures}),
 * so that "nothing to measure" cannot be read as "no stream is slow".
 *
 * @param firstChunkSeconds  time to first chunk, quantiles of the window's bucket increases
 * @param durationP99Seconds p99 of the whole stream, whatever ended it
 * @param perSecond          streams that ended, per second (every outcome)
 * @param inFlight           streams between their first event and their end, latest scrapes
 * @param outcomeRatio       share of the ended streams per outcome, in {@link StreamLabels#OUTCOMES} order;
 *                           each null while no stream ended in the window
 * @param chunksPerSecond    chunk events written per second
 * @param bytesPerSecond     summary bytes written in chunk events per second
 */
@JsonPropertyOrder({"first_chunk_seconds", "duration_p99_seconds", "per_second", "in_flight", "outcome_ratio",
        "chunks_per_second", "bytes_per_second"})
public record StreamFigures(
        @JsonProperty("first_chunk_seconds") Latency firstChunkSeconds,
        @JsonProperty("duration_p99_seconds") Double durationP99Seconds,
        @JsonProperty("per_second") Double perSecond,
        @JsonProperty("in_flight") Double inFlight,
        @JsonProperty("outcome_ratio") Map<String, Double> outcomeRatio,
        @JsonProperty("chunks_per_second") Double chunksPerSecond,
        @JsonProperty("bytes_per_second") Double bytesPerSecond) {

    /** How a stream can end, in the order every view lists them. */
    public static final List<String> OUTCOMES = StreamLabels.OUTCOMES;

    static final Selector STREAMS = Selector.of(GatewayFamilies.STREAMS);
    static final Selector IN_FLIGHT = Selector.of(GatewayFamilies.STREAMS_IN_FLIGHT);
    static final Selector CHUNKS = Selector.of(GatewayFamilies.STREAM_CHUNKS);
    static final Selector BYTES = Selector.of(GatewayFamilies.STREAM_BYTES);
    static final Selector FIRST_CHUNK_BUCKETS = Selector.of(GatewayFamilies.STREAM_FIRST_CHUNK + "_bucket");
    static final Selector DURATION_BUCKETS = Selector.of(GatewayFamilies.STREAM_DURATION + "_bucket");

    /** Sample names whose presence (or declared type) says a gateway serves streams. */
    private static final List<String> MARKERS = List.of(GatewayFamilies.STREAMS, GatewayFamilies.STREAMS_IN_FLIGHT,
            GatewayFamilies.STREAM_CHUNKS, GatewayFamilies.STREAM_BYTES, GatewayFamilies.STREAM_FIRST_CHUNK + "_bucket",
            GatewayFamilies.STREAM_DURATION + "_bucket");

    public StreamFigures {
        firstChunkSeconds = firstChunkSeconds == null ? Latency.NONE : firstChunkSeconds;
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (String outcome : OUTCOMES) {
            ordered.put(outcome, outcomeRatio == null ? null : outcomeRatio.get(outcome));
        }
        outcomeRatio = Collections.unmodifiableMap(ordered);
    }

    /**
     * The stream figures of the gateways given, or null when none of their latest scrapes exports a stream
     * family.
     *
     * @param spans  rate windows of the gateways that have one
     * @param latest latest scrapes of the gateways that are up
     */
    static StreamFigures compute(Collection<Span> spans, Collection<Scrape> latest) {
        if (latest.stream().noneMatch(StreamFigures::servesStreams)) {
            return null;
        }
        double ended = Figures.rateOrZero(spans, STREAMS);
        Map<Labels, Double> byOutcome = spans.isEmpty() ? Map.of() : Rates.rateBy(spans, STREAMS, "outcome");
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String outcome : OUTCOMES) {
            shares.put(outcome, Figures.ratio(byOutcome.getOrDefault(Labels.of("outcome", outcome), Double.NaN), ended));
        }
        Latency firstChunk = spans.isEmpty() ? Latency.NONE
                : Latency.of(HistogramQuantile.buckets(Rates.rateBy(spans, FIRST_CHUNK_BUCKETS, "le")));
        Latency duration = spans.isEmpty() ? Latency.NONE
                : Latency.of(HistogramQuantile.buckets(Rates.rateBy(spans, DURATION_BUCKETS, "le")));
        return new StreamFigures(firstChunk, duration.p99(), Figures.num(ended), Figures.num(Series.sum(latest, IN_FLIGHT)),
                shares, Figures.num(Figures.rateOrZero(spans, CHUNKS)), Figures.num(Figures.rateOrZero(spans, BYTES)));
    }

    /** Whether the scrape carries a stream family: a sample of it, or at least its {@code # TYPE} line. */
    static boolean servesStreams(Scrape scrape) {
        for (String name : MARKERS) {
            if (!scrape.samples(name).isEmpty() || scrape.typeOf(name) != MetricType.UNTYPED) {
                return true;
            }
        }
        return false;
    }
}
