package io.microai.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** One hand-driven time source exposed both as a monotonic ticker and as a wall clock, so tests never sleep. */
final class ManualTime implements Ticker {

    private final long epochMillisAtZero;
    private final AtomicLong nanos = new AtomicLong();

    ManualTime(long epochMillisAtZero) {
        this.epochMillisAtZero = epochMillisAtZero;
    }

    @Override
    public long read() {
        return nanos.get();
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    long epochSecond() {
        return Math.floorDiv(clock().millis(), 1000);
    }

    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(epochMillisAtZero + nanos.get() / 1_000_000);
            }
        };
    }
}
