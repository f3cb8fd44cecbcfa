package io.microai.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Bounded, TTL-limited cache of AI results with single flight.
 *
 * <p>Entries are futures: the first caller for a key registers one and runs the loader on its own thread
 * (the HTTP worker), and concurrent callers for the same key wait on that future instead of calling the
 * paid upstream again. A failed load is removed before waiters are released, so failures are never cached
 * and the next request retries. This class knows nothing about payment: the HTTP layer must check payment
 * before asking the cache, for hits as well as misses.
 */
public final class ResponseCache {

    private final boolean enabled;
    // A plain cache of futures rather than Caffeine's AsyncCache: AsyncCache logs a WARNING with a stack trace
    // for every failed load, and upstream AI failures are routine, already reported by the HTTP layer.
    private final Cache<CacheKey, CompletableFuture<String>> cache;

    public ResponseCache(boolean enabled, long maxEntries, Duration ttl) {
        this(enabled, maxEntries, ttl, Ticker.systemTicker());
    }

    public ResponseCache(boolean enabled, long maxEntries, Duration ttl, Ticker ticker) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1");
        }
        this.enabled = enabled;
        // The TTL starts when a load begins, not when it ends; loads take seconds and TTLs minutes to hours.
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(ttl)
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .build();
    }

    /**
     * Returns the cached value for {@code key}, or runs {@code loader} once for all concurrent callers of the
     * same key. The loader's exception is thrown to the caller that ran it and to every caller waiting on it.
     *
     * @throws CancellationException if this thread is interrupted while waiting for another caller's load
     *                               (the interrupt flag is restored)
     */
    public <E extends Exception> CacheLookup getOrCompute(CacheKey key, ResponseLoader<E> loader) throws E {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        if (!enabled) {
            return new CacheLookup(loadNonNull(loader), CacheLookup.Outcome.MISS);
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> existing = cache.asMap().putIfAbsent(key, mine);
        if (existing == null) {
            return new CacheLookup(lead(key, mine, loader), CacheLookup.Outcome.MISS);
        }
        return new CacheLookup(await(existing), CacheLookup.Outcome.HIT);
    }

    private <E extends Exception> String lead(CacheKey key, CompletableFuture<String> mine, ResponseLoader<E> loader)
            throws E {
        String value;
        try {
            value = loadNonNull(loader);
        } catch (Throwable t) {
            // Remove first so a caller arriving after this point starts a fresh load instead of seeing this error.
            cache.asMap().remove(key, mine);
            mine.completeExceptionally(t);
            throw t;
        }
        mine.complete(value);
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> String await(CompletableFuture<String> inFlight) throws E {
        try {
            return inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("interrupted while waiting for a shared cache load");
            c.initCause(e);
            throw c;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            // Checked: it came from the leader's loader for this same key, i.e. the same E in practice.
            throw (E) cause;
        }
    }

    private static <E extends Exception> String loadNonNull(ResponseLoader<E> loader) throws E {
        return Objects.requireNonNull(loader.load(), "cache loader returned null");
    }

    /**
     * The value of a load that has completed successfully for {@code key}; empty when disabled, absent, or still
     * loading (a caller that must not wait, like a stream that follows its own in-flight load, asks this way).
     */
    public Optional<String> completed(CacheKey key) {
        Objects.requireNonNull(key, "key");
        if (!enabled) {
            return Optional.empty();
        }
        CompletableFuture<String> entry = cache.getIfPresent(key);
        if (entry == null || !entry.isDone() || entry.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(entry.join());
    }

    /** Keeps {@code value}, loaded elsewhere in full, for {@code key}, unless a load for it is already registered. */
    public void putCompleted(CacheKey key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (enabled) {
            cache.asMap().putIfAbsent(key, CompletableFuture.completedFuture(value));
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** Approximate number of entries (including in-flight loads), for metrics and tests. */
    public long estimatedSize() {
        return cache.estimatedSize();
    }

    /** Runs pending expiry and eviction now. */
    public void cleanUp() {
        cache.cleanUp();
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }
}
