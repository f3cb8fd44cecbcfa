package io.microai.shared.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microai.shared.api.GatewayApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming route's figures from two scrapes 10 s apart, worked out by hand. */
class StreamFiguresTest {
    private static final double EPS = 1e-9;
    private static final String G1 = "http://g1/metrics";
    private static final String G2 = "http://g2/metrics";
    private static final String P = "path=\"" + GatewayApi.SUMMARIZE_STREAM_PATH + "\"";

    /**
     * A gateway after {@code k} rounds of 20 streams: 16 completed, 3 client_gone, 1 provider_error (a
     * series that only appears once one happened); first chunks 10 under 0.1 s, 8 more under 0.5 s, 2 under
     * 1 s; whole streams 10 under 5 s and 10 under 10 s; 400 chunks of 20 480 bytes; 3 in flight.
     */
    private static String streaming(int k) {
        String providerError = k == 0 ? "" : "gateway_streams_total{" + P + ",outcome=\"provider_error\"} " + k + "\n";
        return "# TYPE gateway_stream_first_chunk_seconds histogram\n"
                + "gateway_stream_first_chunk_seconds_bucket{" + P + ",le=\"0.1\"} " + 10 * k + "\n"
                + "gateway_stream_first_chunk_seconds_bucket{" + P + ",le=\"0.5\"} " + 18 * k + "\n"
                + "gateway_stream_first_chunk_seconds_bucket{" + P + ",le=\"1.0\"} " + 20 * k + "\n"
                + "gateway_stream_first_chunk_seconds_bucket{" + P + ",le=\"+Inf\"} " + 20 * k + "\n"
                + "gateway_stream_first_chunk_seconds_count{" + P + "} " + 20 * k + "\n"
                + "# TYPE gateway_stream_duration_seconds histogram\n"
                + "gateway_stream_duration_seconds_bucket{" + P + ",le=\"1.0\"} 0\n"
                + "gateway_stream_duration_seconds_bucket{" + P + ",le=\"5.0\"} " + 10 * k + "\n"
                + "gateway_stream_duration_seconds_bucket{" + P + ",le=\"10.0\"} " + 20 * k + "\n"
                + "gateway_stream_duration_seconds_bucket{" + P + ",le=\"+Inf\"} " + 20 * k + "\n"
                + "# TYPE gateway_streams_total counter\n"
                + "gateway_streams_total{" + P + ",outcome=\"completed\"} " + 16 * k + "\n"
                + "gateway_streams_total{" + P + ",outcome=\"client_gone\"} " + 3 * k + "\n"
                + providerError
                + "# TYPE gateway_stream_chunks_total counter\n"
                + "gateway_stream_chunks_total{" + P + "} " + 400 * k + "\n"
                + "# TYPE gateway_stream_bytes_total counter\n"
                + "gateway_stream_bytes_total{" + P + "} " + 20_480 * k + "\n"
                + "# TYPE gateway_streams_in_flight gauge\n"
                + "gateway_streams_in_flight{" + P + "} 3\n"
                + "gateway_requests_total{path=\"/healthz\",status=\"200\"} " + k + "\n";
    }

    private static final String NO_STREAMS = "gateway_requests_total{path=\"/api/ai/summarize\",status=\"200\"} 5\n";

    private static ScrapeResult ok(String target, double seconds, String text) {
        return new ScrapeResult.Success(RatesTest.at(target, seconds, text), Duration.ofMillis(3));
    }

    private static StackFigures figures(String g1t0, String g1t10) {
        History h = new History(5);
        h.record(ok(G1, 0, g1t0));
        h.record(ok(G1, 10, g1t10));
        return StackFigures.compute(h.window(Duration.ofMinutes(1)), List.of(G1), List.of());
    }

    @Test
    void timeToFirstChunkQuantilesComeFromTheWindowsBucketIncreases() {
        StreamFigures s = figures(streaming(0), streaming(1)).gateway().streams();
        // 20 first chunks: rank 10 is the top of the first bucket; rank 19.8 lies 1.8 of 2 into (0.5, 1].
        assertEquals(0.1, s.firstChunkSeconds().p50(), EPS);
        assertEquals(0.95, s.firstChunkSeconds().p99(), EPS);
        // 20 streams: rank 19.8 lies 9.8 of 10 into (5, 10].
        assertEquals(9.9, s.durationP99Seconds(), EPS);
    }

