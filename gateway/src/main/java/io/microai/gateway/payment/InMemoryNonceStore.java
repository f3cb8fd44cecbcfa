package io.microai.gateway.payment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Single-instance {@link NonceStore} on a bounded Caffeine cache.
 *
 * <p>An entry outlives its usable period by a grace period (default: one TTL) so a late or replayed request
 * gets the accurate {@code EXPIRED} or {@code ALREADY_USED} instead of {@code UNKNOWN}. Whatever the cache
 * forgets, through the grace period ending or the size bound, turns into {@code UNKNOWN}, which is also
 * rejected, so eviction can never re-enable a spent nonce: the store fails closed.
 *
 * <p>Caffeine reads time from the same {@link Clock} (in millis) as the expiry checks, so a fake clock in
 * tests drives both the status logic and eviction.
 */
public final class InMemoryNonceStore implements NonceStore {

    public static final long DEFAULT_MAX_ENTRIES = 100_000;

    private final Cache<String, Entry> entries;
    private final Duration ttl;
    private final Duration grace;
    private final Clock clock;

    /** State kept per nonce. {@code usableUntil} already folds in the store TTL. */
    private record Entry(IssuedPayment payment, long usableUntilMillis, long retainUntilMillis, boolean used) {
        Entry markUsed() {
            return new Entry(payment, usableUntilMillis, retainUntilMillis, true);
        }
    }

    public InMemoryNonceStore(Duration ttl) {
        this(ttl, DEFAULT_MAX_ENTRIES, Clock.systemUTC());
    }

    public InMemoryNonceStore(Duration ttl, long maxEntries, Clock clock) {
        this(ttl, ttl, maxEntries, clock);
    }

    /**
     * @param ttl        how long an issued nonce stays usable
     * @param grace      how long it is remembered after that, to report EXPIRED / ALREADY_USED precisely
     * @param maxEntries hard bound on remembered nonces
     */
    public InMemoryNonceStore(Duration ttl, Duration grace, long maxEntries, Clock clock) {
        NonceStore.checkLifetimes(ttl, grace);
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1");
        }
        this.ttl = ttl;
        this.grace = grace;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new RetainUntil())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    @Override
    public void issue(String nonce, IssuedPayment payment) {
        NonceStore.checkIssue(nonce, payment);
        long now = clock.millis();
        long usableUntil = Math.min(payment.expiresAtEpochMillis(), saturatedAdd(now, ttl.toMillis()));
        Entry entry = new Entry(payment, usableUntil, saturatedAdd(usableUntil, grace.toMillis()), false);
        if (entries.asMap().putIfAbsent(nonce, entry) != null) {
            throw new IllegalStateException("nonce already issued");
        }
    }

    @Override
    public Lookup peek(String nonce) {
        Entry e = nonce == null ? null : entries.getIfPresent(nonce);
        if (e == null) {
            return Lookup.unknown();
        }
        if (e.used()) {
            return Lookup.alreadyUsed();
        }
        return clock.millis() >= e.usableUntilMillis() ? Lookup.expired() : Lookup.available(e.payment());
    }

    @Override
    public Lookup consume(String nonce) {
        if (nonce == null) {
            return Lookup.unknown();
        }
        Lookup[] result = {Lookup.unknown()};
        // compute runs under the entry's lock, making check-and-mark a single atomic step per nonce.
        entries.asMap().compute(nonce, (k, e) -> {
            if (e == null) {
                return null;
            }
            if (e.used()) {
                result[0] = Lookup.alreadyUsed();
                return e;
            }
            if (clock.millis() >= e.usableUntilMillis()) {
                result[0] = Lookup.expired();
                return e;
            }
            result[0] = Lookup.consumed(e.payment());
            return e.markUsed();
        });
        return result[0];
    }

    @Override
    public void release(String nonce) {
        if (nonce != null) {
            entries.asMap().computeIfPresent(nonce, (k, e) -> e.used()
                    ? new Entry(e.payment(), e.usableUntilMillis(), e.retainUntilMillis(), false) : e);
        }
    }

    /** Approximate number of remembered nonces, for metrics and tests. */
    public long estimatedSize() {
        return entries.estimatedSize();
    }

    /** Runs pending expiry and eviction now. */
    public void cleanUp() {
        entries.cleanUp();
    }

    public Duration ttl() {
        return ttl;
    }

    private final class RetainUntil implements Expiry<String, Entry> {
        @Override
        public long expireAfterCreate(String key, Entry value, long currentTime) {
            return remaining(value);
        }

        @Override
        public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
            return remaining(value); // marking used must not extend retention
        }

        @Override
        public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private long remaining(Entry value) {
            long millis = Math.max(0, value.retainUntilMillis() - clock.millis());
            return TimeUnit.MILLISECONDS.toNanos(millis);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
