package io.microai.gateway.redis;

import static io.microai.gateway.support.Errors.assertError;
import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.GatewayFixture;
import io.microai.gateway.support.X402Payer;
import io.microai.shared.testing.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Redis going away under traffic: paid requests fail closed with 503 quickly (never a 500, never a hang),
 * the failures are counted, probes tell why, and everything recovers by itself when Redis is back.
 * Each test owns its private Redis, since it stops it.
 */
class RedisOutageTest {
    private static final String BODY = "{\"text\":\"Shared state must fail closed. A spent nonce stays spent.\"}";
    private static final long ANSWER_BOUND_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** Sends and asserts the answer came within the bound and is not a 500. */
    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static HttpResponse<String> timed(Call call) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = call.send();
        long took = System.nanoTime() - start;
        assertTrue(took < ANSWER_BOUND_NANOS, "answered in " + TimeUnit.NANOSECONDS.toMillis(took) + " ms: " + r.body());
        assertNotEquals(500, r.statusCode(), r.body());
        return r;
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return GatewayFixture.JSON.readTree(r.body());
    }

    private static double storeErrors(GatewayFixture g, String store) throws Exception {
        String scrape = g.scrape();
        double sum = 0;
        for (String reason : List.of("timeout", "unavailable", "error")) {
            sum += value(scrape, "gateway_store_errors_total{reason=\"" + reason + "\",store=\"" + store + "\"}");
        }
        return sum;
    }

    /** Pays until a 200 comes back, within {@code within}. */
    private static void awaitPaidSuccess(GatewayFixture g, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> challenge = timed(() -> g.summarize(BODY));
            if (challenge.statusCode() == 402) {
                JsonNode context = json(challenge).get("paymentContext");
                last = timed(() -> g.summarize(BODY, "X-402-Signature", GatewayFixture.sign(context, GatewayFixture.PAYER_KEY),
                        "X-402-Nonce", context.get("nonce").asText()));
                if (last.statusCode() == 200) {
                    return;
                }
            } else {
                last = challenge;
            }
            Thread.sleep(100);
        }
        fail("no paid success within " + within + "; last: " + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    @Test
    void redisStoppedMidTrafficFailsClosedThenRecoversOnRestart() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisFleet fleet = RedisFleet.of(redis, 2, Map.of())) {
            GatewayFixture a = fleet.get(0);
            GatewayFixture b = fleet.get(1);
            awaitPaidSuccess(a, Duration.ofSeconds(10));
            JsonNode before = a.challenge(BODY); // issued while Redis is up

            // Traffic on both gateways while Redis goes away.
            AtomicBoolean running = new AtomicBoolean(true);
            Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
            AtomicLong slowest = new AtomicLong();
            List<Throwable> problems = new CopyOnWriteArrayList<>();
            List<Thread> clients = new java.util.ArrayList<>();
            for (GatewayFixture g : List.of(a, b)) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        try {
                            long start = System.nanoTime();
                            HttpResponse<String> challenge = g.summarize(BODY);
                            if (challenge.statusCode() != 402) {
                                // During the outage no nonce can be issued: the documented answer, and no other.
                                assertError(challenge, 503, "nonce_store_unavailable");
                                statuses.computeIfAbsent(-503, k -> new LongAdder()).increment();
                                continue;
                            }
                            JsonNode context = json(challenge).get("paymentContext");
                            HttpResponse<String> r = g.summarize(BODY, "X-402-Signature", GatewayFixture.sign(context, GatewayFixture.PAYER_KEY),
                                    "X-402-Nonce", context.get("nonce").asText());
                            slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
                            statuses.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
                            if (r.statusCode() == 500) {
                                problems.add(new AssertionError("500: " + r.body()));
                            }
                        } catch (AssertionError | Exception e) {
                            if (problems.size() < 20) { // enough to tell what went wrong, bounded however long it goes on
                                problems.add(e);
                            }
                        }
                    }
                }, "paid-traffic");
                t.start();
                clients.add(t);
            }
            Thread.sleep(300);
            redis.stopProcess();
            Thread.sleep(1500);
            running.set(false);
            for (Thread t : clients) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertTrue(problems.isEmpty(), "problems: " + problems);
            assertTrue(statuses.containsKey(-503) || statuses.containsKey(503), "statuses " + statuses);
            assertTrue(slowest.get() < 2 * ANSWER_BOUND_NANOS, "a challenge plus a payment took " + slowest.get() / 1_000_000 + " ms");

            // With Redis down: every paid step is a quick 503, counted; probes say why; nothing else breaks.
            double errorsBefore = storeErrors(b, "nonce");
            String signature = GatewayFixture.sign(before, GatewayFixture.PAYER_KEY);
            assertError(timed(() -> b.summarize(BODY, "X-402-Signature", signature, "X-402-Nonce", before.get("nonce").asText())),
                    503, "nonce_store_unavailable");
            assertError(timed(() -> a.summarize(BODY)), 503, "nonce_store_unavailable");
            assertTrue(storeErrors(b, "nonce") > errorsBefore, "counted in gateway_store_errors_total");
            assertTrue(storeErrors(a, "rate_limit") > 0, "the rate limiter's failures are counted too");
            assertEquals(200, timed(() -> Http.get(a.base + "/healthz")).statusCode());
            HttpResponse<String> ready = timed(() -> Http.get(a.base + "/readyz"));
            assertEquals(503, ready.statusCode(), ready.body());
            assertEquals("unreachable", json(ready).path("checks").path("redis").asText(), ready.body());
            assertEquals("ok", json(ready).path("checks").path("verifier").asText(), ready.body());
            // RATE_LIMIT_ON_STORE_ERROR=allow (the default): unpaid routes still answer, without X-RateLimit headers.
            HttpResponse<String> unmatched = timed(() -> Http.get(a.base + "/no-such-endpoint"));
            assertError(unmatched, 404, "not_found");
            assertTrue(unmatched.headers().firstValue("X-RateLimit-Limit").isEmpty());

            // Redis back on the same port: both gateways recover without a restart.
            redis.startProcess();
            awaitPaidSuccess(a, Duration.ofSeconds(15));
            awaitPaidSuccess(b, Duration.ofSeconds(15));
            assertEquals(200, Http.get(b.base + "/readyz").statusCode());
            // The restarted Redis kept nothing (no persistence): a nonce from before is unknown, never usable.
            assertError(b.summarize(BODY, "X-402-Signature", signature, "X-402-Nonce", before.get("nonce").asText()),
                    400, "nonce_unknown");
        }
    }

    @Test
    void aFrozenRedisTimesOutWithinTheBoundAndThawsBack() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisFleet fleet = RedisFleet.of(redis, 1, Map.of())) {
            GatewayFixture g = fleet.get(0);
            awaitPaidSuccess(g, Duration.ofSeconds(10));
            JsonNode context = g.challenge(BODY);
            redis.freeze();
            try {
                assertError(timed(() -> g.summarize(BODY, "X-402-Signature", GatewayFixture.sign(context, GatewayFixture.PAYER_KEY),
                        "X-402-Nonce", context.get("nonce").asText())), 503, "nonce_store_unavailable");
                assertError(timed(() -> g.summarize(BODY)), 503, "nonce_store_unavailable");
                String scrape = g.scrape();
                assertTrue(value(scrape, "gateway_store_errors_total{reason=\"timeout\",store=\"nonce\"}") >= 2, scrape);
                assertTrue(value(scrape, "gateway_store_errors_total{reason=\"timeout\",store=\"rate_limit\"}") >= 2, scrape);
            } finally {
                redis.resume();
            }
            awaitPaidSuccess(g, Duration.ofSeconds(10));
        }
    }

    @Test
    void denyPolicyRefusesWith503WhileAllowPolicyPassesThrough() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisFleet fleet = new RedisFleet(redis, Map.of(), Map.of("RATE_LIMIT_ON_STORE_ERROR", "deny"), Map.of())) {
            GatewayFixture deny = fleet.get(0);
            GatewayFixture allow = fleet.get(1);
            assertError(Http.get(deny.base + "/no-such-endpoint"), 404, "not_found");
            redis.stopProcess();
            assertError(timed(() -> Http.get(deny.base + "/no-such-endpoint")), 503, "rate_limit_store_unavailable");
            assertError(timed(() -> deny.summarize(BODY)), 503, "rate_limit_store_unavailable");
            assertError(timed(() -> Http.get(allow.base + "/no-such-endpoint")), 404, "not_found");
            assertEquals(200, timed(() -> Http.get(deny.base + "/healthz")).statusCode(), "probes are never limited");
            redis.startProcess();
            awaitPaidSuccess(deny, Duration.ofSeconds(15));
        }
    }

    @Test
    void aGatewayStartedWhileRedisIsDownServesOnceItComesUp() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            redis.stopProcess();
            try (RedisFleet fleet = RedisFleet.of(redis, 1, Map.of())) {
                GatewayFixture g = fleet.get(0);
                assertError(timed(() -> g.summarize(BODY)), 503, "nonce_store_unavailable");
                assertEquals(200, Http.get(g.base + "/healthz").statusCode());
                assertEquals("unreachable", json(Http.get(g.base + "/readyz")).path("checks").path("redis").asText());
                redis.startProcess();
                awaitPaidSuccess(g, Duration.ofSeconds(15));
                assertEquals("ok", json(Http.get(g.base + "/readyz")).path("checks").path("redis").asText());
            }
        }
    }

    @Test
    void withRedisDownAnX402PaymentFailsClosedAsReplayStoreUnavailableAndIsCounted() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisFleet fleet = RedisFleet.of(redis, 1, Map.of())) {
            GatewayFixture g = fleet.get(0);
            String[] headers = X402Payer.v2(g.summarize(BODY), GatewayFixture.PAYER_KEY).headers();
            redis.stopProcess();
            assertError(timed(() -> g.summarize(BODY, headers)), 503, "replay_store_unavailable");
            String scrape = g.scrape();
            assertEquals(1, value(scrape, "gateway_payments_total{outcome=\"unavailable\",protocol=\"x402\"}"), scrape);
            assertEquals(0, value(scrape, "gateway_payments_total{outcome=\"verified\",protocol=\"x402\"}"), scrape);
            assertTrue(storeErrors(g, "nonce") >= 1, "counted in gateway_store_errors_total");
            redis.startProcess();
            awaitPaidSuccess(g, Duration.ofSeconds(15));
            assertEquals(200, g.summarize(BODY, headers).statusCode(), "the authorization was never claimed, so it still pays");
        }
    }
}
