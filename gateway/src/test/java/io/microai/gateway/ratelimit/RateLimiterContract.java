package io.microai.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} must do, run once per implementation. Slow tiers (1 RPM) keep refill
 * out of a case whether time is fake or real; a fast one (600 RPM, a token per 100 ms) makes it
 * observable in a short real wait.
 */
public abstract class RateLimiterContract {
    protected static final Duration IDLE = Duration.ofMinutes(5);

    /** A limiter whose buckets idle out after {@link #IDLE}. */
    protected RateLimiter limiter;

    /** A new limiter; for a shared limiter, one more gateway's view of the same buckets. */
    protected abstract RateLimiter newLimiter(Duration idleTtl);

    /** Whether limiters from {@link #newLimiter} share their buckets, as the gateways of a fleet do. */
    protected abstract boolean shared();

    /** Lets {@code d} pass: advances a fake clock, or sleeps. */
    protected abstract void elapse(Duration d) throws InterruptedException;

    /** The limiter's current unix second. */
    protected abstract long nowEpochSecond();

    /** Asserts a decision's reset second against the one computed from {@link #nowEpochSecond()} before it. */
    protected abstract void assertResetSecond(long expected, long actual, String message);

    /** An idle time-to-live short enough to wait out, and a wait that outlasts it. */
    protected abstract Duration shortIdle();

    protected abstract Duration pastShortIdle();

    /** Runs eviction the limiter defers and counts the buckets it still holds, if it can count them. */
    protected OptionalLong heldBuckets(RateLimiter l) {
        return OptionalLong.empty();
    }

    @BeforeEach
    void createLimiter() {
        limiter = newLimiter(IDLE);
    }

    @Test
    void burstThenDeny() {
        Tier tier = new Tier("t", 1, 5);
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
        Tier tier = new Tier("t", 1, 3);
        assertEquals(2, limiter.tryAcquire("k", tier).remaining());
        assertEquals(1, limiter.tryAcquire("k", tier).remaining());
        assertEquals(0, limiter.tryAcquire("k", tier).remaining());
        assertEquals(0, limiter.tryAcquire("k", tier).remaining());
    }

    @Test
    void refillsOneTokenAfterItsInterval() throws Exception {
        Tier tier = new Tier("t", 600, 3); // a token every 100 ms
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("k", tier);
        }
        assertFalse(limiter.tryAcquire("k", tier).allowed());
        elapse(Duration.ofMillis(140));
        RateLimitDecision d = limiter.tryAcquire("k", tier);
        assertTrue(d.allowed());
        assertEquals(0, d.remaining());
        assertFalse(limiter.tryAcquire("k", tier).allowed(), "only one token was earned");
    }

    @Test
    void retryAfterIsTimeToNextTokenAndResetIsWhenFull() {
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
        long nowSecond = nowEpochSecond();
        RateLimitDecision s = limiter.tryAcquire("b", slow);
        assertEquals(10, s.retryAfterSeconds(), "6 RPM: one token per 10 s, not 30 s until full");
        assertResetSecond(nowSecond + 30, s.resetEpochSeconds(), "reset is when the bucket is full");
    }

    @Test
    void freshBucketResetsWithinASecond() {
        long before = nowEpochSecond();
        RateLimitDecision d = limiter.tryAcquire("k", new Tier("t", 60, 3));
        assertTrue(d.allowed());
        assertEquals(2, d.remaining());
        assertResetSecond(before + 1, d.resetEpochSeconds(), "one token short at 60 RPM: full a second from now");
    }

    @Test
    void keysAndTiersAreIndependent() {
        Tier tier = new Tier("t", 1, 1);
        assertTrue(limiter.tryAcquire("ip:1", tier).allowed());
        assertFalse(limiter.tryAcquire("ip:1", tier).allowed());
        assertTrue(limiter.tryAcquire("ip:2", tier).allowed());
        assertTrue(limiter.tryAcquire("ip:1", new Tier("other", 1, 1)).allowed());
    }

    @Test
    void idleBucketIsForgottenAfterTheIdleTtl() throws Exception {
        RateLimiter shortIdle = newLimiter(shortIdle());
        Tier tier = new Tier("t", 1, 1);
        shortIdle.tryAcquire("idle", tier);
        assertFalse(shortIdle.tryAcquire("idle", tier).allowed());
        elapse(pastShortIdle());
        heldBuckets(shortIdle).ifPresent(held -> assertEquals(0, held, "the idle bucket was evicted"));
        assertTrue(shortIdle.tryAcquire("idle", tier).allowed(), "a forgotten client starts with a full bucket");
    }

    @Test
    void concurrentAcquiresOnEveryInstanceNeverOverspend() throws Exception {
        List<RateLimiter> gateways = shared() ? List.of(limiter, newLimiter(IDLE)) : List.of(limiter);
        Tier tier = new Tier("t", 1, 100);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                RateLimiter l = gateways.get(i % gateways.size());
                results.add(pool.submit(() -> {
                    go.await();
                    return l.tryAcquire("shared", tier).allowed();
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
}