    @Test
    void ratesAndOutcomeSharesAreOverTheStreamsThatEndedInTheWindow() {
        StreamFigures s = figures(streaming(0), streaming(1)).gateway().streams();
        assertEquals(2.0, s.perSecond(), EPS);
        assertEquals(3.0, s.inFlight(), EPS);
        assertEquals(40.0, s.chunksPerSecond(), EPS);
        assertEquals(2048.0, s.bytesPerSecond(), EPS);
        assertEquals(List.of("completed", "client_gone", "provider_error", "timeout"), List.copyOf(s.outcomeRatio().keySet()));
        assertEquals(0.8, s.outcomeRatio().get("completed"), EPS);
        assertEquals(0.15, s.outcomeRatio().get("client_gone"), EPS);
        assertEquals(0.05, s.outcomeRatio().get("provider_error"), EPS, "a series new in the window counts from 0");
        assertEquals(0.0, s.outcomeRatio().get("timeout"), EPS, "never counted while streams ended: none timed out");
    }

    @Test
    void aGatewayWithoutStreamFamiliesHasNoStreamFiguresRatherThanZeros() {
        StackFigures f = figures(NO_STREAMS, NO_STREAMS);
        assertNull(f.gateway().streams());
        assertNull(f.targets().get(0).gateway().streams());
        assertNull(StackFigures.fromJson(f.toJson()).gateway().streams());
    }

    @Test
    void aDeclaredFamilyWithoutSamplesStillMeansTheGatewayServesStreams() {
        String declared = NO_STREAMS + "# TYPE gateway_streams_total counter\n";
        StreamFigures s = figures(declared, declared).gateway().streams();
        assertNotNull(s);
        assertEquals(0.0, s.perSecond(), EPS, "the counter exists but nothing ended");
        assertNull(s.inFlight(), "no gauge exported: unknown, not 0");
        assertNull(s.outcomeRatio().get("completed"), "no share of no streams");
    }

    @Test
    void withOneScrapeTheRouteIsKnownButNoRateOrQuantileIs() {
        History h = new History(5);
        h.record(ok(G1, 0, streaming(1)));
        StreamFigures s = StackFigures.compute(h.window(Duration.ofMinutes(1)), List.of(G1), List.of()).gateway().streams();
        assertNotNull(s);
        assertEquals(3.0, s.inFlight(), EPS);
        assertNull(s.perSecond());
        assertNull(s.chunksPerSecond());
        assertEquals(Latency.NONE, s.firstChunkSeconds());
        assertNull(s.durationP99Seconds());
        s.outcomeRatio().values().forEach(v -> assertNull(v));
    }

    @Test
    void aQuietWindowHasZeroRatesAndNoQuantilesOrShares() {
        StreamFigures s = figures(streaming(1), streaming(1)).gateway().streams();
        assertEquals(0.0, s.perSecond(), EPS);
        assertEquals(0.0, s.chunksPerSecond(), EPS);
        assertNull(s.firstChunkSeconds().p99(), "nothing observed in the window");
        assertNull(s.outcomeRatio().get("client_gone"));
    }

    @Test
    void aMixedFleetSumsTheStreamingGatewaysAndEachTargetKeepsItsOwn() {
        History h = new History(5);
        h.record(ok(G1, 0, streaming(0)));
        h.record(ok(G2, 0, NO_STREAMS));
        h.record(ok(G1, 10, streaming(1)));
        h.record(ok(G2, 10, NO_STREAMS));
        StackFigures f = StackFigures.compute(h.window(Duration.ofMinutes(1)), List.of(G1, G2), List.of());
        assertEquals(2.0, f.gateway().streams().perSecond(), EPS);
        assertEquals(0.95, f.gateway().streams().firstChunkSeconds().p99(), EPS);
        assertNotNull(f.targets().get(0).gateway().streams());
        assertNull(f.targets().get(1).gateway().streams(), "the older gateway has no stream figures of its own");
    }

    @Test
    void streamFiguresRoundTripThroughJsonWithStableFieldNames() throws Exception {
        StackFigures f = figures(streaming(0), streaming(1));
        assertEquals(f, StackFigures.fromJson(f.toJson()));
        JsonNode streams = new ObjectMapper().readTree(f.toJson()).get("gateway").get("streams");
        List<String> fields = new ArrayList<>();
        streams.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("first_chunk_seconds", "duration_p99_seconds", "per_second", "in_flight", "outcome_ratio",
                "chunks_per_second", "bytes_per_second"), fields);
        List<String> outcomes = new ArrayList<>();
        streams.get("outcome_ratio").fieldNames().forEachRemaining(outcomes::add);
        assertEquals(StreamFigures.OUTCOMES, outcomes);
        assertTrue(streams.get("first_chunk_seconds").has("p99"));
    }
}
