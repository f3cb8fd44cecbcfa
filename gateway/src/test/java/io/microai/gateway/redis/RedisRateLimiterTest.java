package io.microai.gateway.redis;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.metrics.StoreFailure;
import io.microai.gateway.ratelimit.RateLimitStoreUnavailableException;
import io.microai.gateway.ratelimit.RateLimiter;
import io.microai.gateway.ratelimit.RateLimiterContract;
import io.microai.gateway.ratelimit.Tier;
import io.microai.gateway.store.RedisRateLimiter;
import io.microai.gateway.support.Ports;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rate limiter contract against a real private Redis, where time is real and the reset second
 * comes from Redis' clock, plus what only Redis has: its key layout and an unreachable server.
 */
class RedisRateLimiterTest extends RateLimiterContract {
    @RegisterExtension
    static final PrivateRedis REDIS = new PrivateRedis();

    @Override
    protected RateLimiter newLimiter(Duration idleTtl) {
        return new RedisRateLimiter(REDIS.connector(), idleTtl);
    }

    @Override
    protected boolean shared() {
        return true;
    }

    @Override
    protected void elapse(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Override
    protected long nowEpochSecond() {
        return System.currentTimeMillis() / 1000;
    }

    /** Redis reads its clock after the test read this machine's, and rounds up: the second may be one later. */
    @Override
    protected void assertResetSecond(long expected, long actual, String message) {
        assertTrue(actual >= expected && actual <= expected + 1,
                message + " (Redis time): " + actual + ", expected " + expected + " or one later");
    }

    @Override
    protected Duration shortIdle() {
        return Duration.ofMillis(300);
    }

    @Override
    protected Duration pastShortIdle() {
        return Duration.ofMillis(450);
    }

    @Test
    void bucketsAreNamespacedHashesThatExpireWhenIdle() throws Exception {
        limiter.tryAcquire("203.0.113.7", Tier.ANONYMOUS);
        String key = "microai:ratelimit:anonymous:203.0.113.7";
        assertEquals(key, RedisRateLimiter.key(Tier.ANONYMOUS, "203.0.113.7"));
        assertEquals("+hash", REDIS.command("TYPE", key));
        long pttl = REDIS.pttl(key);
        assertTrue(pttl > 0 && pttl <= IDLE.toMillis(), "pttl " + pttl);
    }

    @Test
    void unreachableRedisFailsFastAsUnavailable() {
        RedisRateLimiter down = new RedisRateLimiter(REDIS.connector("redis://127.0.0.1:" + Ports.closedPort()), IDLE);
        long start = System.nanoTime();
        RateLimitStoreUnavailableException e = assertThrows(RateLimitStoreUnavailableException.class,
                () -> down.tryAcquire("k", Tier.ANONYMOUS));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "failed fast");
        assertTrue(e.getMessage().startsWith("rate_limit store unavailable: "), e.getMessage());
        assertEquals(StoreFailure.UNAVAILABLE, e.reason());
        assertEquals(1, value(REDIS.scrape(), "gateway_store_errors_total{reason=\"unavailable\",store=\"rate_limit\"}"));
    }
}
