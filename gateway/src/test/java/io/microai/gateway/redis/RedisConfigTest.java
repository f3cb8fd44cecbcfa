package io.microai.gateway.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.GatewayConfig;
import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisConfigTest {

    private static GatewayConfig.SharedState shared(Map<String, String> env) {
        return GatewayConfig.fromEnv(new Env(env)).sharedState();
    }

    private static String refused(Map<String, String> env) {
        String message = assertThrows(ConfigException.class, () -> GatewayConfig.fromEnv(new Env(env))).getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        return message;
    }

    @Test
    void defaultsKeepEverythingInMemory() {
        GatewayConfig.SharedState s = shared(Map.of());
        assertFalse(s.redisNonces());
        assertFalse(s.redisRateLimits());
        assertFalse(s.usesRedis());
        assertEquals(Optional.empty(), s.redisUrl());
        assertEquals(Duration.ofMillis(500), s.redisTimeout());
        assertTrue(s.rateLimitAllowOnStoreError());
    }

    @Test
    void redisStoresWithAUrl() {
        GatewayConfig.SharedState s = shared(Map.of("NONCE_STORE", "redis", "RATE_LIMIT_STORE", "Redis",
                "REDIS_URL", "redis://:pw@127.0.0.1:6380/2", "REDIS_TIMEOUT_MS", "250", "RATE_LIMIT_ON_STORE_ERROR", "deny"));
        assertTrue(s.redisNonces());
        assertTrue(s.redisRateLimits());
        assertEquals(Optional.of("redis://:pw@127.0.0.1:6380/2"), s.redisUrl());
        assertEquals(Duration.ofMillis(250), s.redisTimeout());
        assertFalse(s.rateLimitAllowOnStoreError());
        for (String url : new String[] {"redis://localhost", "rediss://user:pw@redis.internal:6380", "redis://[::1]:6379/0"}) {
            assertEquals(Optional.of(url), shared(Map.of("NONCE_STORE", "redis", "REDIS_URL", url)).redisUrl());
        }
    }

    @Test
    void aRedisStoreWithoutAUrlIsRefused() {
        assertTrue(refused(Map.of("NONCE_STORE", "redis")).startsWith("REDIS_URL is required when NONCE_STORE=redis"));
        assertTrue(refused(Map.of("RATE_LIMIT_STORE", "redis")).startsWith("REDIS_URL is required when RATE_LIMIT_STORE=redis"));
    }

    @Test
    void aBadRedisUrlIsNamedWithoutItsPassword() {
        for (String url : new String[] {"http://127.0.0.1:6379", "redis://", "redis://:s3cret@host:99999", "not a url",
                "redis://:s3cret@host/abc", "redis://host:6379?x=1", "localhost:6379"}) {
            String message = refused(Map.of("NONCE_STORE", "redis", "REDIS_URL", url));
            assertTrue(message.startsWith("REDIS_URL must be"), message);
            assertFalse(message.contains("s3cret"), "the password stays out of the message: " + message);
        }
        // Validated even when no store uses it yet: a typo should not wait for the day it is switched on.
        assertTrue(refused(Map.of("REDIS_URL", "http://x")).startsWith("REDIS_URL must be"));
    }

    @Test
    void otherBadValuesAreNamed() {
        assertTrue(refused(Map.of("NONCE_STORE", "mongo")).startsWith("NONCE_STORE must be memory or redis"));
        assertTrue(refused(Map.of("RATE_LIMIT_STORE", "etcd")).startsWith("RATE_LIMIT_STORE must be memory or redis"));
        assertTrue(refused(Map.of("RATE_LIMIT_ON_STORE_ERROR", "maybe")).startsWith("RATE_LIMIT_ON_STORE_ERROR must be allow or deny"));
        assertTrue(refused(Map.of("REDIS_TIMEOUT_MS", "0")).startsWith("REDIS_TIMEOUT_MS must be an integer"));
    }
}
