package io.microai.gateway;

import static io.microai.gateway.support.Errors.assertError;
import static io.microai.gateway.support.Errors.json;
import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.support.Load;
import io.microai.shared.testing.Http;
import io.microai.shared.testing.Promtool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The request metrics middleware, end to end: a scripted mix of requests moves every series by
 * exactly the expected amount, nothing client-controlled creates series, and the limiter's refusals
 * are counted while probes and scrapes are never refused.
 */
class RequestMetricsTest {
    private static final String SUMMARIZE = GatewayConfig.SUMMARIZE_PATH;
    private static final String TEXT = "{\"text\":\"Metrics count what happened. Exactly once per request, by route template.\"}";

    private static String requests(String method, String path, int status) {
        return "gateway_requests_total{method=\"" + method + "\",path=\"" + path + "\",status=\"" + status + "\"}";
    }

    private static String durationCount(String method, String path) {
        return "gateway_request_duration_seconds_count{method=\"" + method + "\",path=\"" + path + "\"}";
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    private static long seriesCount(String exposition) {
        return exposition.lines().filter(line -> line.startsWith("gateway_")).count();
    }

    private static String[] headers(JsonNode context) {
        return new String[] {"X-402-Signature", GatewayFixture.sign(context, GatewayFixture.PAYER_KEY),
                "X-402-Nonce", context.get("nonce").asText()};
    }

    @Test
    void scriptedTrafficMovesEachSeriesByExactlyTheExpectedDeltaAndTheScrapePassesPromtool() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            String before = stack.scrape();

            // 3 × 402: three challenges (two are paid below, the third is left unused).
            JsonNode a = stack.challenge(TEXT);
            JsonNode b = stack.challenge(TEXT);
            stack.challenge(TEXT);
            // 2 paid 200s for the same text: one MISS, one HIT.
            HttpResponse<String> miss = stack.summarize(TEXT, headers(a));
            assertEquals(200, miss.statusCode(), miss.body());
            assertEquals("MISS", miss.headers().firstValue("X-Cache").orElse(null));
            HttpResponse<String> hit = stack.summarize(TEXT, headers(b));
            assertEquals(200, hit.statusCode(), hit.body());
            assertEquals("HIT", hit.headers().firstValue("X-Cache").orElse(null));
            // 1 replay.
            assertError(stack.summarize(TEXT, headers(a)), 409, "nonce_already_used");
            // 2 × 404 on random paths, 1 × 405, 1 /healthz.
            assertError(Http.get(stack.base + "/" + UUID.randomUUID()), 404, "not_found");
            assertError(Http.get(stack.base + "/x/" + UUID.randomUUID() + "?q=" + UUID.randomUUID()), 404, "not_found");
            assertError(Http.get(stack.base + SUMMARIZE), 405, "method_not_allowed");
            assertEquals(200, Http.get(stack.base + "/healthz").statusCode());

            String after = stack.scrape();

            assertEquals(3, delta(before, after, requests("POST", SUMMARIZE, 402)));
            assertEquals(2, delta(before, after, requests("POST", SUMMARIZE, 200)));
            assertEquals(1, delta(before, after, requests("POST", SUMMARIZE, 409)));
            assertEquals(2, delta(before, after, requests("GET", "unmatched", 404)));
            // The 405 handler is shared by every route, so it is labelled with the unmatched template.
            assertEquals(1, delta(before, after, requests("GET", "unmatched", 405)));
            assertEquals(1, delta(before, after, requests("GET", "/healthz", 200)));
            // The first scrape completed before the second was rendered; the second is still in flight.
            assertEquals(1, delta(before, after, requests("GET", "/metrics", 200)));

            assertEquals(6, delta(before, after, durationCount("POST", SUMMARIZE)));
            assertEquals(3, delta(before, after, durationCount("GET", "unmatched")));
            assertEquals(1, delta(before, after, durationCount("GET", "/healthz")));
            assertEquals(1, delta(before, after, durationCount("GET", "/metrics")));
            assertEquals(0, delta(before, after, durationCount("GET", SUMMARIZE)), "a 405 must not use the route's template");

            assertEquals(1, delta(before, after, "gateway_cache_hits_total{path=\"" + SUMMARIZE + "\"}"));
            assertEquals(1, delta(before, after, "gateway_cache_misses_total{path=\"" + SUMMARIZE + "\"}"));
            assertEquals(2, delta(before, after, "gateway_verification_total{result=\"success\"}"));
            assertEquals(1, delta(before, after, "gateway_verification_total{result=\"failure\"}"));
            assertEquals(1, delta(before, after, "gateway_verification_failures_total{reason=\"nonce_already_used\"}"));
            assertEquals(0, delta(before, after, "gateway_rate_limit_hits_total{path=\"" + SUMMARIZE + "\"}"));

            // Only the scrape rendering this exposition may be in flight.
            assertTrue(value(after, "gateway_active_requests") <= 1, "active requests: " + value(after, "gateway_active_requests"));
            assertTrue(value(after, "gateway_active_requests") >= 0);

            assertEquals("", Promtool.checkMetrics(after));
        }
    }

    @Test
    void fourthAnonymousRequestOverABurstOfThreeIs429WithRetryHeadersAndIsCountedButProbesAndScrapesAreNeverLimited()
            throws Exception {
        try (GatewayFixture stack = new GatewayFixture(Map.of("RATE_LIMIT_ANONYMOUS_BURST", "3", "RATE_LIMIT_ANONYMOUS_RPM", "1"))) {
            String before = stack.scrape();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> allowed = stack.summarize(TEXT);
                assertEquals(402, allowed.statusCode(), allowed.body());
                assertEquals(String.valueOf(2 - i), allowed.headers().firstValue("X-RateLimit-Remaining").orElse(null));
            }
            HttpResponse<String> refused = stack.summarize(TEXT);
            assertEquals(429, refused.statusCode(), refused.body());
            assertEquals("0", refused.headers().firstValue("X-RateLimit-Remaining").orElse(null));
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            JsonNode body = json(refused);
            assertEquals("Too Many Requests", body.path("error").asText());
            assertEquals(retryAfter, body.path("retry_after").asLong());
            assertEquals(refused.headers().firstValue("X-Correlation-ID").orElse(null), body.path("correlation_id").asText());

            // Probes and scrapes stay open after the limit is hit, however often they are called.
            for (int i = 0; i < 5; i++) {
                assertEquals(200, Http.get(stack.base + "/healthz").statusCode());
                assertEquals(200, Http.get(stack.base + "/readyz").statusCode());
                assertEquals(200, Http.get(stack.base + "/metrics").statusCode());
            }

            String after = stack.scrape();
            assertEquals(1, delta(before, after, "gateway_rate_limit_hits_total{path=\"" + SUMMARIZE + "\"}"));
            assertEquals(1, delta(before, after, requests("POST", SUMMARIZE, 429)));
            assertEquals(3, delta(before, after, requests("POST", SUMMARIZE, 402)));
            assertEquals(0, delta(before, after, requests("GET", "/healthz", 429)));
            assertEquals(0, delta(before, after, requests("GET", "/readyz", 429)));
            assertEquals(0, delta(before, after, requests("GET", "/metrics", 429)));
            assertEquals("", Promtool.checkMetrics(after));
        }
    }

    @Test
    void tenThousandRequestsToRandomPathsWithRandomMethodsAddNoSeries() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            HttpClient client = Load.client();
            // Warm up every series this traffic may legitimately touch: the unmatched 404 and the scrape itself.
            assertEquals(404, Http.get(stack.base + "/warm-up").statusCode());
            assertEquals(404, Http.post(stack.base + "/warm-up", "").statusCode());
            assertEquals(404, client.send(HttpRequest.newBuilder(URI.create(stack.base + "/warm-up"))
                    .method("WARMUP", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            stack.scrape();
            String before = stack.scrape();

            Map<Integer, Long> statuses = Load.run(10_000, 8, i -> HttpRequest.newBuilder(
                            URI.create(stack.base + "/r/" + UUID.randomUUID() + "/" + i + "?id=" + i))
                    .timeout(Duration.ofSeconds(20))
                    .method(i % 2 == 0 ? "GET" : i % 10 == 9 ? "M" + Integer.toHexString(i).toUpperCase() : "POST",
                            HttpRequest.BodyPublishers.noBody())
                    .build());
            assertEquals(Map.of(404, 10_000L), statuses);

            String after = stack.scrape();
            assertEquals(seriesCount(before), seriesCount(after), "series were added by client-chosen paths");
            // The JDK client resends an idempotent GET by itself when a pooled connection turns out to
            // be closed; the server then rightly counts both attempts, so a retry or two can appear.
            double gets = delta(before, after, requests("GET", "unmatched", 404));
            assertTrue(gets >= 5_000 && gets <= 5_002, "GET count " + gets);
            assertEquals(4_000, delta(before, after, requests("POST", "unmatched", 404)));
            // Client-invented methods share one bounded label value.
            assertEquals(1_000, delta(before, after, requests("other", "unmatched", 404)));
            assertTrue(value(after, "gateway_active_requests") <= 1);
            assertEquals("", Promtool.checkMetrics(after));
        }
    }

    @Test
    void metricsDisabledServesNoMetricsEndpointButStillServesRequests() throws Exception {
        try (GatewayFixture stack = new GatewayFixture(Map.of("METRICS_ENABLED", "false"))) {
            assertError(Http.get(stack.base + "/metrics"), 404, "not_found");
            assertEquals(200, Http.get(stack.base + "/healthz").statusCode());
            assertEquals(200, Http.get(stack.base + "/readyz").statusCode());
            HttpResponse<String> paid = stack.pay(TEXT);
            assertEquals(200, paid.statusCode(), paid.body());
            assertTrue(!json(paid).path("result").asText().isBlank());
        }
    }
}
