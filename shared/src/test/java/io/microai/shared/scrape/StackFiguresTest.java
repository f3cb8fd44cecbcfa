package io.microai.shared.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two gateways, two verifiers (one down), hand-written expositions; every expected figure below is
 * computed by hand in the comments.
 */
class StackFiguresTest {
    private static final double EPS = 1e-9;
    private static final String G1 = "http://g1/metrics";
    private static final String G2 = "http://g2/metrics";
    private static final String V1 = "http://v1/metrics";
    private static final String V2 = "http://v2/metrics";
    private static final String SUM = "/api/ai/summarize";

    // g1 at t=0 s
    private static final String G1_T0 = """
            # HELP gateway_requests_total Total HTTP requests
            # TYPE gateway_requests_total counter
            gateway_requests_total{method="POST",path="/api/ai/summarize",status="200"} 100
            gateway_requests_total{method="POST",path="/api/ai/summarize",status="402"} 100
            gateway_requests_total{method="OPTIONS",path="/api/ai/summarize",status="204"} 0
            gateway_requests_total{method="GET",path="/healthz",status="200"} 10
            # TYPE gateway_request_duration_seconds histogram
            gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="0.1"} 100
            gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="0.5"} 150
            gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="+Inf"} 200
            gateway_request_duration_seconds_sum{method="POST",path="/api/ai/summarize"} 31.5
            gateway_request_duration_seconds_count{method="POST",path="/api/ai/summarize"} 200
            gateway_request_duration_seconds_bucket{method="OPTIONS",path="/api/ai/summarize",le="0.1"} 0
            gateway_request_duration_seconds_bucket{method="OPTIONS",path="/api/ai/summarize",le="0.5"} 0
            gateway_request_duration_seconds_bucket{method="OPTIONS",path="/api/ai/summarize",le="+Inf"} 0
            gateway_request_duration_seconds_bucket{method="GET",path="/healthz",le="0.1"} 10
            gateway_request_duration_seconds_bucket{method="GET",path="/healthz",le="0.5"} 10
            gateway_request_duration_seconds_bucket{method="GET",path="/healthz",le="+Inf"} 10
            # TYPE gateway_active_requests gauge
            gateway_active_requests 2
            gateway_cache_hits_total{path="/api/ai/summarize"} 50
            gateway_cache_misses_total{path="/api/ai/summarize"} 50
            gateway_verification_total{result="success"} 100
            gateway_verification_total{result="failure"} 0
            gateway_rate_limit_hits_total{path="/api/ai/summarize"} 0
            """;

    // g1 at t=10 s. Increases: 200 +40, 402 +50, 500 +10 (new), 429 +5 (new), OPTIONS 204 +5, healthz +10
    // = 120 requests → 12/s. Buckets (le written differently on purpose): summarize POST +60/+90/+105,
    // OPTIONS +5/+5/+5, healthz +10/+10/+10.
    private static final String G1_T10 = """
            gateway_requests_total{method="POST",path="/api/ai/summarize",status="200"} 140
            gateway_requests_total{method="POST",path="/api/ai/summarize",status="402"} 150
            gateway_requests_total{method="POST",path="/api/ai/summarize",status="500"} 10
            gateway_requests_total{method="POST",path="/api/ai/summarize",status="429"} 5
            gateway_requests_total{method="OPTIONS",path="/api/ai/summarize",status="204"} 5
            gateway_requests_total{method="GET",path="/healthz",status="200"} 20
            gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="1.0E-1"} 160
            gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="0.50"} 240
            gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="+Inf"} 305
            gateway_request_duration_seconds_bucket{method="OPTIONS",path="/api/ai/summarize",le="0.1"} 5
            gateway_request_duration_seconds_bucket{method="OPTIONS",path="/api/ai/summarize",le="0.5"} 5
            gateway_request_duration_seconds_bucket{method="OPTIONS",path="/api/ai/summarize",le="+Inf"} 5
            gateway_request_duration_seconds_bucket{method="GET",path="/healthz",le="0.1"} 20
            gateway_request_duration_seconds_bucket{method="GET",path="/healthz",le="0.5"} 20
            gateway_request_duration_seconds_bucket{method="GET",path="/healthz",le="+Inf"} 20
            gateway_active_requests 4
            gateway_cache_hits_total{path="/api/ai/summarize"} 80
            gateway_cache_misses_total{path="/api/ai/summarize"} 60
            gateway_verification_total{result="success"} 145
            gateway_verification_total{result="failure"} 5
            gateway_rate_limit_hits_total{path="/api/ai/summarize"} 5
            """;

