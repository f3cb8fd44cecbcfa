package io.microai.shared.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one hand-driven time source of the tests, so that no test waits for time to pass: a wall clock
 * ({@link Clock}) and a monotonic nanosecond reading ({@link #nanos()}; pass {@code clock::nanos}
 * where a Caffeine {@code Ticker} is wanted) that move together, and only on {@link #advance}.
 */
public final class FakeClock extends Clock {
    private final long startEpochMillis;
    private final AtomicLong nanos = new AtomicLong();

    /** Starts at the epoch: for code that only measures intervals. */
    public FakeClock() {
        this(0);
    }

    /** Starts at {@code startEpochMillis} on the wall clock and at 0 on the monotonic reading. */
    public FakeClock(long startEpochMillis) {
        this.startEpochMillis = startEpochMillis;
    }

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    /** Nanoseconds advanced since construction. */
    public long nanos() {
        return nanos.get();
    }

    /** The current unix second (rounded down). */
    public long epochSecond() {
        return Math.floorDiv(millis(), 1000);
    }

    @Override
    public long millis() {
        return startEpochMillis + nanos.get() / 1_000_000;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(startEpochMillis).plusNanos(nanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
