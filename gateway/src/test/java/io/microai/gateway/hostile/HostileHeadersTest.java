package io.microai.gateway.hostile;

import static io.microai.gateway.support.Errors.assertError;
import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import io.microai.gateway.GatewayConfig;
import io.microai.gateway.GatewayFixture;
import io.microai.gateway.support.StandIn;
import io.microai.shared.testing.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a client can do with headers alone: forge forwarding, flood the probe, buy a tier, pick CORS answers. */
class HostileHeadersTest {
    private static final String TEXT = "{\"text\":\"The quick brown fox jumps over the lazy dog.\"}";

    @Test
    void aForgedForwardingLineBeforeTheProxysOwnLineDoesNotChooseTheRateLimitKey() throws Exception {
        // The proxy (127.0.0.1, trusted) appends its own X-Forwarded-For line naming the real client; the client
        // rotates a forged line in front of it, hoping to get a fresh bucket each time.
        try (GatewayFixture stack = new GatewayFixture(Map.of("TRUSTED_PROXIES", "127.0.0.1/32",
                "RATE_LIMIT_ANONYMOUS_BURST", "1", "RATE_LIMIT_ANONYMOUS_RPM", "1"))) {
            List<String> statuses = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                try (RawClient c = RawClient.connect("127.0.0.1", stack.gateway.port())) {
                    String answer = c.send("POST " + GatewayConfig.SUMMARIZE_PATH + " HTTP/1.1\r\nHost: x\r\n"
                            + "X-Forwarded-For: 203.0.113." + i + "\r\n"
                            + "X-Forwarded-For: 198.51.100.7\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}").read(5_000);
                    statuses.add(answer.substring(0, Math.min(12, answer.length())));
                }
            }
            assertEquals(List.of("HTTP/1.1 402", "HTTP/1.1 429", "HTTP/1.1 429"), statuses, "one bucket: 198.51.100.7's");
        }
    }

    @Test
    void aFloodOfReadinessProbesMakesOneUpstreamCheck() throws Exception {
        AtomicInteger healthCalls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        HttpHandler health = exchange -> {
            healthCalls.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            StandIn.respond(exchange, 200, "application/json", "{\"status\":\"healthy\",\"service\":\"verifier\"}");
        };
        int probes = 100;
        try (StandIn verifier = StandIn.start(Map.of("/health", health));
             GatewayFixture stack = new GatewayFixture(Map.of("VERIFIER_URL", verifier.url(), "HEALTH_CHECK_TIMEOUT_SECONDS", "30"))) {
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < probes; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(stack.base + "/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // Every probe is parked on the one check before it is let finish (the scrape itself is one more request).
            for (int i = 0; i < 300 && value(stack.scrape(), "gateway_active_requests") < probes + 1; i++) {
                Thread.sleep(50);
            }
            assertEquals(probes + 1, value(stack.scrape(), "gateway_active_requests"), "all probes in flight at once");
            release.countDown();
            int ready = 0;
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                HttpResponse<String> response = a.get(30, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
                ready++;
            }
            assertEquals(probes, ready);
            assertEquals(1, healthCalls.get(), "one upstream check for the whole flood");
        }
    }

    @Test
    void junkPaymentHeadersAreChargedToTheAnonymousTierAndBuyNothingOnOtherRoutes() throws Exception {
        try (GatewayFixture stack = new GatewayFixture(Map.of("RATE_LIMIT_ANONYMOUS_BURST", "2", "RATE_LIMIT_ANONYMOUS_RPM", "1"))) {
            assertEquals(400, stack.summarize(TEXT, "PAYMENT-SIGNATURE", "not base64").statusCode());
            assertError(stack.summarize(TEXT, "X-402-Signature", "junk", "X-402-Nonce", "junk"), 400, "malformed_signature");
            // Both refused attempts spent the anonymous budget: junk headers bought nothing beyond it.
            HttpResponse<String> limited = stack.summarize(TEXT);
            assertEquals(429, limited.statusCode(), limited.body());
            assertEquals("anonymous", GatewayFixture.JSON.readTree(limited.body()).get("tier").asText());
            // Payment headers on a route that takes no payment are anonymous requests like any other.
            HttpResponse<String> receipt = Http.get(stack.base + "/api/receipts/nope", "X-PAYMENT", "junk");
            assertEquals(429, receipt.statusCode(), receipt.body());
        }
    }

    @Test
    void aPaymentThatPassesItsChecksIsNotChargedToTheAnonymousTier() throws Exception {
        try (GatewayFixture stack = new GatewayFixture(Map.of("RATE_LIMIT_ANONYMOUS_BURST", "3", "RATE_LIMIT_ANONYMOUS_RPM", "1"))) {
            assertEquals(200, stack.pay(TEXT).statusCode()); // the challenge takes one anonymous token, the payment none
            assertEquals(200, stack.pay("{\"text\":\"another text to pay for\"}").statusCode());
            assertEquals(402, stack.summarize(TEXT).statusCode(), "the third anonymous token is still there");
        }
    }

    @Test
    void aLoneSurrogateInTheTextIsRefusedWithoutSpendingThePayment() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            String paired = "{\"text\":\"a pair \\ud83d\\ude00 is fine\"}";
            var context = stack.challenge(paired);
            String[] payment = {"X-402-Signature", GatewayFixture.sign(context, GatewayFixture.PAYER_KEY),
                "X-402-Nonce", context.get("nonce").asText()};
            assertError(stack.summarize("{\"text\":\"caf\\ud800e\"}", payment), 400, "invalid_text");
            assertError(stack.summarize("{\"text\":\"\\udc00 trailing half\"}", payment), 400, "invalid_text");
            HttpResponse<String> served = stack.summarize(paired, payment);
            assertEquals(200, served.statusCode(), served.body());
        }
    }

    @Test
    void allowedOriginsStarAnswersALiteralStarWithoutCredentials() throws Exception {
        try (GatewayFixture stack = new GatewayFixture(Map.of("ALLOWED_ORIGINS", "*"))) {
            HttpResponse<String> answer = stack.summarize(TEXT, "Origin", "https://any.example");
            assertEquals("*", answer.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertFalse(answer.headers().firstValue("Access-Control-Allow-Credentials").isPresent());
            HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.base + GatewayConfig.SUMMARIZE_PATH))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://other.example").header("Access-Control-Request-Method", "POST").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("*", preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertFalse(preflight.headers().firstValue("Access-Control-Allow-Credentials").isPresent());
        }
        try (GatewayFixture stack = new GatewayFixture(Map.of("ALLOWED_ORIGINS", "https://app.example"))) {
            HttpResponse<String> listed = stack.summarize(TEXT, "Origin", "https://app.example");
            assertEquals("https://app.example", listed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertEquals("true", listed.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());
            assertTrue(stack.summarize(TEXT, "Origin", "https://evil.example").headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }

    @Test
    void aLegacyPaymentSeenInFlightCannotBeSpentOnAnotherBodyAndStillServesItsOwn() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            var context = stack.challenge(TEXT);
            String[] victim = {"X-402-Signature", GatewayFixture.sign(context, GatewayFixture.PAYER_KEY),
                "X-402-Nonce", context.get("nonce").asText(), "X-402-Payer", GatewayFixture.PAYER};
            String before = stack.scrape();
            assertError(stack.summarize("{\"text\":\"the attacker's own text\"}", victim), 400, "request_mismatch");
            assertEquals(1, value(stack.scrape(), "gateway_verification_failures_total{reason=\"request_mismatch\"}")
                    - value(before, "gateway_verification_failures_total{reason=\"request_mismatch\"}"));
            HttpResponse<String> own = stack.summarize(TEXT, victim);
            assertEquals(200, own.statusCode(), "the nonce was not burned by the stolen attempt: " + own.body());
        }
    }
}
