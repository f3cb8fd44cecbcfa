package io.microai.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Single-instance {@link RateLimiter} keeping one {@link TokenBucket} per (tier, key) in a bounded Caffeine cache.
 *
 * <p>Memory is bounded two ways: idle buckets expire after {@code idleTtl}, and at most {@code maxKeys} buckets
 * exist at once, so a flood of distinct client addresses cannot exhaust the heap (as an unbounded map would).
 * The price of the size bound is that, under such a flood, an evicted client gets a fresh full
 * bucket; Caffeine's frequency-aware eviction makes that unlikely for clients that are actively hammering.
 * Choose {@code idleTtl} at least as long as the slowest tier takes to refill (burst / rpm minutes) so that
 * expiry never forgives a client's debt early.
 */
public final class InMemoryRateLimiter implements RateLimiter {

    public static final long DEFAULT_MAX_KEYS = 100_000;

    private final Cache<BucketKey, TokenBucket> buckets;
    private final Ticker ticker;
    private final Clock wallClock;

    private record BucketKey(String tier, String key) {
    }

    public InMemoryRateLimiter(Duration idleTtl) {
        this(idleTtl, DEFAULT_MAX_KEYS);
    }

    public InMemoryRateLimiter(Duration idleTtl, long maxKeys) {
        this(idleTtl, maxKeys, Ticker.systemTicker(), Clock.systemUTC());
    }

    /**
     * @param ticker    monotonic nanos for refill math and idle expiry
     * @param wallClock only used to express the reset instant as a unix timestamp
     */
    public InMemoryRateLimiter(Duration idleTtl, long maxKeys, Ticker ticker, Clock wallClock) {
        Objects.requireNonNull(idleTtl, "idleTtl");
        if (idleTtl.isZero() || idleTtl.isNegative()) {
            throw new IllegalArgumentException("idleTtl must be positive");
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be >= 1");
        }
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(idleTtl)
                .maximumSize(maxKeys)
                .ticker(ticker)
                .build();
    }

    @Override
    public RateLimitDecision tryAcquire(String key, Tier tier) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(tier, "tier");
        long now = ticker.read();
        // The tier is part of the key so a client moving between tiers never inherits a bucket of the wrong size.
        TokenBucket bucket = buckets.get(new BucketKey(tier.name(), key), k -> new TokenBucket(tier, now));
        TokenBucket.Outcome o = bucket.tryTake(now);
        long nowMillis = wallClock.millis();
        long resetEpochSeconds = o.nanosUntilFull() == 0
                ? Math.floorDiv(nowMillis, 1000)
                : ceilDiv(nowMillis * 1_000_000L + o.nanosUntilFull(), 1_000_000_000L);
        long retryAfter = o.allowed() ? 0 : Math.max(1, ceilDiv(o.nanosUntilNextToken(), 1_000_000_000L));
        return new RateLimitDecision(o.allowed(), o.capacity(), o.remaining(), resetEpochSeconds, retryAfter);
    }

    /** Approximate number of live buckets, for metrics and tests. */
    public long estimatedSize() {
        return buckets.estimatedSize();
    }

    /** Runs pending expiry and eviction now instead of amortised over later calls. */
    public void cleanUp() {
        buckets.cleanUp();
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
