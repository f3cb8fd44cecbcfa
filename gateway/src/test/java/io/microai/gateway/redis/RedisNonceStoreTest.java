package io.microai.gateway.redis;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.metrics.StoreFailure;
import io.microai.gateway.payment.Lookup.Status;
import io.microai.gateway.payment.NonceStore;
import io.microai.gateway.payment.NonceStoreContract;
import io.microai.gateway.payment.NonceStoreUnavailableException;
import io.microai.gateway.store.RedisNonceStore;
import io.microai.gateway.support.Ports;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The nonce store contract against a real private Redis, where time is real (short lifetimes, looked at
 * with margins), plus what only Redis has: its key layout, foreign values and an unreachable server.
 */
class RedisNonceStoreTest extends NonceStoreContract {
    private static final Duration GRACE = Duration.ofHours(1);
    private static final Timing REAL_TIME = new Timing(Duration.ofMillis(600), Duration.ofMillis(900), Duration.ZERO,
            Duration.ofMillis(900), Duration.ofMillis(1000), Duration.ofMillis(2100), Duration.ofMillis(300), Duration.ofMillis(450));

    @RegisterExtension
    static final PrivateRedis REDIS = new PrivateRedis();

    @Override
    protected NonceStore newStore(Duration ttl, Duration grace) {
        return new RedisNonceStore(REDIS.connector(), ttl, grace, Clock.systemUTC());
    }

    @Override
    protected Duration defaultGrace() {
        return GRACE;
    }

    @Override
    protected Timing timing() {
        return REAL_TIME;
    }

    @Override
    protected boolean shared() {
        return true;
    }

    @Override
    protected long now() {
        return System.currentTimeMillis();
    }

    @Override
    protected void elapse(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Test
    void keysAreNamespacedAndLiveForTtlPlusGrace() throws Exception {
        store.issue("layout", payment("layout"));
        String key = "microai:nonce:layout";
        assertEquals(key, RedisNonceStore.key("layout"));
        long pttl = REDIS.pttl(key);
        assertTrue(pttl > GRACE.toMillis() && pttl <= TTL.plus(GRACE).toMillis(), "pttl " + pttl);
        assertTrue(REDIS.command("GET", key).startsWith("{\"state\":\"issued\",\"grace_ms\":3600000,\"payment\":{"),
                REDIS.command("GET", key));
        store.consume("layout");
        assertTrue(REDIS.command("GET", key).startsWith("{\"state\":\"used\",\"grace_ms\":3600000,"), REDIS.command("GET", key));
    }

    @Test
    void consumingKeepsTheKeysTimeToLive() throws Exception {
        store.issue("n", payment("n"));
        long before = REDIS.pttl(RedisNonceStore.key("n"));
        assertEquals(Status.CONSUMED, store.consume("n").status());
        long after = REDIS.pttl(RedisNonceStore.key("n"));
        assertTrue(after <= before && after > 0, "marking used does not extend retention: " + before + " → " + after);
    }

    @Test
    void aValueInAnotherFormatFailsClosedAsAStoreError() throws Exception {
        REDIS.command("SET", RedisNonceStore.key("alien"), "not json", "PX", "60000");
        NonceStoreUnavailableException e = assertThrows(NonceStoreUnavailableException.class, () -> store.consume("alien"));
        assertEquals(StoreFailure.ERROR, e.reason());
        assertThrows(NonceStoreUnavailableException.class, () -> store.peek("alien"));
        assertEquals(2, value(REDIS.scrape(), "gateway_store_errors_total{reason=\"error\",store=\"nonce\"}"));
    }

    @Test
    void unreachableRedisFailsFastAsUnavailable() {
        RedisNonceStore down = new RedisNonceStore(REDIS.connector("redis://127.0.0.1:" + Ports.closedPort()), TTL, GRACE, Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            NonceStoreUnavailableException e = assertThrows(NonceStoreUnavailableException.class, () -> down.consume("n"));
            assertEquals(StoreFailure.UNAVAILABLE, e.reason());
            assertTrue(e.getMessage().startsWith("nonce store unavailable: "), e.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "failed fast");
        }
        assertThrows(NonceStoreUnavailableException.class, () -> down.issue("n", payment("n")));
        String text = REDIS.scrape();
        assertEquals(4, value(text, "gateway_store_errors_total{reason=\"unavailable\",store=\"nonce\"}"), text);
        assertTrue(value(text, "gateway_store_request_duration_seconds_count{operation=\"consume\",store=\"nonce\"}") >= 3, text);
    }
}
