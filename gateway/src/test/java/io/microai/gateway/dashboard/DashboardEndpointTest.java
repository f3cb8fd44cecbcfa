package io.microai.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microai.gateway.GatewayConfig;
import io.microai.gateway.GatewayFixture;
import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import io.microai.shared.scrape.Sample;
import io.microai.shared.scrape.Scrape;
import io.microai.shared.scrape.StackFigures;
import io.microai.shared.testing.Http;
import io.microai.verifier.VerifierConfig;
import io.microai.verifier.VerifierServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The gateway's dashboard over real HTTP on loopback: its data, its page, its protection. */
class DashboardEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SNAPSHOT = "/dashboard/api/snapshot";
    private static final String TOKEN = "dashboard-test-token-1234";
    /** The SVG namespace is an identifier the script passes to createElementNS, never fetched. */
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    @Test
    void theSnapshotIsStackFiguresPlusHistoryAndItsFiguresFollowTheTraffic() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            // Four paid flows over two texts (two cache misses, two hits) and one unknown path.
            for (int i = 0; i < 4; i++) {
                assertEquals(200, stack.pay("{\"text\":\"The dashboard test sends text number " + (i % 2) + ". It is short.\"}").statusCode());
            }
            assertEquals(404, Http.get(stack.base + "/no/such/path").statusCode());

            JsonNode snap = awaitSnapshot(stack.base, s -> s.path("gateway").path("cache_hit_ratio").isNumber()
                    && s.path("verifier").path("verifications_per_second").isNumber()
                    && s.path("verifier").path("verifications_per_second").asDouble() > 0);

            // Same engine, same shape: every StackFigures field is there, unchanged, in the same order.
            JsonNode figures = JSON.readTree(StackFigures.fromJson(snap.toString()).toJson());
            List<String> figureKeys = keys(figures);
            assertEquals(List.of("timestamp_ms", "window_seconds", "gateway", "verifier", "targets"), figureKeys);
            assertEquals(figureKeys, keys(snap).subList(0, figureKeys.size()));
            for (String k : figureKeys) {
                assertEquals(figures.get(k), snap.get(k), k);
            }
            assertEquals(List.of("service", "interval_seconds", "history_seconds", "history"),
                    keys(snap).subList(figureKeys.size(), keys(snap).size()));
            assertEquals("gateway", snap.get("service").asText());
            assertEquals(60.0, snap.get("window_seconds").asDouble());

            JsonNode g = snap.get("gateway");
            assertEquals(1, g.get("targets_up").asInt());
            assertTrue(g.get("requests_per_second").asDouble() > 0, g.toString());
            double hit = g.get("cache_hit_ratio").asDouble();
            assertTrue(hit > 0 && hit <= 1, "cache hit ratio " + hit);
            assertEquals(1.0, g.get("verification_success_ratio").asDouble());
            assertTrue(g.get("payment_required_ratio").asDouble() > 0);
            assertTrue(g.get("latency_seconds").get("p50").isNumber());
            JsonNode summarize = path(g, GatewayConfig.SUMMARIZE_PATH);
            assertNotNull(summarize, "per-path figures for the paid route: " + g.get("paths"));
            assertTrue(summarize.get("latency_seconds").get("p99").isNumber());
            assertNotNull(path(g, "unmatched"), "the 404 is counted under its template");
            assertTrue(g.has("streams") && (g.get("streams").isNull() || g.get("streams").has("first_chunk_seconds")),
                    "the page's streams panel reads the stream figures, null without stream families: " + g.get("streams"));

            JsonNode v = snap.get("verifier");
            assertEquals(1, v.get("targets_up").asInt());
            assertEquals(1.0, v.get("success_ratio").asDouble());

            JsonNode targets = snap.get("targets");
            assertEquals(2, targets.size());
            assertEquals("self", targets.get(0).get("url").asText());
            assertEquals("gateway", targets.get(0).get("role").asText());
            assertEquals("http://127.0.0.1:" + stack.verifier.port() + "/metrics", targets.get(1).get("url").asText());
            assertEquals("verifier", targets.get(1).get("role").asText());
            assertTrue(targets.get(1).get("up").asBoolean());

            JsonNode history = snap.get("history");
            assertTrue(history.size() >= 2, history.toString());
            JsonNode last = history.get(history.size() - 1);
            assertEquals(snap.get("timestamp_ms").asLong(), last.get("timestamp_ms").asLong());
            assertEquals(g.get("requests_per_second"), last.get("requests_per_second"));
            assertEquals(g.get("cache_hit_ratio"), last.get("cache_hit_ratio"));
            assertEquals(v.get("latency_seconds").get("p99"), last.get("verifier_p99_seconds"));
            assertTrue(last.get("verifier_up").asBoolean());
            for (int i = 1; i < history.size(); i++) {
                assertTrue(history.get(i).get("timestamp_ms").asLong() > history.get(i - 1).get("timestamp_ms").asLong());
            }
            // ?since= returns only newer frames: the page fetches the full history once, then increments.
            JsonNode newer = JSON.readTree(Http.get(stack.base + SNAPSHOT + "?since=" + last.get("timestamp_ms").asLong()).body());
            for (JsonNode f : newer.get("history")) {
                assertTrue(f.get("timestamp_ms").asLong() > last.get("timestamp_ms").asLong());
            }
            assertEquals(400, Http.get(stack.base + SNAPSHOT + "?since=yesterday").statusCode());
        }
    }

    @Test
    void aStoppedVerifierIsReportedDownAndTheGatewayFiguresGoOn() throws Exception {
        VerifierServer verifier = VerifierServer.start(VerifierConfig.fromEnv(new Env(Map.of())).withPort(0).withHost("127.0.0.1"));
        try (GatewayFixture stack = new GatewayFixture(Map.of("VERIFIER_URL", "http://127.0.0.1:" + verifier.port()))) {
            awaitSnapshot(stack.base, s -> s.get("targets").get(1).get("up").asBoolean());
            verifier.close();
            JsonNode snap = awaitSnapshot(stack.base, s -> !s.get("targets").get(1).get("up").asBoolean());
            JsonNode target = snap.get("targets").get(1);
            assertFalse(target.get("error").asText().isEmpty());
            assertEquals(0, snap.get("verifier").get("targets_up").asInt());
            assertTrue(snap.get("targets").get(0).get("up").asBoolean(), "the gateway's own figures do not depend on the verifier");
            JsonNode history = snap.get("history");
            assertFalse(history.get(history.size() - 1).get("verifier_up").asBoolean());
        } finally {
            verifier.close();
        }
    }

    @Test
    void withAMetricsTokenTheDataAndMetricsNeedItButThePageDoesNot() throws Exception {
        Map<String, String> env = Map.of("METRICS_AUTH_TOKEN", TOKEN);
        // The verifier is protected with the same token; the gateway must send it when it scrapes.
        VerifierServer verifier = VerifierServer.start(VerifierConfig.fromEnv(new Env(env)).withPort(0).withHost("127.0.0.1"));
        Map<String, String> gatewayEnv = new HashMap<>(env);
        gatewayEnv.put("VERIFIER_URL", "http://127.0.0.1:" + verifier.port());
        try (GatewayFixture stack = new GatewayFixture(gatewayEnv)) {
            for (String path : List.of(SNAPSHOT, "/metrics")) {
                HttpResponse<String> none = Http.get(stack.base + path);
                assertEquals(401, none.statusCode(), path);
                assertEquals("unauthorized", JSON.readTree(none.body()).get("error").asText());
                assertTrue(none.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
                assertEquals("Bearer realm=\"metrics\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
                assertEquals(401, Http.get(stack.base + path, "Authorization", "Bearer wrong-" + TOKEN).statusCode(), path);
                assertEquals(401, Http.get(stack.base + path, "Authorization", "Basic " + TOKEN).statusCode(), path);
                assertEquals(200, Http.get(stack.base + path, "Authorization", "Bearer " + TOKEN).statusCode(), path);
            }
            assertEquals(401, Http.get("http://127.0.0.1:" + verifier.port() + "/metrics").statusCode());
            // The page and its assets carry no data: public, so a browser can open #token=… links.
            assertEquals(200, Http.get(stack.base + "/dashboard").statusCode());
            assertEquals(200, Http.get(stack.base + "/dashboard/assets/dashboard.js").statusCode());

            JsonNode snap = awaitSnapshot(stack.base, s -> s.get("targets").get(1).has("last_scrape_ms")
                    && !s.get("targets").get(1).get("last_scrape_ms").isNull(), "Authorization", "Bearer " + TOKEN);
            assertTrue(snap.get("targets").get(1).get("up").asBoolean(), "scraped the protected verifier: " + snap.get("targets").get(1));
        } finally {
            verifier.close();
        }
    }

    @Test
    void disabledMeansNotFound() throws Exception {
        try (GatewayFixture stack = new GatewayFixture(Map.of("DASHBOARD_ENABLED", "false"))) {
            for (String path : List.of("/dashboard", SNAPSHOT, "/dashboard/assets/dashboard.js")) {
                HttpResponse<String> r = Http.get(stack.base + path);
                assertEquals(404, r.statusCode(), path);
                assertEquals("not_found", JSON.readTree(r.body()).get("error").asText());
            }
            assertEquals(200, Http.get(stack.base + "/metrics").statusCode());
        }
    }

    @Test
    void thePageAndItsAssetsAreSelfContainedWithTheRightContentTypes() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            HttpResponse<String> page = Http.get(stack.base + "/dashboard");
            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("connect-src 'self'"));
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
            String html = page.body();
            assertTrue(html.contains("src=\"/dashboard/assets/dashboard.js\""), html);
            assertTrue(html.contains("href=\"/dashboard/assets/dashboard.css\""), html);
            assertTrue(html.contains("data-base=\"/dashboard\""));
            assertFalse(html.contains("{{"), "every placeholder is filled");
            assertEquals(200, Http.get(stack.base + "/dashboard/").statusCode());

            HttpResponse<String> js = Http.get(stack.base + "/dashboard/assets/dashboard.js");
            assertEquals(200, js.statusCode());
            assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("Content-Type").orElse(""));
            HttpResponse<String> css = Http.get(stack.base + "/dashboard/assets/dashboard.css");
            assertEquals(200, css.statusCode());
            assertEquals("text/css; charset=utf-8", css.headers().firstValue("Content-Type").orElse(""));
            assertEquals(404, Http.get(stack.base + "/dashboard/assets/index.html").statusCode());
            assertEquals(404, Http.get(stack.base + "/dashboard/assets/..%2Fdashboard.js").statusCode());

            for (String body : List.of(html, js.body(), css.body())) {
                assertEquals(List.of(), externalUrls(body), "no reference to another host");
            }
            assertTrue(js.body().contains("'/api/snapshot"), "the page polls its own origin");
        }
    }

    @Test
    void thePathIsConfigurableAndTheDashboardIsMeteredButNeverRateLimited() throws Exception {
        Map<String, String> env = Map.of("DASHBOARD_PATH", "/ops/board/",
                "RATE_LIMIT_ANONYMOUS_BURST", "1", "RATE_LIMIT_ANONYMOUS_RPM", "1");
        try (GatewayFixture stack = new GatewayFixture(env)) {
            assertEquals(404, Http.get(stack.base + "/dashboard").statusCode());
            HttpResponse<String> page = Http.get(stack.base + "/ops/board");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("src=\"/ops/board/assets/dashboard.js\""));
            for (int i = 0; i < 5; i++) {
                assertEquals(200, Http.get(stack.base + "/ops/board/api/snapshot").statusCode(), "request " + i);
            }
            String metrics = stack.scrape();
            assertEquals(1.0, requests(metrics, "/ops/board"), metrics);
            assertEquals(5.0, requests(metrics, "/ops/board/api/snapshot"), metrics);
            assertFalse(metrics.contains("gateway_rate_limit_hits_total{path=\"/ops/board"), "no rate-limit series for the dashboard");
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheVariable() {
        for (Map<String, String> env : List.of(
                Map.of("DASHBOARD_PATH", "/metrics"),
                Map.of("DASHBOARD_PATH", "/api"),
                Map.of("DASHBOARD_PATH", "/"),
                Map.of("DASHBOARD_PATH", "dashboard"),
                Map.of("METRICS_PATH", "/dashboard/metrics"))) {
            ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.fromEnv(new Env(env)), env.toString());
            assertTrue(e.getMessage().contains("DASHBOARD_PATH"), e.getMessage());
        }
        ConfigException token = assertThrows(ConfigException.class,
                () -> GatewayConfig.fromEnv(new Env(Map.of("METRICS_AUTH_TOKEN", "has a space"))));
        assertTrue(token.getMessage().contains("METRICS_AUTH_TOKEN"));
        assertFalse(GatewayConfig.fromEnv(new Env(Map.of("METRICS_AUTH_TOKEN", TOKEN))).toString().contains(TOKEN),
                "the token is never printed with the configuration");
        // Off with metrics off, unless asked for.
        assertFalse(GatewayConfig.fromEnv(new Env(Map.of("METRICS_ENABLED", "false"))).dashboard().enabled());
        assertEquals("/x/metrics", GatewayConfig.fromEnv(new Env(Map.of("VERIFIER_METRICS_PATH", "/x/metrics/"))).verifierMetricsPath());
    }

    // ---------------------------------------------------------------------------------------------

    interface Condition {
        boolean test(JsonNode snapshot);
    }

    /** Polls the snapshot until the condition holds (the sampler runs every 2 s). */
    static JsonNode awaitSnapshot(String base, Condition condition, String... headers) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = Http.get(base + SNAPSHOT, headers);
            assertEquals(200, r.statusCode(), r.body());
            last = JSON.readTree(r.body());
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("snapshot never met the condition; last: " + last);
    }

    private static double requests(String exposition, String path) throws Exception {
        double sum = 0;
        for (Sample s : Scrape.parse("test", 0, 0, exposition).samples("gateway_requests_total")) {
            if (path.equals(s.labels().get("path")) && "200".equals(s.labels().get("status"))) {
                sum += s.value();
            }
        }
        return sum;
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static JsonNode path(JsonNode gateway, String path) {
        for (JsonNode p : gateway.get("paths")) {
            if (p.get("path").asText().equals(path)) {
                return p;
            }
        }
        return null;
    }

    static List<String> externalUrls(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?i)https?://[^\\s'\"<>)]+").matcher(text);
        while (m.find()) {
            if (!m.group().equals(SVG_NAMESPACE)) {
                out.add(m.group());
            }
        }
        return out;
    }
}
