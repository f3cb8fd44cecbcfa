package io.microai.gateway.redis;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.payment.x402.AuthorizationLedger;
import io.microai.gateway.payment.x402.AuthorizationLedger.Claim;
import io.microai.gateway.payment.x402.AuthorizationLedgerContract;
import io.microai.gateway.payment.x402.ReplayKey;
import io.microai.gateway.store.RedisAuthorizationLedger;
import io.microai.gateway.support.Ports;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger contract against a real private Redis, where time is real (short lifetimes, looked at with
 * margins), plus what only Redis has: its key layout and an unreachable server.
 */
class RedisAuthorizationLedgerTest extends AuthorizationLedgerContract {
    private static final Timing REAL_TIME = new Timing(Duration.ofMillis(500), Duration.ZERO, Duration.ofMillis(800));

    @RegisterExtension
    static final PrivateRedis REDIS = new PrivateRedis();

    @Override
    protected AuthorizationLedger newLedger() {
        return new RedisAuthorizationLedger(REDIS.connector());
    }

    @Override
    protected boolean shared() {
        return true;
    }

    @Override
    protected Timing timing() {
        return REAL_TIME;
    }

    @Override
    protected Instant now() {
        return Instant.now();
    }

    @Override
    protected void elapse(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Test
    void aClaimIsOneNamespacedKeyExpiringWhenTheAuthorizationCanNoLongerPass() throws Exception {
        ReplayKey key = key("layout", Duration.ofMinutes(2));
        assertEquals(Claim.CLAIMED, ledger.claim(key));
        String redisKey = "microai:" + key.value();
        assertEquals(redisKey, RedisAuthorizationLedger.key(key));
        assertEquals("1", REDIS.command("GET", redisKey));
        long pttl = REDIS.pttl(redisKey);
        assertTrue(pttl > Duration.ofSeconds(100).toMillis() && pttl <= Duration.ofMinutes(2).toMillis(), "pttl " + pttl);
        assertEquals(1, value(REDIS.scrape(), "gateway_store_request_duration_seconds_count{operation=\"claim\",store=\"nonce\"}"));
    }

    @Test
    void anUnreachableRedisIsUnavailableAndCountedAsANonceStoreError() {
        RedisAuthorizationLedger down = new RedisAuthorizationLedger(REDIS.connector("redis://127.0.0.1:" + Ports.closedPort()));
        assertEquals(Claim.UNAVAILABLE, down.claim(key("down", Duration.ofMinutes(1))));
        assertEquals(Claim.UNAVAILABLE, down.claim(key("down", Duration.ofMinutes(1))));
        assertEquals(2, value(REDIS.scrape(), "gateway_store_errors_total{reason=\"unavailable\",store=\"nonce\"}"));
    }
}
