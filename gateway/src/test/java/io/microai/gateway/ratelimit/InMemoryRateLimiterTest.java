package io.microai.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest {

    private static final long START_EPOCH_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private final ManualTime time = new ManualTime(START_EPOCH_MILLIS);
    private final InMemoryRateLimiter limiter =
            new InMemoryRateLimiter(Duration.ofMinutes(5), 1_000, time, time.clock());

    @Test
    void burstThenDeny() {
        Tier tier = new Tier("t", 10, 5);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire("ip:1", tier).allowed(), "request " + i);
        }
        RateLimitDecision denied = limiter.tryAcquire("ip:1", tier);
        assertFalse(denied.allowed());
        assertEquals(0, denied.remaining());
        assertEquals(5, denied.limit(), "limit is the burst, not the RPM");
    }

    @Test
    void remainingCountsDown() {
        Tier tier = new Tier("t", 60, 3);
        assertEquals(2, limiter.tryAcquire("k", tier).remaining());
        assertEquals(1, limiter.tryAcquire("k", tier).remaining());
        assertEquals(0, limiter.tryAcquire("k", tier).remaining());
        assertEquals(0, limiter.tryAcquire("k", tier).remaining());
    }

    @Test
    void refillsOneTokenAfterItsInterval() {
        Tier tier = new Tier("t", 60, 3);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("k", tier);
        }
        assertFalse(limiter.tryAcquire("k", tier).allowed());
        time.advance(Duration.ofMillis(1_100));
        RateLimitDecision d = limiter.tryAcquire("k", tier);
        assertTrue(d.allowed());
        assertEquals(0, d.remaining());
        assertFalse(limiter.tryAcquire("k", tier).allowed(), "only one token was earned");
    }

    @Test
    void exactWholeSecondRefillIsNotLostToRounding() {
        Tier tier = new Tier("t", 60, 1);
        limiter.tryAcquire("k", tier);
        time.advance(Duration.ofSeconds(1));
        assertTrue(limiter.tryAcquire("k", tier).allowed());
    }

    @Test
    void retryAfterIsTimeToNextToken() {
        Tier fast = new Tier("fast", 60, 2);
        limiter.tryAcquire("a", fast);
        limiter.tryAcquire("a", fast);
        RateLimitDecision d = limiter.tryAcquire("a", fast);
        assertFalse(d.allowed());
        assertEquals(1, d.retryAfterSeconds());

        Tier slow = new Tier("slow", 6, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.tryAcquire("b", slow).retryAfterSeconds(), "0 while allowed");
        }
        RateLimitDecision s = limiter.tryAcquire("b", slow);
        assertEquals(10, s.retryAfterSeconds(), "6 RPM: one token per 10 s, not 30 s until full");
        assertEquals(time.epochSecond() + 30, s.resetEpochSeconds(), "reset is when the bucket is full");

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
    void keysAndTiersAreIndependent() {
        Tier tier = new Tier("t", 60, 1);
        assertTrue(limiter.tryAcquire("ip:1", tier).allowed());
        assertFalse(limiter.tryAcquire("ip:1", tier).allowed());
        assertTrue(limiter.tryAcquire("ip:2", tier).allowed());
        assertTrue(limiter.tryAcquire("ip:1", new Tier("other", 60, 1)).allowed());
    }

    @Test
    void concurrentAcquiresNeverOverspend() throws Exception {
        Tier tier = new Tier("t", 60, 100);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return limiter.tryAcquire("shared", tier).allowed();
                }));
            }
            go.countDown();
            int allowed = 0;
            for (Future<Boolean> f : results) {
                if (f.get(30, TimeUnit.SECONDS)) {
                    allowed++;
                }
            }
            assertEquals(100, allowed);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void idleBucketIsEvictedAfterTtl() {
        Tier tier = new Tier("t", 1, 1);
        limiter.tryAcquire("idle", tier);
        assertFalse(limiter.tryAcquire("idle", tier).allowed());
        time.advance(Duration.ofMinutes(5).plusSeconds(1));
        limiter.cleanUp();
        assertEquals(0, limiter.estimatedSize());
        assertTrue(limiter.tryAcquire("idle", tier).allowed(), "a forgotten client starts with a full bucket");
    }

    @Test
    void manyDistinctKeysStayBounded() {
        InMemoryRateLimiter bounded = new InMemoryRateLimiter(Duration.ofHours(1), 10_000, time, time.clock());
        for (int i = 0; i < 200_000; i++) {
            bounded.tryAcquire("ip:" + i, Tier.ANONYMOUS);
        }
        bounded.cleanUp();
        assertTrue(bounded.estimatedSize() <= 10_000, "size " + bounded.estimatedSize());
    }
}
