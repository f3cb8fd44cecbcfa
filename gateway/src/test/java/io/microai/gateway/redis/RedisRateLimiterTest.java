package io.microai.gateway.redis;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.http.GatewayMetrics;
import io.microai.gateway.ratelimit.RateLimitDecision;
import io.microai.gateway.ratelimit.Tier;
import io.microai.gateway.store.RedisConnector;
import io.microai.gateway.store.RedisRateLimiter;
import io.microai.gateway.store.StoreUnavailableException;
import io.microai.gateway.support.Ports;
import io.microai.shared.metrics.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.microai.shared.testing.Exposition;

/**
 * The in-memory limiter's cases, where they apply, against a real private Redis. Time is real: slow tiers
 * (1 RPM) keep refill out of a test, fast ones (600 RPM, a token per 100 ms) make it observable.
 */
class RedisRateLimiterTest {
    private static final Duration IDLE = Duration.ofMinutes(5);
    private static RedisServer server;

    private final Metrics metrics = new Metrics();
    private final GatewayMetrics gatewayMetrics = new GatewayMetrics(metrics);
    private final List<RedisConnector> connectors = new ArrayList<>();
    private RedisRateLimiter limiter;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        server.flushAll();
        limiter = limiter(server.url(), IDLE);
    }

    @AfterEach
    void tearDown() {
        connectors.forEach(RedisConnector::close);
    }

    private RedisRateLimiter limiter(String url, Duration idle) {
        RedisConnector c = new RedisConnector(url, Duration.ofMillis(500), gatewayMetrics);
        connectors.add(c);
        return new RedisRateLimiter(c, idle);
    }

    @Test
    void burstThenDeny() {
        Tier tier = new Tier("t", 1, 5);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire("ip:1", tier).allowed(), "request " + i);
        }
        RateLimitDecision denied = limiter.tryAcquire("ip:1", tier);
        assertFalse(denied.allowed());
        assertEquals(0, denied.remaining());
        assertEquals(5, denied.limit(), "limit is the burst, not the RPM");
    }

    @Test
    void remainingCountsDown() {
        Tier tier = new Tier("t", 1, 3);
        assertEquals(2, limiter.tryAcquire("k", tier).remaining());
        assertEquals(1, limiter.tryAcquire("k", tier).remaining());
        assertEquals(0, limiter.tryAcquire("k", tier).remaining());
        assertEquals(0, limiter.tryAcquire("k", tier).remaining());
    }

    @Test
    void refillsOneTokenAfterItsInterval() throws Exception {
        Tier tier = new Tier("t", 600, 3); // a token every 100 ms
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("k", tier);
        }
        assertFalse(limiter.tryAcquire("k", tier).allowed());
        Thread.sleep(140);
        RateLimitDecision d = limiter.tryAcquire("k", tier);
        assertTrue(d.allowed());
        assertEquals(0, d.remaining());
        assertFalse(limiter.tryAcquire("k", tier).allowed(), "only one token was earned");
    }

    @Test
    void retryAfterIsTimeToNextTokenAndResetIsWhenFull() {
        Tier slow = new Tier("slow", 6, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.tryAcquire("b", slow).retryAfterSeconds(), "0 while allowed");
        }
        long nowSecond = System.currentTimeMillis() / 1000;
        RateLimitDecision s = limiter.tryAcquire("b", slow);
        assertEquals(10, s.retryAfterSeconds(), "6 RPM: one token per 10 s, not 30 s until full");
        assertTrue(s.resetEpochSeconds() >= nowSecond + 29 && s.resetEpochSeconds() <= nowSecond + 31,
                "reset is when the bucket is full (Redis time): " + s.resetEpochSeconds() + " vs now " + nowSecond);
    }

    @Test
    void freshBucketResetsWithinASecond() {
        long before = System.currentTimeMillis() / 1000;
        RateLimitDecision d = limiter.tryAcquire("k", new Tier("t", 60, 3));
        assertTrue(d.allowed());
        assertEquals(2, d.remaining());
        assertTrue(d.resetEpochSeconds() >= before + 1 && d.resetEpochSeconds() <= before + 2, "reset " + d.resetEpochSeconds());
    }

    @Test
    void keysAndTiersAreIndependent() {
        Tier tier = new Tier("t", 1, 1);
        assertTrue(limiter.tryAcquire("ip:1", tier).allowed());
        assertFalse(limiter.tryAcquire("ip:1", tier).allowed());
        assertTrue(limiter.tryAcquire("ip:2", tier).allowed());
        assertTrue(limiter.tryAcquire("ip:1", new Tier("other", 1, 1)).allowed());
    }

    @Test
    void bucketsAreNamespacedHashesThatExpireWhenIdle() throws Exception {
        limiter.tryAcquire("203.0.113.7", Tier.ANONYMOUS);
        String key = "microai:ratelimit:anonymous:203.0.113.7";
        assertEquals(key, RedisRateLimiter.key(Tier.ANONYMOUS, "203.0.113.7"));
        assertEquals("+hash", server.command("TYPE", key));
        long pttl = Long.parseLong(server.command("PTTL", key).substring(1));
        assertTrue(pttl > 0 && pttl <= IDLE.toMillis(), "pttl " + pttl);
    }

    @Test
    void idleBucketIsForgottenAfterTheIdleTtl() throws Exception {
        RedisRateLimiter shortIdle = limiter(server.url(), Duration.ofMillis(300));
        Tier tier = new Tier("t", 1, 1);
        shortIdle.tryAcquire("idle", tier);
        assertFalse(shortIdle.tryAcquire("idle", tier).allowed());
        Thread.sleep(450);
        assertTrue(shortIdle.tryAcquire("idle", tier).allowed(), "a forgotten client starts with a full bucket");
    }

    @Test
    void concurrentAcquiresFromTwoGatewaysNeverOverspend() throws Exception {
        RedisRateLimiter[] gateways = {limiter, limiter(server.url(), IDLE)};
        Tier tier = new Tier("t", 1, 100);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                RedisRateLimiter l = gateways[i % 2];
                results.add(pool.submit(() -> {
                    go.await();
                    return l.tryAcquire("shared", tier).allowed();
                }));
            }
            go.countDown();
            int allowed = 0;
            for (Future<Boolean> f : results) {
                if (f.get(30, TimeUnit.SECONDS)) {
                    allowed++;
                }
            }
            assertEquals(100, allowed);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void unreachableRedisFailsFastAsUnavailable() {
        RedisRateLimiter down = limiter("redis://127.0.0.1:" + Ports.closedPort(), IDLE);
        long start = System.nanoTime();
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> down.tryAcquire("k", Tier.ANONYMOUS));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "failed fast");
        assertEquals(StoreUnavailableException.Store.RATE_LIMIT, e.store());
        assertEquals(StoreUnavailableException.Reason.UNAVAILABLE, e.reason());
        assertEquals(1, value(Exposition.text(metrics), "gateway_store_errors_total{reason=\"unavailable\",store=\"rate_limit\"}"));
    }
}
