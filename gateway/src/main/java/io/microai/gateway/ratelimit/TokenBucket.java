package io.microai.gateway.ratelimit;

/**
 * Token bucket with capacity = burst and a refill of rpm/60 tokens per second, starting full.
 *
 * <p>Time is passed in (monotonic nanos) rather than read here, so the math is testable and the caller
 * decides the clock. Tokens are a double so slow tiers (e.g. 6 RPM) refill smoothly instead of in steps.
 */
final class TokenBucket {

    private static final double NANOS_PER_MINUTE = 60_000_000_000.0;

    private final int capacity;
    private final int requestsPerMinute;
    private double tokens;
    private long lastRefillNanos;

    TokenBucket(Tier tier, long nowNanos) {
        this.capacity = tier.burst();
        this.requestsPerMinute = tier.requestsPerMinute();
        this.tokens = capacity;
        this.lastRefillNanos = nowNanos;
    }

    /** Snapshot of the bucket right after a take attempt, in nanos relative to the attempt. */
    record Outcome(boolean allowed, int capacity, int remaining, long nanosUntilFull, long nanosUntilNextToken) {
    }

    synchronized Outcome tryTake(long nowNanos) {
        refill(nowNanos);
        boolean allowed = tokens >= 1.0;
        if (allowed) {
            tokens -= 1.0;
        }
        long untilNext = tokens >= 1.0 ? 0 : nanosFor(1.0 - tokens);
        return new Outcome(allowed, capacity, (int) Math.floor(tokens), nanosFor(capacity - tokens), untilNext);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed <= 0) {
            return; // a non-advancing clock must never mint tokens
        }
        // Multiply before dividing so whole-second steps produce exact token counts (1 s at 60 RPM = 1.0).
        tokens = Math.min(capacity, tokens + elapsed * (double) requestsPerMinute / NANOS_PER_MINUTE);
        lastRefillNanos = nowNanos;
    }

    private long nanosFor(double missingTokens) {
        if (missingTokens <= 0) {
            return 0;
        }
        return (long) Math.ceil(missingTokens * NANOS_PER_MINUTE / requestsPerMinute);
    }
}