    // g2 at t=1 s, then restarted and scraped at t=6 s (span 5 s): every counter dropped → increase = new value.
    private static final String G2_T1 = """
            gateway_requests_total{method="POST",path="/api/ai/summarize",status="200"} 1000
            gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="0.1"} 900
            gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="0.5"} 950
            gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="+Inf"} 1000
            gateway_active_requests 1
            gateway_cache_hits_total{path="/api/ai/summarize"} 500
            gateway_cache_misses_total{path="/api/ai/summarize"} 500
            gateway_verification_total{result="success"} 1000
            """;
    private static final String G2_T6 = """
            gateway_requests_total{method="POST",path="/api/ai/summarize",status="200"} 20
            gateway_requests_total{method="POST",path="/api/ai/summarize",status="402"} 10
            gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="0.1"} 10
            gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="0.5"} 25
            gateway_request_duration_seconds_bucket{method="POST",path="/api/ai/summarize",le="+Inf"} 30
            gateway_active_requests 3
            gateway_cache_hits_total{path="/api/ai/summarize"} 15
            gateway_cache_misses_total{path="/api/ai/summarize"} 5
            gateway_verification_total{result="success"} 18
            gateway_verification_total{result="failure"} 2
            """;

    private static final String V1_T0 = """
            # TYPE verifier_requests_total counter
            verifier_requests_total{status="200"} 50
            verifier_requests_total{status="400"} 10
            verifier_requests_total{status="413"} 0
            verifier_signature_valid_total 50
            verifier_signature_invalid_total{reason="high_s"} 5
            verifier_signature_invalid_total{reason="invalid_v"} 5
            # TYPE verifier_request_duration_seconds histogram
            verifier_request_duration_seconds_bucket{le="0.001"} 40
            verifier_request_duration_seconds_bucket{le="0.005"} 58
            verifier_request_duration_seconds_bucket{le="+Inf"} 60
            """;
    // +80 valid, +20 invalid (high_s +15, invalid_v +5) = +100 requests over 10 s.
    // Buckets +70 / +99 / +100 → 7, 9.9, 10 per second.
    private static final String V1_T10 = """
            verifier_requests_total{status="200"} 130
            verifier_requests_total{status="400"} 30
            verifier_requests_total{status="413"} 0
            verifier_signature_valid_total 130
            verifier_signature_invalid_total{reason="high_s"} 20
            verifier_signature_invalid_total{reason="invalid_v"} 10
            verifier_request_duration_seconds_bucket{le="5.0E-4"} 0
            verifier_request_duration_seconds_bucket{le="0.001"} 110
            verifier_request_duration_seconds_bucket{le="0.005"} 157
            verifier_request_duration_seconds_bucket{le="+Inf"} 160
            """;

    private static ScrapeResult ok(String target, double seconds, String text) {
        return new ScrapeResult.Success(RatesTest.at(target, seconds, text), Duration.ofMillis(3));
    }

    private static ScrapeResult down(String target, double seconds) {
        return new ScrapeResult.Failure(target, "connection refused", Duration.ofMillis(1),
                (long) (seconds * 1e9), (long) (seconds * 1000));
    }

    private static History history() {
        History h = new History(10);
        h.record(ok(G1, 0, G1_T0));
        h.record(ok(V1, 0, V1_T0));
        h.record(ok(G2, 1, G2_T1));
        h.record(ok(G2, 6, G2_T6));
        h.record(ok(G1, 10, G1_T10));
        h.record(ok(V1, 10, V1_T10));
        h.record(down(V2, 10));
        return h;
    }

