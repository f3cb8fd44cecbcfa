package io.microai.gateway.ratelimit;

/**
 * Per-client rate limiting. An interface so a shared store (e.g. Redis) can replace the in-memory one
 * when several gateway instances must enforce one budget.
 */
public interface RateLimiter {

    /**
     * Takes one token from the bucket identified by {@code key} and {@code tier}, creating a full bucket
     * for a new key. Must be safe to call concurrently for the same key.
     */
    RateLimitDecision tryAcquire(String key, Tier tier);
}
