package io.microai.gateway.payment.x402;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One process's {@link AuthorizationLedger}. Bounded, and it fails closed: when full of live keys it
 * answers {@code UNAVAILABLE} instead of forgetting one, because evicting a live key would let its
 * authorization be paid with twice. Expired keys are swept when the ledger fills, at most once a second
 * so a full ledger under load does not rescan on every request.
 */
public final class InMemoryAuthorizationLedger implements AuthorizationLedger {
    private static final long SWEEP_INTERVAL_MILLIS = 1000;

    private final ConcurrentHashMap<String, Long> untilMillis = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxEntries;
    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

    public InMemoryAuthorizationLedger(Clock clock, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    @Override
    public Claim claim(ReplayKey key) {
        long now = clock.millis();
        if (untilMillis.size() >= maxEntries && !untilMillis.containsKey(key.value())) {
            sweep(now);
            if (untilMillis.size() >= maxEntries) {
                return Claim.UNAVAILABLE;
            }
        }
        long until = key.rememberUntil().toEpochMilli();
        boolean[] claimed = {false};
        untilMillis.compute(key.value(), (k, existing) -> {
            if (existing == null || existing <= now) {
                claimed[0] = true;
                return until;
            }
            return existing;
        });
        return claimed[0] ? Claim.CLAIMED : Claim.ALREADY_USED;
    }

    @Override
    public void release(ReplayKey key) {
        untilMillis.remove(key.value());
    }

    /** Entries currently held, live or not yet swept. */
    public int size() {
        return untilMillis.size();
    }

    private void sweep(long now) {
        long last = lastSweep.get();
        if (last != Long.MIN_VALUE && now - last < SWEEP_INTERVAL_MILLIS) {
            return;
        }
        if (lastSweep.compareAndSet(last, now)) {
            untilMillis.values().removeIf(until -> until <= now);
        }
    }
}