    private static StackFigures figures(History h) {
        return StackFigures.compute(h.window(Duration.ofSeconds(10)), List.of(G1, G2), List.of(V1, V2));
    }

    @Test
    void gatewayFiguresSumOverInstancesAndHandleTheRestartedOne() {
        GatewayFigures g = figures(history()).gateway();
        assertEquals(2, g.targetsUp());
        assertEquals(2, g.targetsTotal());
        // g1 120/10 = 12/s, g2 (reset) 30/5 = 6/s.
        assertEquals(18.0, g.requestsPerSecond(), EPS);
        // 5xx: g1 10/10 = 1/s.
        assertEquals(1.0 / 18, g.error5xxRatio(), EPS);
        // 4xx: g1 (402 50 + 429 5)/10 = 5.5/s, g2 402 10/5 = 2/s → 7.5/s.
        assertEquals(7.5 / 18, g.error4xxRatio(), EPS);
        // 402: 5/s + 2/s.
        assertEquals(7.0 / 18, g.paymentRequiredRatio(), EPS);
        // in flight: latest gauges 4 + 3.
        assertEquals(7.0, g.inFlight(), EPS);
        // hits g1 30/10 + g2 15/5 = 6/s; misses g1 10/10 + g2 5/5 = 2/s.
        assertEquals(0.75, g.cacheHitRatio(), EPS);
        // g1 5/10; g2 never exported the counter → 0.
        assertEquals(0.5, g.rateLimitedPerSecond(), EPS);
        // success g1 4.5 + g2 3.6 = 8.1/s; failures g1 0.5 + g2 0.4 = 0.9/s.
        assertEquals(8.1 / 9.0, g.verificationSuccessRatio(), EPS);
    }

    @Test
    void gatewayLatencyIsHistogramQuantileOfSummedBucketRates() {
        GatewayFigures g = figures(history()).gateway();
        // sum by (le): g1 summarize (POST+OPTIONS) 6.5 / 9.5 / 11, g1 healthz 1 / 1 / 1, g2 2 / 5 / 6
        // → le=0.1: 9.5, le=0.5: 15.5, +Inf: 18.
        // p50: rank 9 ≤ 9.5 → first bucket, 0.1 × 9/9.5. p95: rank 17.1 > 15.5 → +Inf bucket → 0.5.
        assertEquals(0.1 * 9 / 9.5, g.latencySeconds().p50(), EPS);
        assertEquals(0.5, g.latencySeconds().p95(), EPS);
        assertEquals(0.5, g.latencySeconds().p99(), EPS);
    }

    @Test
    void perPathFiguresSumOverMethodAndInstances() {
        List<PathFigures> paths = figures(history()).gateway().paths();
        assertEquals(List.of(SUM, "/healthz"), paths.stream().map(PathFigures::path).toList(), "sorted by path");
        PathFigures summarize = paths.get(0);
        PathFigures healthz = paths.get(1);
        // summarize: g1 (40+50+10+5+5)/10 = 11, g2 6 → 17/s.
        assertEquals(17.0, summarize.requestsPerSecond(), EPS);
        assertEquals(1.0 / 17, summarize.error5xxRatio(), EPS);
        assertEquals(7.5 / 17, summarize.error4xxRatio(), EPS);
        // buckets 8.5 / 14.5 / 17: p50 rank 8.5 → exactly the 0.1 bound; p99 rank 16.83 → +Inf → 0.5.
        assertEquals(0.1, summarize.latencySeconds().p50(), EPS);
        assertEquals(0.5, summarize.latencySeconds().p99(), EPS);
        // healthz: 1/s, all under 0.1 → p50 0.05, p95 0.095, p99 0.099.
        assertEquals(1.0, healthz.requestsPerSecond(), EPS);
        assertEquals(0.0, healthz.error5xxRatio(), EPS);
        assertEquals(0.0, healthz.error4xxRatio(), EPS);
        assertEquals(0.05, healthz.latencySeconds().p50(), EPS);
        assertEquals(0.095, healthz.latencySeconds().p95(), EPS);
        assertEquals(0.099, healthz.latencySeconds().p99(), EPS);
    }

