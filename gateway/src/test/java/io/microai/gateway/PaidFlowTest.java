package io.microai.gateway;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import io.microai.shared.testing.Http;
import io.microai.shared.testing.Promtool;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The x402 flow end to end over real HTTP, with the real verifier. */
class PaidFlowTest {
    private static final String TEXT = "{\"text\":\"The gateway prices each request. A client signs the payment. "
            + "The verifier recovers the signer. The gateway then calls the model and signs a receipt.\"}";

    @Test
    void aPaidRequestIsServedThenCachedAndItsReceiptVerifiesAgainstTheServerAddress() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            String before = stack.scrape();

            HttpResponse<String> first = stack.pay(TEXT, "X-402-Payer", GatewayFixture.PAYER);
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("MISS", first.headers().firstValue("X-Cache").orElseThrow());
            JsonNode body = GatewayFixture.JSON.readTree(first.body());
            assertFalse(body.get("result").asText().isBlank());

            SignedReceipt receipt = ReceiptVerifier.fromBase64Header(first.headers().firstValue("X-402-Receipt").orElseThrow());
            assertTrue(ReceiptVerifier.verify(receipt, stack.gateway.receiptSignerAddress()));
            assertEquals(GatewayFixture.PAYER, receipt.receipt().payment().payer());

            HttpResponse<String> second = stack.pay(TEXT);
            assertEquals(200, second.statusCode(), second.body());
            assertEquals("HIT", second.headers().firstValue("X-Cache").orElseThrow());
            assertEquals(first.body(), second.body());

            HttpResponse<String> lookup = Http.get(stack.base + "/api/receipts/" + receipt.id());
            assertEquals(200, lookup.statusCode(), lookup.body());
            assertEquals("valid", GatewayFixture.JSON.readTree(lookup.body()).get("status").asText());

            String after = stack.scrape();
            assertEquals(2, delta(before, after, "gateway_requests_total{method=\"POST\",path=\"/api/ai/summarize\",status=\"402\"}"));
            assertEquals(2, delta(before, after, "gateway_requests_total{method=\"POST\",path=\"/api/ai/summarize\",status=\"200\"}"));
            assertEquals(4, delta(before, after, "gateway_request_duration_seconds_count{method=\"POST\",path=\"/api/ai/summarize\"}"));
            assertEquals(1, delta(before, after, "gateway_cache_hits_total{path=\"/api/ai/summarize\"}"));
            assertEquals(1, delta(before, after, "gateway_cache_misses_total{path=\"/api/ai/summarize\"}"));
            assertEquals(2, delta(before, after, "gateway_verification_total{result=\"success\"}"));
            assertEquals(0, delta(before, after, "gateway_verification_total{result=\"failure\"}"));
            assertEquals("", Promtool.checkMetrics(after));
        }
    }

    @Test
    void aReplayedPaymentIsRefusedAndNeverReachesTheProvider() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            JsonNode context = stack.challenge(TEXT);
            String signature = GatewayFixture.sign(context, GatewayFixture.PAYER_KEY);
            String nonce = context.get("nonce").asText();
            assertEquals(200, stack.summarize(TEXT, "X-402-Signature", signature, "X-402-Nonce", nonce).statusCode());
            String before = stack.scrape();
            HttpResponse<String> replay = stack.summarize(TEXT, "X-402-Signature", signature, "X-402-Nonce", nonce);
            assertEquals(409, replay.statusCode());
            assertEquals("nonce_already_used", GatewayFixture.JSON.readTree(replay.body()).get("error").asText());
            String after = stack.scrape();
            assertEquals(0, delta(before, after, "gateway_cache_hits_total{path=\"/api/ai/summarize\"}"));
            assertEquals(0, delta(before, after, "gateway_ai_request_duration_seconds_count{outcome=\"ok\",provider=\"embedded\"}"));
            assertEquals(1, delta(before, after, "gateway_verification_failures_total{reason=\"nonce_already_used\"}"));
        }
    }

    @Test
    void fiftyConcurrentSubmissionsOfOnePaymentSucceedExactlyOnce() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            JsonNode context = stack.challenge(TEXT);
            String signature = GatewayFixture.sign(context, GatewayFixture.PAYER_KEY);
            String nonce = context.get("nonce").asText();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    results.add(pool.submit(() -> stack.summarize(TEXT, "X-402-Signature", signature, "X-402-Nonce", nonce).statusCode()));
                }
                int ok = 0;
                int conflicts = 0;
                for (Future<Integer> result : results) {
                    int status = result.get();
                    if (status == 200) {
                        ok++;
                    } else if (status == 409) {
                        conflicts++;
                    }
                }
                assertEquals(1, ok);
                assertEquals(49, conflicts);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theAnonymousBurstIsLimitedWithUpstreamsHeadersAndBody() throws Exception {
        try (GatewayFixture stack = new GatewayFixture(Map.of("RATE_LIMIT_ANONYMOUS_BURST", "3", "RATE_LIMIT_ANONYMOUS_RPM", "1"))) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> allowed = stack.summarize(TEXT);
                assertEquals(402, allowed.statusCode());
                assertEquals("3", allowed.headers().firstValue("X-RateLimit-Limit").orElseThrow());
                assertEquals(Integer.toString(2 - i), allowed.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
            }
            HttpResponse<String> limited = stack.summarize(TEXT);
            assertEquals(429, limited.statusCode());
            assertEquals("0", limited.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "one token comes back within a minute at 1 rpm: " + retryAfter);
            JsonNode body = GatewayFixture.JSON.readTree(limited.body());
            assertEquals("Too Many Requests", body.get("error").asText());
            assertEquals("anonymous", body.get("tier").asText());
            assertEquals(200, Http.get(stack.base + "/metrics").statusCode(), "scrapes are never limited");
            assertEquals(200, Http.get(stack.base + "/healthz").statusCode(), "health checks are never limited");
            assertEquals(1, value(stack.scrape(), "gateway_rate_limit_hits_total{path=\"/api/ai/summarize\"}"));
        }
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }
}
