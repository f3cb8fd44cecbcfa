package io.microai.gateway.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.GatewayFixture;
import io.microai.gateway.support.X402Payer;
import io.microai.shared.logging.JsonLogFormatter;
import io.microai.shared.testing.Http;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile run of a real gateway and verifier with the JSON log format: every line they write parses
 * as one JSON object, each request has exactly one access line with its fields, and no signature,
 * payment header or bearer token the clients sent appears anywhere in the log.
 */
class JsonLogTest {
    private static final String BODY = "{\"text\":\"Structured logs make a slow request easy to find. Each line is one object.\"}";
    private static final String TOKEN = "s3cret-metrics-token-value";

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private StreamHandler handler;

    @BeforeEach
    void capture() {
        handler = new StreamHandler(captured, new JsonLogFormatter());
        Logger.getLogger("").addHandler(handler);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(handler);
    }

    private List<JsonNode> lines() throws Exception {
        handler.flush();
        List<JsonNode> out = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                JsonNode node = GatewayFixture.JSON.readTree(line); // throws for a line that is not JSON
                assertTrue(node.isObject(), line);
                out.add(node);
            }
        }
        return out;
    }

    private static List<JsonNode> access(List<JsonNode> lines, String cid) {
        return lines.stream().filter(l -> "access".equals(l.path("logger").asText()) && "gateway".equals(l.path("service").asText()) && cid.equals(l.path("correlation_id").asText())).toList();
    }

    @Test
    void everyLineIsJsonEachRequestHasOneAccessLineAndNoSecretIsLogged() throws Exception {
        List<String> secrets = new ArrayList<>();
        String legacyCid;
        String x402Cid;
        try (GatewayFixture g = new GatewayFixture(Map.of("METRICS_AUTH_TOKEN", TOKEN))) {
            // An upstream-format nonce is bound to the body its challenge was asked for.
            JsonNode context = g.challenge(BODY);
            String signature = GatewayFixture.sign(context, GatewayFixture.PAYER_KEY);
            secrets.add(signature);
            legacyCid = "legacy-paid-1";
            HttpResponse<String> paid = g.summarize(BODY, "X-402-Signature", signature, "X-402-Nonce", context.get("nonce").asText(),
                    "X-Correlation-ID", legacyCid);
            assertEquals(200, paid.statusCode(), paid.body());
            // The same payment again: refused, and its signature must not reach the log either.
            g.summarize(BODY, "X-402-Signature", signature, "X-402-Nonce", context.get("nonce").asText());

            X402Payer.Payment payment = X402Payer.v2(g.summarize(BODY), GatewayFixture.PAYER_KEY);
            List<String> headers = new ArrayList<>(List.of(payment.headers()));
            secrets.add(payment.encoded());
            secrets.add(payment.root.path("payload").path("signature").asText());
            x402Cid = "x402-paid-1";
            headers.addAll(List.of("X-Correlation-ID", x402Cid));
            assertEquals(200, g.summarize(BODY, headers.toArray(String[]::new)).statusCode());
            String bogus = "eyJob3N0aWxlIjoidmFsdWUtdGhhdC1tdXN0LW5vdC1iZS1sb2dnZWQifQ==";
            secrets.add(bogus);
            g.summarize(BODY, "X-PAYMENT", bogus);
            g.summarize(BODY, "PAYMENT-SIGNATURE", "not base64 " + TOKEN + "-in-header");
            secrets.add(TOKEN);
            Http.get(g.base + "/metrics", "Authorization", "Bearer " + TOKEN);
            Http.get(g.base + "/metrics", "Authorization", "Bearer wrong-" + TOKEN);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = lines();
        assertFalse(lines.isEmpty());
        for (String secret : secrets) {
            assertTrue(secret.length() > 20, "a real secret to look for");
            assertFalse(text.contains(secret), "the log contains a secret the client sent: " + secret);
        }

        List<JsonNode> legacy = access(lines, legacyCid);
        assertEquals(1, legacy.size(), legacy.toString());
        JsonNode line = legacy.get(0);
        assertEquals("INFO", line.path("level").asText());
        assertEquals("POST", line.path("method").asText());
        assertEquals("/api/ai/summarize", line.path("route").asText());
        assertEquals(200, line.path("status").asInt());
        assertTrue(line.path("duration_ms").isNumber());
        assertTrue(line.path("bytes").asLong() > 0);
        assertEquals("MISS", line.path("cache").asText());
        assertEquals("legacy", line.path("payment_protocol").asText());
        assertEquals(GatewayFixture.PAYER, line.path("payer").asText());
        assertTrue(line.path("time").asText().endsWith("Z"));

        assertEquals(1, lines.stream().filter(l -> "verifier".equals(l.path("service").asText()) && legacyCid.equals(l.path("correlation_id").asText())).count(),
                "the verifier logs the gateway's call under the same correlation id");
        JsonNode x402 = access(lines, x402Cid).get(0);
        assertEquals("x402", x402.path("payment_protocol").asText());
        assertEquals("HIT", x402.path("cache").asText());

        long scrapes = lines.stream().filter(l -> "access".equals(l.path("logger").asText()) && "gateway".equals(l.path("service").asText()) && "/metrics".equals(l.path("route").asText())).count();
        assertEquals(2, scrapes);
        assertTrue(lines.stream().anyMatch(l -> !"access".equals(l.path("logger").asText())), "the existing events are JSON too");
    }
}