    @Test
    void verifierFiguresUseTheSeedsSuccessQueryAndTheUpInstanceOnly() {
        VerifierFigures v = figures(history()).verifier();
        assertEquals(1, v.targetsUp());
        assertEquals(2, v.targetsTotal());
        assertEquals(10.0, v.verificationsPerSecond(), EPS);
        assertEquals(0.8, v.successRatio(), EPS);
        assertEquals(Map.of("high_s", 1.5, "invalid_v", 0.5), v.invalidPerSecondByReason());
        // buckets 0.0005: 0 (new at t=10, counted from 0) / 0.001: 7 / 0.005: 9.9 / +Inf: 10.
        // p50 rank 5 → (0.0005, 0.001]: 0.0005 + 0.0005 × 5/7 (the empty lower bucket moves the start);
        // p95 rank 9.5 → 0.001 + 0.004 × 2.5/2.9; p99 rank 9.9 → exactly 0.005.
        assertEquals(0.0005 + 0.0005 * 5 / 7, v.latencySeconds().p50(), EPS);
        assertEquals(0.001 + 0.004 * 2.5 / 2.9, v.latencySeconds().p95(), EPS);
        assertEquals(0.005, v.latencySeconds().p99(), EPS);
    }

    @Test
    void perTargetBreakdownKeepsEachInstancesFiguresAndHealth() {
        StackFigures f = figures(history());
        assertEquals(List.of(G1, G2, V1, V2), f.targets().stream().map(TargetFigures::url).toList());
        TargetFigures g1 = f.targets().get(0);
        TargetFigures g2 = f.targets().get(1);
        TargetFigures v2 = f.targets().get(3);
        assertTrue(g1.up());
        assertEquals("gateway", g1.role());
        assertEquals(12.0, g1.gateway().requestsPerSecond(), EPS);
        assertEquals(0.75, g1.gateway().cacheHitRatio(), EPS);
        assertEquals(10.0, g1.spanSeconds(), EPS);
        assertEquals(3.0, g1.scrapeDurationMs(), EPS);
        assertEquals(10_000L, g1.lastScrapeMs());
        assertEquals(21, g1.samples());
        assertNull(g1.verifier());
        assertEquals(6.0, g2.gateway().requestsPerSecond(), EPS);
        assertEquals(5.0, g2.spanSeconds(), EPS, "closest scrape to 6 s − 10 s is the one at 1 s");
        assertEquals(3.0, g2.gateway().inFlight(), EPS);
        assertFalse(v2.up());
        assertEquals("verifier", v2.role());
        assertEquals("connection refused", v2.error());
        assertEquals("connection refused", v2.lastError());
        assertNull(v2.verifier());
        assertNull(v2.spanSeconds());
        assertEquals(10_000L, f.timestampMs());
        assertEquals(10.0, f.windowSeconds());
    }

    @Test
    void withOneScrapeOnlyRatesAreNullButGaugesShow() {
        History h = new History(5);
        h.record(ok(G1, 0, G1_T0));
        h.record(ok(V1, 0, V1_T0));
        StackFigures f = StackFigures.compute(h.window(Duration.ofMinutes(1)), List.of(G1), List.of(V1));
        GatewayFigures g = f.gateway();
        assertNull(g.requestsPerSecond());
        assertNull(g.error5xxRatio());
        assertNull(g.cacheHitRatio());
        assertNull(g.rateLimitedPerSecond());
        assertNull(g.latencySeconds().p99());
        assertTrue(g.paths().isEmpty());
        assertEquals(2.0, g.inFlight(), EPS);
        assertNull(f.verifier().verificationsPerSecond());
        assertNull(f.verifier().successRatio());
        assertTrue(f.verifier().invalidPerSecondByReason().isEmpty());
        assertFalse(f.toJson().contains("NaN"));
    }

