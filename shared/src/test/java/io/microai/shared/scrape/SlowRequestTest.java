package io.microai.shared.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.microai.shared.metrics.BucketedHistogram;
import io.microai.shared.metrics.Buckets;
import io.microai.shared.metrics.HistogramFamily;
import io.microai.shared.metrics.Metrics;
import io.microai.shared.testing.Exposition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser keeps OpenMetrics exemplars, and the figures name the slowest recent request from them. */
class SlowRequestTest {
    private static Scrape scrape(String text, long atMillis) throws ParseException {
        return Scrape.parse("t", 0, atMillis, text);
    }

    @Test
    void theParserReadsExemplarsWithTheirSampleAndIgnoresBrokenOnes() throws Exception {
        String om = """
                # TYPE gateway_request_duration_seconds histogram
                gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="2.5"} 3 # {trace_id="slow-1"} 1.25 1700000000.5
                gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="5.0"} 3 # {span_id="x"} 3.0
                gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="+Inf"} 3 # {trace_id="broken"
                # EOF
                """;
        Scrape s = scrape(om, 1_700_000_001_000L);
        assertEquals(3, s.samples("gateway_request_duration_seconds_bucket").size(), "every sample is kept");
        List<Exemplar> exemplars = s.exemplars();
        assertEquals(1, exemplars.size(), exemplars.toString());
        Exemplar e = exemplars.get(0);
        assertEquals("slow-1", e.traceId());
        assertEquals(1.25, e.value());
        assertEquals(1_700_000_000_500L, e.timestampMillis());
        assertEquals("2.5", e.labels().get("le"));
    }

    @Test
    void slowestRecentIsTheLargestExemplarWithinTheWindowOfARealRegistry() throws Exception {
        Metrics metrics = new Metrics();
        HistogramFamily durations = metrics.histogram("gateway_request_duration_seconds", "d", Buckets.DEFAULT, "method", "path");
        BucketedHistogram summarize = durations.labels("POST", "/api/ai/summarize");
        summarize.observeBetween(0, 1_200_000_000L, "the-slow-one");
        summarize.observeBetween(0, 20_000_000L, "a-fast-one");
        durations.labels("GET", "/healthz").observeBetween(0, 1_000_000L, "probe");
        Scrape s = scrape(Exposition.openMetrics(metrics), System.currentTimeMillis());

        SlowRequest slow = SlowRequest.slowest(List.of(s), 60_000);
        assertEquals("the-slow-one", slow.correlationId());
        assertEquals(1.2, slow.seconds(), 1e-9);
        assertEquals("POST", slow.method());
        assertEquals("/api/ai/summarize", slow.path());

        Scrape muchLater = scrape(Exposition.openMetrics(metrics), System.currentTimeMillis() + 120_000);
        assertNull(SlowRequest.slowest(List.of(muchLater), 60_000), "exemplars older than the window are not recent");
        assertNull(SlowRequest.slowest(List.of(scrape(Exposition.text(metrics), System.currentTimeMillis())), 60_000),
                "the 0.0.4 text has no exemplars");
    }
}
