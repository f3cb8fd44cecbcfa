package io.microai.gateway;

import static io.microai.gateway.support.Errors.assertError;
import static io.microai.gateway.support.Errors.json;
import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpHandler;
import io.microai.gateway.support.Ports;
import io.microai.gateway.support.StandIn;
import io.microai.shared.config.Env;
import io.microai.shared.testing.Http;
import io.microai.verifier.VerifierConfig;
import io.microai.verifier.VerifierServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The gateway's answers when its dependencies fail: a verifier that is down, slow, recovering or
 * talking nonsense, and an AI provider that is down, slow, failing or fine. Every failure is a
 * precise 5xx with a JSON code (never a hang and never Undertow's empty 500), and is counted.
 */
class FaultToleranceTest {
    private static final String TEXT = "{\"text\":\"Dependencies fail. The gateway must answer precisely and quickly anyway.\"}";
    private static final String HEALTH = "{\"status\":\"healthy\",\"service\":\"verifier\"}";
    private static final String COMPLETION = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"short summary\"}}]}";
    private static final Duration FAST_ENOUGH = Duration.ofSeconds(4);

    private static final String VERIFICATION_FAILURE = "gateway_verification_total{result=\"failure\"}";
    private static final String VERIFICATION_SUCCESS = "gateway_verification_total{result=\"success\"}";

    private static String failures(String reason) {
        return "gateway_verification_failures_total{reason=\"" + reason + "\"}";
    }

    private static Map<String, String> verifierAt(String url) {
        return Map.of("VERIFIER_URL", url);
    }

    private static Map<String, String> provider(String baseUrl, String... more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("AI_PROVIDER", "openai", "AI_BASE_URL", baseUrl, "AI_MODEL", "test"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /** A stand-in verifier whose /health is fine and whose /verify is {@code verify}. */
    private static StandIn standInVerifier(HttpHandler verify) throws Exception {
        return StandIn.start(Map.of("/health", StandIn.json(200, HEALTH), "/verify", verify));
    }

    /** A stand-in OpenAI-compatible server whose chat completions are {@code completions}. */
    private static StandIn standInProvider(HttpHandler completions) throws Exception {
        return StandIn.start(Map.of("/v1/chat/completions", completions, "/v1/models", StandIn.json(200, "{\"data\":[]}")));
    }

    private static HttpResponse<String> timed(GatewayFixture stack, String... headers) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = stack.summarize(TEXT, headers);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(FAST_ENOUGH) < 0, "answered after " + took.toMillis() + " ms");
        return response;
    }

    private static String[] payment(GatewayFixture stack) throws Exception {
        JsonNode context = stack.challenge(TEXT);
        return new String[] {"X-402-Signature", GatewayFixture.sign(context, GatewayFixture.PAYER_KEY),
                "X-402-Nonce", context.get("nonce").asText()};
    }

    // ---- verifier -------------------------------------------------------------------------------

    @Test
    void verifierDownIs503VerificationUnavailableCountedAsFailureAndReadyzSays503WhileHealthzStays200() throws Exception {
        try (GatewayFixture stack = new GatewayFixture(verifierAt("http://127.0.0.1:" + Ports.closedPort()))) {
            String before = stack.scrape();
            assertError(stack.pay(TEXT), 503, "verification_unavailable");
            String after = stack.scrape();
            assertEquals(1, value(after, VERIFICATION_FAILURE) - value(before, VERIFICATION_FAILURE));
            assertEquals(1, value(after, failures("verifier_unavailable")) - value(before, failures("verifier_unavailable")));
            assertEquals(0, value(after, VERIFICATION_SUCCESS) - value(before, VERIFICATION_SUCCESS));

            HttpResponse<String> ready = Http.get(stack.base + "/readyz");
            assertEquals(503, ready.statusCode(), ready.body());
            JsonNode readiness = json(ready);
            assertEquals(false, readiness.path("ready").asBoolean(true));
            assertEquals("unreachable", readiness.path("checks").path("verifier").asText());
            assertEquals("ok", readiness.path("checks").path("ai_provider").path("status").asText());

            HttpResponse<String> health = Http.get(stack.base + "/healthz");
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("ok", json(health).path("status").asText());
        }
    }

    @Test
    void slowVerifierIs504VerifierTimeoutWithinFourSecondsWhenTheTimeoutIsOneSecond() throws Exception {
        try (StandIn verifier = standInVerifier(StandIn.slow(5_000, StandIn.json(200, "{\"is_valid\":false}")));
             GatewayFixture stack = new GatewayFixture(Map.of("VERIFIER_URL", verifier.url(), "VERIFIER_TIMEOUT_SECONDS", "1"))) {
            String[] payment = payment(stack);
            String before = stack.scrape();
            assertError(timed(stack, payment), 504, "verifier_timeout");
            String after = stack.scrape();
            assertEquals(1, value(after, VERIFICATION_FAILURE) - value(before, VERIFICATION_FAILURE));
            assertEquals(1, value(after, failures("verifier_timeout")) - value(before, failures("verifier_timeout")));
        }
    }

    @Test
    void verifierThatComesUpLaterIsUsedWithoutRestartAndTheOutageDidNotBurnTheNonce() throws Exception {
        int port = Ports.closedPort();
        try (GatewayFixture stack = new GatewayFixture(verifierAt("http://127.0.0.1:" + port))) {
            String[] payment = payment(stack);
            assertError(stack.summarize(TEXT, payment), 503, "verification_unavailable");
            try (VerifierServer verifier = VerifierServer.start(
                    VerifierConfig.fromEnv(new Env(Map.of())).withPort(port).withHost("127.0.0.1"))) {
                // The same signed payment: a verifier outage is refused before the nonce is consumed.
                HttpResponse<String> retried = stack.summarize(TEXT, payment);
                assertEquals(200, retried.statusCode(), retried.body());
                assertEquals(200, stack.pay(TEXT).statusCode());
                assertEquals(200, Http.get(stack.base + "/readyz").statusCode());
            }
        }
    }

    @Test
    void verifierAnswering500Is502VerificationUnavailableCountedAsBadResponse() throws Exception {
        try (StandIn verifier = standInVerifier(StandIn.json(500, "{\"error\":\"internal_error\"}"));
             GatewayFixture stack = new GatewayFixture(verifierAt(verifier.url()))) {
            String before = stack.scrape();
            assertError(stack.pay(TEXT), 502, "verification_unavailable");
            String after = stack.scrape();
            assertEquals(1, value(after, VERIFICATION_FAILURE) - value(before, VERIFICATION_FAILURE));
            assertEquals(1, value(after, failures("verifier_bad_response")) - value(before, failures("verifier_bad_response")));
        }
    }

    @Test
    void verifierAnsweringNonJsonIs502VerificationUnavailableCountedAsBadResponse() throws Exception {
        try (StandIn verifier = standInVerifier(exchange -> StandIn.respond(exchange, 200, "text/html", "<html>proxy error</html>"));
             GatewayFixture stack = new GatewayFixture(verifierAt(verifier.url()))) {
            String before = stack.scrape();
            assertError(stack.pay(TEXT), 502, "verification_unavailable");
            String after = stack.scrape();
            assertEquals(1, value(after, failures("verifier_bad_response")) - value(before, failures("verifier_bad_response")));
        }
    }

    @Test
    void verifierClaimingSuccessWithoutAnAddressIs502NotAPaidAnswer() throws Exception {
        try (StandIn verifier = standInVerifier(StandIn.json(200, "{\"is_valid\":true}"));
             GatewayFixture stack = new GatewayFixture(verifierAt(verifier.url()))) {
            assertError(stack.pay(TEXT), 502, "verification_unavailable");
        }
    }

    // ---- AI provider ----------------------------------------------------------------------------

    @Test
    void providerDownIs502UpstreamUnavailableAndTheVerifiedNonceIsGivenBackForARetry() throws Exception {
        try (GatewayFixture stack = new GatewayFixture(provider("http://127.0.0.1:" + Ports.closedPort() + "/v1"))) {
            String[] payment = payment(stack);
            String before = stack.scrape();
            assertError(stack.summarize(TEXT, payment), 502, "upstream_unavailable");
            String after = stack.scrape();
            // The payment itself was verified: the failure is the provider's, not the payment's.
            assertEquals(1, value(after, VERIFICATION_SUCCESS) - value(before, VERIFICATION_SUCCESS));
            // No answer was delivered, so the nonce was released: the same payment is judged again (and fails
            // again only because the provider is still down), never refused as a replay.
            assertError(stack.summarize(TEXT, payment), 502, "upstream_unavailable");
        }
    }

    @Test
    void aPaymentWhoseAnswerTheProviderFailedIsAcceptedWhenRetriedInBothFormats() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        HttpHandler flaky = exchange -> StandIn.respond(exchange, failing.get() ? 500 : 200, "application/json",
                failing.get() ? "{\"error\":\"down\"}" : COMPLETION);
        try (StandIn ai = standInProvider(flaky);
             GatewayFixture stack = new GatewayFixture(provider(ai.url() + "/v1", "CACHE_ENABLED", "false"))) {
            String[] legacy = payment(stack);
            String[] x402 = io.microai.gateway.support.X402Payer.v2(stack.summarize(TEXT), GatewayFixture.PAYER_KEY).headers();
            assertEquals(502, stack.summarize(TEXT, legacy).statusCode());
            assertEquals(502, stack.summarize(TEXT, x402).statusCode());
            failing.set(false);
            HttpResponse<String> legacyRetry = stack.summarize(TEXT, legacy);
            assertEquals(200, legacyRetry.statusCode(), legacyRetry.body());
            HttpResponse<String> x402Retry = stack.summarize(TEXT, x402);
            assertEquals(200, x402Retry.statusCode(), x402Retry.body());
            // Delivered now: the payments are spent.
            assertError(stack.summarize(TEXT, legacy), 409, "nonce_already_used");
            assertEquals(402, stack.summarize(TEXT, x402).statusCode());
        }
    }

    @Test
    void slowProviderIs504UpstreamTimeoutWithinFourSecondsWhenTheTimeoutIsOneSecond() throws Exception {
        try (StandIn ai = standInProvider(StandIn.slow(5_000, StandIn.json(200, COMPLETION)));
             GatewayFixture stack = new GatewayFixture(provider(ai.url() + "/v1", "AI_REQUEST_TIMEOUT_SECONDS", "1"))) {
            assertError(timed(stack, payment(stack)), 504, "upstream_timeout");
        }
    }

    @Test
    void providerNon2xxIs502UpstreamBadResponse() throws Exception {
        try (StandIn ai = standInProvider(StandIn.json(500, "{\"error\":{\"message\":\"model overloaded\"}}"));
             GatewayFixture stack = new GatewayFixture(provider(ai.url() + "/v1"))) {
            HttpResponse<String> response = stack.pay(TEXT);
            assertError(response, 502, "upstream_bad_response");
            assertTrue(!response.body().contains("model overloaded"), "upstream body leaked: " + response.body());
        }
    }

    @Test
    void providerSuccessThroughAnOpenAiCompatibleServerIs200WithItsSummary() throws Exception {
        try (StandIn ai = standInProvider(StandIn.json(200, COMPLETION));
             GatewayFixture stack = new GatewayFixture(provider(ai.url() + "/v1"))) {
            HttpResponse<String> response = stack.pay(TEXT);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("short summary", json(response).path("result").asText());
            assertTrue(response.headers().firstValue("X-402-Receipt").isPresent());
        }
    }

    @Test
    void failedProviderResultIsNotCachedSoTheSameTextSucceedsOnceTheProviderIsFixed() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        HttpHandler flaky = exchange -> {
            if (broken.get()) {
                StandIn.respond(exchange, 503, "application/json", "{\"error\":\"unavailable\"}");
            } else {
                StandIn.respond(exchange, 200, "application/json", COMPLETION);
            }
        };
        try (StandIn ai = standInProvider(flaky);
             GatewayFixture stack = new GatewayFixture(provider(ai.url() + "/v1"))) {
            assertError(stack.pay(TEXT), 502, "upstream_bad_response");
            broken.set(false);
            HttpResponse<String> fixed = stack.pay(TEXT);
            assertEquals(200, fixed.statusCode(), fixed.body());
            assertEquals("MISS", fixed.headers().firstValue("X-Cache").orElse(null));
            assertEquals("short summary", json(fixed).path("result").asText());
            HttpResponse<String> again = stack.pay(TEXT);
            assertEquals("HIT", again.headers().firstValue("X-Cache").orElse(null));
        }
    }
}