    @Test
    void noTrafficGivesZeroRatesAndNullRatiosAndLatencies() {
        History h = new History(5);
        h.record(ok(G1, 0, G1_T0));
        h.record(ok(G1, 5, G1_T0));
        GatewayFigures g = StackFigures.compute(h.window(Duration.ofSeconds(5)), List.of(G1), List.of()).gateway();
        assertEquals(0.0, g.requestsPerSecond());
        assertNull(g.error5xxRatio());
        assertNull(g.cacheHitRatio());
        assertNull(g.verificationSuccessRatio());
        assertNull(g.latencySeconds().p50());
        assertEquals(0.0, g.rateLimitedPerSecond());
    }

    @Test
    void everythingDownOrUnknownIsNullsNotExceptions() {
        History h = new History(5);
        h.record(down(G1, 0));
        StackFigures f = StackFigures.compute(h.window(Duration.ofSeconds(5)), List.of(G1, G2), List.of(V1));
        assertEquals(0, f.gateway().targetsUp());
        assertNull(f.gateway().inFlight());
        assertNull(f.gateway().requestsPerSecond());
        assertEquals("not scraped yet", f.targets().get(1).error());
        assertFalse(f.targets().get(2).up());
    }

    @Test
    void aTargetThatWentDownStopsContributingButKeepsItsError() {
        History h = history();
        h.record(down(G2, 11));
        StackFigures f = StackFigures.compute(h.window(Duration.ofSeconds(10)), List.of(G1, G2), List.of(V1));
        assertEquals(1, f.gateway().targetsUp());
        assertEquals(12.0, f.gateway().requestsPerSecond(), EPS);
        assertEquals(4.0, f.gateway().inFlight(), EPS);
        assertEquals(11_000L, f.targets().get(1).lastErrorMs());
        h.record(ok(G2, 12, G2_T6));
        TargetFigures back = StackFigures.compute(h.window(Duration.ofSeconds(10)), List.of(G1, G2), List.of()).targets().get(1);
        assertTrue(back.up());
        assertNull(back.error());
        assertEquals("connection refused", back.lastError(), "the last error stays visible after recovery");
    }

    @Test
    void jsonHasStableSnakeCaseFieldNamesNullsAndRoundTrips() throws Exception {
        StackFigures f = figures(history());
        String json = f.toJson();
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals(List.of("timestamp_ms", "window_seconds", "gateway", "verifier", "targets"), fields(root));
        assertEquals(List.of("targets_up", "targets_total", "requests_per_second", "error_5xx_ratio", "error_4xx_ratio",
                "payment_required_ratio", "in_flight", "cache_hit_ratio", "rate_limited_per_second",
                "verification_success_ratio", "latency_seconds", "paths", "payments_by_protocol", "settlement",
                "streams", "slowest_recent"), fields(root.get("gateway")));
        assertTrue(root.get("gateway").get("streams").isNull(), "a gateway without stream families has no stream figures");
        assertTrue(root.get("gateway").get("slowest_recent").isNull(), "0.0.4 scrapes carry no exemplars");
        assertEquals(List.of("x402", "x402-v1", "legacy"), fields(root.get("gateway").get("payments_by_protocol")));
        assertEquals(List.of("per_second", "verified_ratio", "refused_per_second", "unavailable_per_second"),
                fields(root.get("gateway").get("payments_by_protocol").get("x402")));
        assertEquals(List.of("p50", "p95", "p99"), fields(root.get("gateway").get("latency_seconds")));
        assertEquals(List.of("path", "requests_per_second", "error_5xx_ratio", "error_4xx_ratio", "latency_seconds"),
                fields(root.get("gateway").get("paths").get(0)));
        assertEquals(List.of("targets_up", "targets_total", "verifications_per_second", "success_ratio", "latency_seconds",
                "invalid_per_second_by_reason"), fields(root.get("verifier")));
        assertEquals(List.of("url", "role", "up", "error", "last_error", "last_error_ms", "last_scrape_ms",
                "scrape_duration_ms", "span_seconds", "samples", "gateway", "verifier"), fields(root.get("targets").get(0)));
        assertTrue(root.get("targets").get(3).get("verifier").isNull(), "down target: null figures, field present");
        assertEquals(18.0, root.get("gateway").get("requests_per_second").asDouble(), EPS);
        assertEquals(1.5, root.get("verifier").get("invalid_per_second_by_reason").get("high_s").asDouble(), EPS);
        assertFalse(json.contains("NaN") || json.contains("Infinity"));
        assertEquals(f, StackFigures.fromJson(json));
    }

