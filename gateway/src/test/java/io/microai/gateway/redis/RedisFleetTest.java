package io.microai.gateway.redis;

import static io.microai.gateway.support.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.GatewayConfig;
import io.microai.gateway.GatewayFixture;
import io.microai.gateway.support.Load;
import io.microai.gateway.support.X402Payer;
import io.microai.shared.testing.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two gateways, one Redis, one real verifier: one fleet with one set of nonces and one budget per client. */
class RedisFleetTest {
    private static final String BODY = "{\"text\":\"Redis lets a fleet of gateways share state. Each nonce is spent once.\"}";
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void flush() throws Exception {
        redis.flushAll();
    }

    private static HttpRequest paid(GatewayFixture g, String signature, String nonce) {
        return HttpRequest.newBuilder(URI.create(g.base + GatewayConfig.SUMMARIZE_PATH))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-402-Signature", signature)
                .header("X-402-Nonce", nonce)
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build();
    }

    @Test
    void aNonceIssuedByOneGatewayIsPaidAtAnotherAndSpentForTheWholeFleet() throws Exception {
        try (RedisFleet fleet = RedisFleet.of(redis, 2, Map.of())) {
            GatewayFixture a = fleet.get(0);
            GatewayFixture b = fleet.get(1);
            JsonNode context = a.challenge(BODY);
            String nonce = context.get("nonce").asText();
            assertTrue(redis.command("GET", "microai:nonce:" + nonce).startsWith("{\"state\":\"issued\""), "issued into Redis");
            String signature = GatewayFixture.sign(context, GatewayFixture.PAYER_KEY);

            HttpResponse<String> paid = b.summarize(BODY, "X-402-Signature", signature, "X-402-Nonce", nonce);
            assertEquals(200, paid.statusCode(), paid.body());
            assertTrue(paid.headers().firstValue("X-402-Receipt").isPresent());

            assertError(a.summarize(BODY, "X-402-Signature", signature, "X-402-Nonce", nonce), 409, "nonce_already_used");
            assertError(b.summarize(BODY, "X-402-Signature", signature, "X-402-Nonce", nonce), 409, "nonce_already_used");
            assertError(a.summarize(BODY, "X-402-Signature", signature, "X-402-Nonce", "never-issued"), 400, "nonce_unknown");

            JsonNode ready = GatewayFixture.JSON.readTree(Http.get(a.base + "/readyz").body());
            assertEquals("ok", ready.path("checks").path("redis").asText(), ready.toString());
        }
    }

    @Test
    void fiftyConcurrentSubmissionsOfOnePaymentAcrossTwoGatewaysSucceedExactlyOnce() throws Exception {
        try (RedisFleet fleet = RedisFleet.of(redis, 2, Map.of())) {
            for (int round = 0; round < 3; round++) {
                JsonNode context = fleet.get(round % 2).challenge(BODY);
                String signature = GatewayFixture.sign(context, GatewayFixture.PAYER_KEY);
                String nonce = context.get("nonce").asText();
                Map<Integer, Long> statuses = Load.run(50, 25, i -> paid(fleet.get(i % 2), signature, nonce));
                assertEquals(Map.of(200, 1L, 409, 49L), statuses, "round " + round);
            }
        }
    }

    @Test
    void aBurstFromOneClientIsLimitedAtTheBurstAcrossTheFleetNotTwiceIt() throws Exception {
        try (RedisFleet fleet = RedisFleet.of(redis, 2, Map.of("RATE_LIMIT_ANONYMOUS_BURST", "10", "RATE_LIMIT_ANONYMOUS_RPM", "1"))) {
            int allowed = 0;
            int limited = 0;
            for (int i = 0; i < 30; i++) {
                HttpResponse<String> r = Http.get(fleet.get(i % 2).base + "/no-such-endpoint");
                if (r.statusCode() == 429) {
                    limited++;
                    JsonNode body = GatewayFixture.JSON.readTree(r.body());
                    assertEquals("rate_limited", body.path("code").asText());
                    assertEquals("anonymous", body.path("tier").asText());
                    assertTrue(r.headers().firstValue("Retry-After").isPresent());
                } else {
                    assertEquals(404, r.statusCode(), r.body());
                    allowed++;
                    assertEquals(String.valueOf(10 - allowed), r.headers().firstValue("X-RateLimit-Remaining").orElse(null));
                }
                assertEquals("10", r.headers().firstValue("X-RateLimit-Limit").orElse(null));
            }
            assertEquals(10, allowed, "the fleet shares one bucket per client");
            assertEquals(20, limited);
            assertEquals("+hash", redis.command("TYPE", "microai:ratelimit:anonymous:127.0.0.1"));
            String scrape = fleet.get(0).scrape();
            assertTrue(scrape.contains("gateway_store_request_duration_seconds_count{operation=\"acquire\",store=\"rate_limit\"}"), scrape);
        }
    }

    private static HttpRequest x402(GatewayFixture g, String[] header) {
        return HttpRequest.newBuilder(URI.create(g.base + GatewayConfig.SUMMARIZE_PATH))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header(header[0], header[1])
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build();
    }

    @Test
    void anX402AuthorizationPaidAtOneGatewayIsUsedForTheWholeFleet() throws Exception {
        try (RedisFleet fleet = RedisFleet.of(redis, 2, Map.of())) {
            GatewayFixture a = fleet.get(0);
            GatewayFixture b = fleet.get(1);
            X402Payer.Payment payment = X402Payer.v2(a.summarize(BODY), GatewayFixture.PAYER_KEY);
            String[] headers = payment.headers();
            assertEquals(200, b.summarize(BODY, headers).statusCode());
            assertEquals("1", redis.command("GET", "microai:x402:eip155:8453:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913:"
                    + payment.payer().toLowerCase() + ":" + payment.nonce()), "claimed in Redis under the replay key");
            assertError(a.summarize(BODY, headers), 402, "authorization_already_used");
            assertError(b.summarize(BODY, headers), 402, "authorization_already_used");
            String scrape = b.scrape();
            assertTrue(scrape.contains("gateway_store_request_duration_seconds_count{operation=\"claim\",store=\"nonce\"}"), scrape);
        }
    }

    @Test
    void oneX402PaymentRacedTwentyTimesAcrossTwoGatewaysIsServedExactlyOnce() throws Exception {
        try (RedisFleet fleet = RedisFleet.of(redis, 2, Map.of())) {
            for (int round = 0; round < 3; round++) {
                String[] header = X402Payer.v2(fleet.get(round % 2).summarize(BODY), GatewayFixture.PAYER_KEY).headers();
                Map<Integer, Long> statuses = Load.run(20, 20, i -> x402(fleet.get(i % 2), header));
                assertEquals(Map.of(200, 1L, 402, 19L), statuses, "round " + round);
            }
        }
    }
}
