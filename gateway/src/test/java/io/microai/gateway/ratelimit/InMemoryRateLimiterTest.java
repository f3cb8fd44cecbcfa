package io.microai.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.testing.FakeClock;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The rate limiter contract on a fake clock, plus the exact rounding only a fake clock can pin down and the size bound. */
class InMemoryRateLimiterTest extends RateLimiterContract {

    private static final long START_EPOCH_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private final FakeClock time = new FakeClock(START_EPOCH_MILLIS);

    @Override
    protected RateLimiter newLimiter(Duration idleTtl) {
        return new InMemoryRateLimiter(idleTtl, 1_000, time::nanos, time);
    }

    @Override
    protected boolean shared() {
        return false;
    }

    @Override
    protected void elapse(Duration d) {
        time.advance(d);
    }

    @Override
    protected long nowEpochSecond() {
        return time.epochSecond();
    }

    /** The clock stands still between the reading and the decision: the second is exact. */
    @Override
    protected void assertResetSecond(long expected, long actual, String message) {
        assertEquals(expected, actual, message);
    }

    @Override
    protected Duration shortIdle() {
        return IDLE;
    }

    @Override
    protected Duration pastShortIdle() {
        return IDLE.plusSeconds(1);
    }

    @Override
    protected OptionalLong heldBuckets(RateLimiter l) {
        InMemoryRateLimiter memory = (InMemoryRateLimiter) l;
        memory.cleanUp();
        return OptionalLong.of(memory.estimatedSize());
    }

    @Test
    void exactWholeSecondRefillIsNotLostToRounding() {
        Tier tier = new Tier("t", 60, 1);
        limiter.tryAcquire("k", tier);
        time.advance(Duration.ofSeconds(1));
        assertTrue(limiter.tryAcquire("k", tier).allowed());
    }

    @Test
    void retryAfterRoundsAPartialSecondUp() {
        Tier slow = new Tier("slow", 6, 3);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("b", slow);
        }
        assertEquals(10, limiter.tryAcquire("b", slow).retryAfterSeconds());
        time.advance(Duration.ofMillis(9_500));
        assertEquals(1, limiter.tryAcquire("b", slow).retryAfterSeconds(), "0.5 s rounds up to 1");
    }

    @Test
    void resetIsTheSecondTheBucketIsFullAgainRoundedUp() {
        long startSecond = START_EPOCH_MILLIS / 1000;
        Tier tier = new Tier("t", 60, 3);
        assertEquals(startSecond + 1, limiter.tryAcquire("k", tier).resetEpochSeconds());
        assertEquals(startSecond + 2, limiter.tryAcquire("k", tier).resetEpochSeconds());
        assertEquals(startSecond + 3, limiter.tryAcquire("k", tier).resetEpochSeconds());
        assertEquals(startSecond + 3, limiter.tryAcquire("k", tier).resetEpochSeconds(), "denial takes nothing");

        time.advance(Duration.ofMillis(400));
        // 3 tokens short minus 0.4 refilled: full at +3.0 s, so the reset second stays +3.
        assertEquals(startSecond + 3, limiter.tryAcquire("k", tier).resetEpochSeconds());
        // A fresh bucket one token short at +0.4 s is full at +1.4 s: report +2, never a second too early.
        assertEquals(startSecond + 2, limiter.tryAcquire("other", new Tier("t", 60, 1)).resetEpochSeconds());
    }

    @Test
    void bucketReportsZeroTimeToFullOnlyWhenFull() {
        TokenBucket bucket = new TokenBucket(new Tier("t", 60, 2), 0);
        TokenBucket.Outcome o = bucket.tryTake(0);
        assertEquals(1_000_000_000L, o.nanosUntilFull());
        assertEquals(0, o.nanosUntilNextToken(), "a token is still there");
        TokenBucket.Outcome later = bucket.tryTake(Duration.ofSeconds(30).toNanos());
        assertEquals(1_000_000_000L, later.nanosUntilFull(), "refill is capped at the burst");
    }

    @Test
    void manyDistinctKeysStayBounded() {
        InMemoryRateLimiter bounded = new InMemoryRateLimiter(Duration.ofHours(1), 10_000, time::nanos, time);
        for (int i = 0; i < 200_000; i++) {
            bounded.tryAcquire("ip:" + i, Tier.ANONYMOUS);
        }
        bounded.cleanUp();
        assertTrue(bounded.estimatedSize() <= 10_000, "size " + bounded.estimatedSize());
    }
}