    @Test
    void sparklineGivesOneFigurePerStepOldestFirst() {
        History h = new History(10);
        // requests: 0, 10, 30, 60 at t = 0, 1, 2, 3 → per-second rates 10, 20, 30.
        double[] counts = {0, 10, 30, 60};
        for (int t = 0; t < counts.length; t++) {
            h.record(ok(G1, t, "gateway_requests_total{path=\"/x\",status=\"200\"} " + counts[t] + "\n"));
        }
        double[] line = h.sparkline(5, Duration.ofSeconds(1), Duration.ofSeconds(1),
                w -> {
                    Double r = StackFigures.compute(w, List.of(G1), List.of()).gateway().requestsPerSecond();
                    return r == null ? Double.NaN : r;
                });
        assertEquals(5, line.length);
        assertTrue(Double.isNaN(line[0]), "before the history starts");
        assertTrue(Double.isNaN(line[1]), "one scrape only");
        assertEquals(10.0, line[2], EPS);
        assertEquals(20.0, line[3], EPS);
        assertEquals(30.0, line[4], EPS);
    }

    // Payments between t=0 and t=10 s. g1: x402 +40 verified, +8 refused, +2 unavailable; x402-v1 +10
    // refused only; a protocol outside the closed set and the metrics layer's overflow child, which no
    // view has a row for. g2: x402 +10 verified (new series, counted from 0); legacy never paid.
    private static final String PAY_G1_T0 = """
            # TYPE gateway_payments_total counter
            gateway_payments_total{protocol="x402",outcome="verified"} 100
            gateway_payments_total{protocol="x402",outcome="refused"} 2
            gateway_payments_total{protocol="x402",outcome="unavailable"} 0
            gateway_payments_total{protocol="x402-v1",outcome="refused"} 5
            gateway_payments_total{protocol="x402-v3",outcome="verified"} 0
            gateway_payments_total{protocol="__overflow__",outcome="__overflow__"} 0
            """;
    private static final String PAY_G1_T10 = """
            gateway_payments_total{protocol="x402",outcome="verified"} 140
            gateway_payments_total{protocol="x402",outcome="refused"} 10
            gateway_payments_total{protocol="x402",outcome="unavailable"} 2
            gateway_payments_total{protocol="x402-v1",outcome="refused"} 15
            gateway_payments_total{protocol="x402-v3",outcome="verified"} 50
            gateway_payments_total{protocol="__overflow__",outcome="__overflow__"} 7
            """;
    private static final String PAY_G2_T10 = """
            gateway_payments_total{protocol="x402",outcome="verified"} 10
            """;

    private static StackFigures paymentFigures() {
        History h = new History(5);
        h.record(ok(G1, 0, PAY_G1_T0));
        h.record(ok(G2, 0, "gateway_requests_total{status=\"200\"} 0\n"));
        h.record(ok(G1, 10, PAY_G1_T10));
        h.record(ok(G2, 10, PAY_G2_T10));
        return StackFigures.compute(h.window(Duration.ofSeconds(10)), List.of(G1, G2), List.of());
    }

