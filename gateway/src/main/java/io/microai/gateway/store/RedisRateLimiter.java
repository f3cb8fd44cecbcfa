package io.microai.gateway.store;

import io.microai.gateway.metrics.StoreFailure;
import io.microai.gateway.ratelimit.RateLimitDecision;
import io.microai.gateway.ratelimit.RateLimitStoreUnavailableException;
import io.microai.gateway.ratelimit.RateLimiter;
import io.microai.gateway.ratelimit.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@link RateLimiter} shared by a fleet of gateways through Redis: the same token bucket as
 * {@code TokenBucket} (capacity = burst, refill rpm/60 per second, starting full), evaluated by one Lua
 * script per request, so a client's budget is one budget however its requests are spread.
 *
 * <p>The bucket is a hash {@code microai:ratelimit:<tier>:<client>} with fields {@code tokens} (fractional)
 * and {@code ts} (microseconds, Redis server time). The script reads the time with {@code TIME}, so gateways
 * whose clocks disagree still refill identically; a clock that goes backwards never mints tokens. Each call
 * sets {@code PEXPIRE} to the idle TTL ({@code RATE_LIMIT_CLEANUP_INTERVAL}), so idle clients cost nothing.
 * The decision's reset instant is computed from Redis time too. Any Redis failure is a
 * {@link RateLimitStoreUnavailableException}; the HTTP layer applies {@code RATE_LIMIT_ON_STORE_ERROR}.
 */
public final class RedisRateLimiter implements RateLimiter {
    public static final String KEY_PREFIX = "microai:ratelimit:";
    /** The closed {@code operation} label set of this store's calls. */
    public static final List<String> OPERATIONS = List.of("acquire");

    /** ARGV: capacity, rpm, idle ms. Returns {allowed, remaining, µs until full, µs until next token, sec, µsec}. */
    static final RedisConnector.Script ACQUIRE = RedisConnector.Script.of("""
            if redis.replicate_commands then pcall(redis.replicate_commands) end
            local capacity = tonumber(ARGV[1])
            local rpm = tonumber(ARGV[2])
            local idle_ms = tonumber(ARGV[3])
            local t = redis.call('TIME')
            local sec = tonumber(t[1])
            local usec = tonumber(t[2])
            local now = sec * 1000000 + usec
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil or ts == nil then
              tokens = capacity
              ts = now
            elseif now > ts then
              tokens = tokens + (now - ts) * rpm / 60000000
              ts = now
            end
            if tokens > capacity then tokens = capacity end
            local allowed = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            end
            redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'ts', string.format('%.0f', ts))
            redis.call('PEXPIRE', KEYS[1], idle_ms)
            local per_token = 60000000 / rpm
            local until_full = math.ceil((capacity - tokens) * per_token)
            local until_next = 0
            if tokens < 1 then until_next = math.ceil((1 - tokens) * per_token) end
            return {allowed, math.floor(tokens), until_full, until_next, sec, usec}
            """);

    private final RedisConnector redis;
    private final String idleMillis;

    /** @param idleTtl how long an untouched bucket is kept (then a client starts full again) */
    public RedisRateLimiter(RedisConnector redis, Duration idleTtl) {
        this.redis = Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(idleTtl, "idleTtl");
        if (idleTtl.isZero() || idleTtl.isNegative()) {
            throw new IllegalArgumentException("idleTtl must be positive");
        }
        this.idleMillis = Long.toString(idleTtl.toMillis());
    }

    public static String key(Tier tier, String client) {
        return KEY_PREFIX + tier.name() + ":" + client;
    }

    @Override
    public RateLimitDecision tryAcquire(String key, Tier tier) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(tier, "tier");
        List<Object> r = redis.script(RedisStore.RATE_LIMIT, "acquire", ACQUIRE, new String[] {key(tier, key)},
                Integer.toString(tier.burst()), Integer.toString(tier.requestsPerMinute()), idleMillis);
        if (r == null || r.size() != 6) {
            throw redis.failure(RedisStore.RATE_LIMIT, StoreFailure.ERROR, "unexpected script answer " + r, null);
        }
        boolean allowed = number(r, 0) == 1;
        int remaining = (int) Math.max(0, number(r, 1));
        long microsUntilFull = Math.max(0, number(r, 2));
        long microsUntilNext = Math.max(0, number(r, 3));
        long seconds = number(r, 4);
        long nowMicros = seconds * 1_000_000L + number(r, 5);
        long reset = microsUntilFull == 0 ? seconds : ceilDiv(nowMicros + microsUntilFull, 1_000_000L);
        long retryAfter = allowed ? 0 : Math.max(1, ceilDiv(microsUntilNext, 1_000_000L));
        return new RateLimitDecision(allowed, tier.burst(), remaining, reset, retryAfter);
    }

    @Override
    public boolean remote() {
        return true;
    }

    private long number(List<Object> r, int i) {
        Object o = r.get(i);
        if (o instanceof Number n) {
            return n.longValue();
        }
        throw redis.failure(RedisStore.RATE_LIMIT, StoreFailure.ERROR, "unexpected script answer " + r, null);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
