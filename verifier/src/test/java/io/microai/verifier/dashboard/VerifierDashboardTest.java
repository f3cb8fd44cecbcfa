package io.microai.verifier.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microai.shared.config.Env;
import io.microai.shared.testing.Http;
import io.microai.verifier.VerifierConfig;
import io.microai.verifier.VerifierServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier's own dashboard: verifier figures from its own registry, no gateway section. */
class VerifierDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static VerifierServer start(Map<String, String> env) {
        return VerifierServer.start(VerifierConfig.fromEnv(new Env(env)).withPort(0).withHost("127.0.0.1"));
    }

    @Test
    void theVerifierShowsItsOwnFigures() throws Exception {
        try (VerifierServer verifier = start(Map.of())) {
            String base = "http://127.0.0.1:" + verifier.port();
            // A signature that cannot be parsed: counted as a request and an invalid signature by reason.
            String body = "{\"context\":{\"recipient\":\"0x2cAF48b4BA1C58721a85dFADa5aC01C2DFa62219\",\"token\":\"USDC\","
                    + "\"amount\":\"0.001\",\"nonce\":\"n-1\",\"chainId\":8453},\"signature\":\"0x1234\"}";
            for (int i = 0; i < 3; i++) {
                Http.post(base + "/verify", body, "Content-Type", "application/json");
            }
            JsonNode snap = null;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline) {
                snap = JSON.readTree(Http.get(base + "/dashboard/api/snapshot").body());
                if (snap.get("verifier").get("verifications_per_second").isNumber()
                        && snap.get("verifier").get("verifications_per_second").asDouble() > 0) {
                    break;
                }
                Thread.sleep(250);
            }
            assertEquals("verifier", snap.get("service").asText());
            assertEquals(0, snap.get("gateway").get("targets_total").asInt(), "no gateway section");
            assertEquals(1, snap.get("verifier").get("targets_up").asInt());
            assertTrue(snap.get("verifier").get("verifications_per_second").asDouble() > 0, snap.toString());
            assertTrue(snap.get("verifier").get("invalid_per_second_by_reason").size() > 0, snap.toString());
            assertEquals("verifier", snap.get("targets").get(0).get("role").asText());
            assertTrue(snap.get("targets").get(0).get("up").asBoolean());

            HttpResponse<String> page = Http.get(base + "/dashboard");
            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
            assertTrue(page.body().contains("data-service=\"verifier\""));
            assertEquals(200, Http.get(base + "/dashboard/assets/dashboard.css").statusCode());
        }
    }

    @Test
    void theTokenProtectsMetricsAndTheDashboardData() throws Exception {
        try (VerifierServer verifier = start(Map.of("METRICS_AUTH_TOKEN", "verifier-token"))) {
            String base = "http://127.0.0.1:" + verifier.port();
            for (String path : new String[] {"/metrics", "/dashboard/api/snapshot"}) {
                HttpResponse<String> denied = Http.get(base + path);
                assertEquals(401, denied.statusCode(), path);
                assertEquals("unauthorized", JSON.readTree(denied.body()).get("error").asText());
                assertEquals(200, Http.get(base + path, "Authorization", "Bearer verifier-token").statusCode(), path);
            }
            assertEquals(200, Http.get(base + "/health").statusCode());
        }
    }

    @Test
    void disabledOrMoved() throws Exception {
        try (VerifierServer off = start(Map.of("DASHBOARD_ENABLED", "false"))) {
            String base = "http://127.0.0.1:" + off.port();
            assertEquals(404, Http.get(base + "/dashboard").statusCode());
            assertEquals(404, Http.get(base + "/dashboard/api/snapshot").statusCode());
        }
        try (VerifierServer moved = start(Map.of("DASHBOARD_PATH", "/ui"))) {
            String base = "http://127.0.0.1:" + moved.port();
            assertEquals(200, Http.get(base + "/ui").statusCode());
            assertEquals(200, Http.get(base + "/ui/api/snapshot").statusCode());
        }
    }
}
