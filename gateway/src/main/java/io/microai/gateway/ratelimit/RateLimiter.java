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

    /**
     * Whether calls do network I/O (a shared store): the HTTP layer then makes them on a worker thread,
     * never on an I/O thread. A shared store throws {@link RateLimitStoreUnavailableException} when it
     * cannot answer.
     */
    default boolean remote() {
        return false;
    }
}
