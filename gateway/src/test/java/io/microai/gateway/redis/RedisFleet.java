package io.microai.gateway.redis;

import io.microai.gateway.GatewayFixture;
import io.microai.shared.config.Env;
import io.microai.verifier.VerifierConfig;
import io.microai.verifier.VerifierServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet: one real verifier and several in-process gateways (each a {@link GatewayFixture} pointed at that
 * verifier), all sharing nonces and rate limits through one Redis. The Redis server is the caller's.
 */
final class RedisFleet implements AutoCloseable {
    final VerifierServer verifier;
    final List<GatewayFixture> gateways = new ArrayList<>();

    /** One gateway per map in {@code perGateway}; each gets {@code common}, then its own settings. */
    @SafeVarargs
    RedisFleet(RedisServer redis, Map<String, String> common, Map<String, String>... perGateway) {
        verifier = VerifierServer.start(VerifierConfig.fromEnv(new Env(Map.of())).withPort(0).withHost("127.0.0.1"));
        try {
            for (Map<String, String> own : perGateway) {
                Map<String, String> env = new HashMap<>();
                env.put("VERIFIER_URL", "http://127.0.0.1:" + verifier.port());
                env.put("NONCE_STORE", "redis");
                env.put("RATE_LIMIT_STORE", "redis");
                env.put("REDIS_URL", redis.url());
                env.put("REDIS_TIMEOUT_MS", "500");
                env.putAll(common);
                env.putAll(own);
                gateways.add(new GatewayFixture(env));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code n} gateways with the same settings. */
    static RedisFleet of(RedisServer redis, int n, Map<String, String> common) {
        @SuppressWarnings("unchecked")
        Map<String, String>[] each = new Map[n];
        java.util.Arrays.fill(each, Map.of());
        return new RedisFleet(redis, common, each);
    }

    GatewayFixture get(int i) {
        return gateways.get(i);
    }

    @Override
    public void close() {
        try {
            for (GatewayFixture g : gateways) {
                g.close();
            }
        } finally {
            verifier.close();
        }
    }
}
