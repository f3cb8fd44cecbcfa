package io.microai.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.cache.CacheLookup.Outcome;
import io.microai.shared.testing.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {

    private final FakeClock clock = new FakeClock();
    private final ResponseCache cache = new ResponseCache(true, 100, Duration.ofMinutes(10), clock::nanos);
    private final AtomicInteger loads = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(20);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static CacheKey key(String text) {
        return CacheKey.of("/api/ai/summarize", "m", text);
    }

    private String load(String value) {
        loads.incrementAndGet();
        return value;
    }

    @Test
    void missThenHit() {
        CacheLookup first = cache.getOrCompute(key("a"), () -> load("A"));
        assertEquals(new CacheLookup("A", Outcome.MISS), first);
        assertFalse(first.hit());
        CacheLookup second = cache.getOrCompute(key("a"), () -> load("other"));
        assertEquals(new CacheLookup("A", Outcome.HIT), second);
        assertEquals(1, loads.get());
    }

    @Test
    void expiresAfterTtl() {
        cache.getOrCompute(key("a"), () -> load("A"));
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertTrue(cache.getOrCompute(key("a"), () -> load("B")).hit());
        clock.advance(Duration.ofSeconds(2));
        CacheLookup after = cache.getOrCompute(key("a"), () -> load("B"));
        assertEquals(new CacheLookup("B", Outcome.MISS), after);
    }

    @Test
    void sizeIsBounded() {
        for (int i = 0; i < 1_000; i++) {
            String v = "v" + i;
            cache.getOrCompute(key("k" + i), () -> v);
        }
        cache.cleanUp();
        assertTrue(cache.estimatedSize() <= 100, "size " + cache.estimatedSize());
    }

    @Test
    void concurrentIdenticalMissesShareOneLoad() throws Exception {
        CountDownLatch loaderEntered = new CountDownLatch(1);
        CountDownLatch finishLoad = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CacheLookup>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return cache.getOrCompute(key("same"), () -> {
                    loads.incrementAndGet();
                    loaderEntered.countDown();
                    finishLoad.await(); // hold the load open so the other callers pile up behind it
                    return "shared";
                });
            }));
        }
        go.countDown();
        assertTrue(loaderEntered.await(10, TimeUnit.SECONDS));
        finishLoad.countDown();
        int misses = 0;
        for (Future<CacheLookup> f : results) {
            CacheLookup r = f.get(10, TimeUnit.SECONDS);
            assertEquals("shared", r.value());
            if (r.outcome() == Outcome.MISS) {
                misses++;
            }
        }
        assertEquals(1, loads.get());
        assertEquals(1, misses);
    }

    @Test
    void failureReachesEveryWaiterAndIsNotCached() throws Exception {
        CountDownLatch loaderEntered = new CountDownLatch(1);
        CountDownLatch failNow = new CountDownLatch(1);
        IOException boom = new IOException("upstream down");
        List<Future<CacheLookup>> results = new ArrayList<>();
        results.add(pool.submit(() -> cache.getOrCompute(key("f"), () -> {
            loads.incrementAndGet();
            loaderEntered.countDown();
            failNow.await();
            throw boom;
        })));
        assertTrue(loaderEntered.await(10, TimeUnit.SECONDS));
        Queue<Thread> waiters = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 5; i++) {
            results.add(pool.submit(() -> {
                waiters.add(Thread.currentThread());
                return cache.getOrCompute(key("f"), () -> load("never"));
            }));
        }
        awaitParked(waiters, 5);
        failNow.countDown();
        int sawBoom = 0;
        for (Future<CacheLookup> f : results) {
            try {
                f.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertSame(boom, e.getCause());
                sawBoom++;
            }
        }
        assertEquals(6, sawBoom, "leader and all five waiters see the same failure");
        assertEquals(1, loads.get());
        assertEquals(new CacheLookup("ok", Outcome.MISS), cache.getOrCompute(key("f"), () -> "ok"));
    }

    /** Spins (no sleeping) until {@code n} threads have registered and are parked waiting on the shared load. */
    private static void awaitParked(Queue<Thread> threads, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (threads.size() < n || !threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            assertTrue(System.nanoTime() < deadline, "waiters never parked");
            Thread.onSpinWait();
        }
    }

    @Test
    void leaderFailureIsThrownWithItsOwnType() {
        IOException boom = new IOException("x");
        IOException thrown = assertThrows(IOException.class, () -> cache.getOrCompute(key("e"), () -> {
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals(0, cache.estimatedSize());
        assertThrows(NullPointerException.class, () -> cache.getOrCompute(key("n"), () -> null));
        assertEquals("v", cache.getOrCompute(key("n"), () -> "v").value(), "null result was not cached");
    }

    @Test
    void disabledCacheAlwaysLoads() {
        ResponseCache off = new ResponseCache(false, 100, Duration.ofMinutes(1), clock::nanos);
        assertFalse(off.isEnabled());
        assertEquals(Outcome.MISS, off.getOrCompute(key("a"), () -> load("A")).outcome());
        assertEquals(Outcome.MISS, off.getOrCompute(key("a"), () -> load("A")).outcome());
        assertEquals(2, loads.get());
        assertEquals(0, off.estimatedSize());
    }
}