    @Test
    void paymentsArePerProtocolRatesAndVerifiedSharesSummedOverGatewaysInTheClosedProtocolOrder() {
        Map<String, PaymentFigures> p = paymentFigures().gateway().paymentsByProtocol();
        assertEquals(List.of("x402", "x402-v1", "legacy"), List.copyOf(p.keySet()), "unknown protocols have no row");
        // x402: g1 (40 + 8 + 2)/10 = 5/s, g2 10/10 = 1/s → 6/s; verified 4 + 1 = 5/s of 6.
        PaymentFigures x402 = p.get("x402");
        assertEquals(6.0, x402.perSecond(), EPS);
        assertEquals(5.0 / 6, x402.verifiedRatio(), EPS);
        assertEquals(0.8, x402.refusedPerSecond(), EPS);
        assertEquals(0.2, x402.unavailablePerSecond(), EPS);
        // x402-v1: only refusals, so no verified series at all: the share is 0, not unknown.
        PaymentFigures v1 = p.get("x402-v1");
        assertEquals(1.0, v1.perSecond(), EPS);
        assertEquals(0.0, v1.verifiedRatio(), EPS);
        assertEquals(1.0, v1.refusedPerSecond(), EPS);
        assertEquals(0.0, v1.unavailablePerSecond(), EPS);
        // legacy: never counted, so nothing paid, and no share of nothing.
        PaymentFigures legacy = p.get("legacy");
        assertEquals(0.0, legacy.perSecond(), EPS);
        assertNull(legacy.verifiedRatio());
        assertEquals(0.0, legacy.refusedPerSecond(), EPS);
    }

    @Test
    void eachGatewaysOwnPaymentsAreInItsTargetFigures() {
        StackFigures f = paymentFigures();
        assertEquals(5.0, f.targets().get(0).gateway().paymentsByProtocol().get("x402").perSecond(), EPS);
        assertEquals(0.8, f.targets().get(0).gateway().paymentsByProtocol().get("x402").verifiedRatio(), EPS);
        assertEquals(1.0, f.targets().get(1).gateway().paymentsByProtocol().get("x402").perSecond(), EPS);
        assertEquals(1.0, f.targets().get(1).gateway().paymentsByProtocol().get("x402").verifiedRatio(), EPS);
    }

    @Test
    void withOneScrapeOnlyEveryProtocolIsListedWithUnknownFigures() {
        History h = new History(5);
        h.record(ok(G1, 0, PAY_G1_T0));
        Map<String, PaymentFigures> p = StackFigures.compute(h.window(Duration.ofMinutes(1)), List.of(G1), List.of())
                .gateway().paymentsByProtocol();
        assertEquals(List.of("x402", "x402-v1", "legacy"), List.copyOf(p.keySet()));
        for (PaymentFigures figures : p.values()) {
            assertEquals(new PaymentFigures(null, null, null, null), figures);
        }
    }

    @Test
    void paymentFiguresRoundTripThroughJsonInTheirOrder() throws Exception {
        StackFigures f = paymentFigures();
        StackFigures back = StackFigures.fromJson(f.toJson());
        assertEquals(f, back);
        assertEquals(List.of("x402", "x402-v1", "legacy"), List.copyOf(back.gateway().paymentsByProtocol().keySet()));
        JsonNode legacy = new ObjectMapper().readTree(f.toJson()).get("gateway").get("payments_by_protocol").get("legacy");
        assertTrue(legacy.get("verified_ratio").isNull(), legacy.toString());
        ObjectNode older = (ObjectNode) new ObjectMapper().readTree(f.toJson());
        ((ObjectNode) older.get("gateway")).remove("payments_by_protocol");
        older.get("targets").forEach(t -> ((ObjectNode) t.get("gateway")).remove("payments_by_protocol"));
        StackFigures fromOlder = StackFigures.fromJson(older.toString());
        assertTrue(fromOlder.gateway().paymentsByProtocol().isEmpty(), "a document from before payments were counted: no protocols");
        assertEquals(f.gateway().requestsPerSecond(), fromOlder.gateway().requestsPerSecond());
    }

    private static List<String> fields(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void figuresNeverThrowOnOddInput() {
        History h = new History(3);
        h.record(ok(G1, 0, "gateway_requests_total{status=\"200\"} NaN\ngateway_request_duration_seconds_bucket{le=\"0.1\"} 3\n"));
        h.record(ok(G1, 1, "gateway_requests_total{status=\"200\"} 5\ngateway_request_duration_seconds_bucket{le=\"0.1\"} 4\n"));
        StackFigures f = StackFigures.compute(h.window(Duration.ofSeconds(1)), List.of(G1), List.of());
        assertNotNull(f.toJson());
        assertNull(f.gateway().latencySeconds().p50(), "no +Inf bucket → no quantile");
    }
}
