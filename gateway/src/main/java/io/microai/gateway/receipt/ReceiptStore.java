package io.microai.gateway.receipt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.microai.shared.receipt.SignedReceipt;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Issued receipts, kept for lookup by id. Bounded in entries as well as time: every paid request mints a receipt,
 * so a store bounded only by time would grow with traffic until the heap ran out.
 */
public final class ReceiptStore implements ReceiptStorage {

    private final Cache<String, SignedReceipt> cache;

    public ReceiptStore(long maxEntries, Duration ttl) {
        this(maxEntries, ttl, Ticker.systemTicker());
    }

    /**
     * @throws IllegalArgumentException if {@code ttl} is zero or negative (every receipt would expire the moment
     *                                  it was stored) or {@code maxEntries} is below 1
     */
    public ReceiptStore(long maxEntries, Duration ttl, Ticker ticker) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("receipt TTL must be positive");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("receipt store maxEntries must be at least 1");
        }
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(ttl)
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                // Eviction is cheap (no listeners), so doing it on the writing thread keeps the bound exact when
                // put returns instead of waiting on a background pool.
                .executor(Runnable::run)
                .build();
    }

    /**
     * Stores the receipt unless its id is already held by a different receipt. Ids carry 48 random bits, so with
     * a large store a clash is rare but not negligible; refusing rather than overwriting means an earlier
     * customer's receipt is never replaced. Re-storing the same receipt is harmless and returns true.
     *
     * @return false if the id is taken by another receipt (the caller should issue a new id)
     */
    @Override
    public boolean put(SignedReceipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        SignedReceipt existing = cache.asMap().putIfAbsent(receipt.id(), receipt);
        return existing == null || existing.equals(receipt);
    }

    /** Empty for unknown and for expired ids alike; an expired entry is never returned, even before cleanup. */
    @Override
    public Optional<SignedReceipt> get(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(cache.getIfPresent(id));
    }

    /** Number of live entries, after expired and excess ones are dropped; for metrics and tests. */
    @Override
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
