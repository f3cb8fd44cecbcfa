package io.microai.shared.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One exemplar slot per bucket of a histogram. An offer replaces the held sample when the slot is
 * empty, when the offered value is larger (so the slowest recent request in each bucket wins), or when
 * the held sample is older than {@link #REPLACE_AFTER_NANOS}. Every other offer costs one volatile read
 * and two comparisons: no clock read (the caller passes its own), no allocation and no write, so
 * concurrent requests do not contend on the slot.
 */
public final class ExemplarSlots {
    /**
     * A held exemplar is kept at least this long unless a slower one arrives: long enough for a
     * Prometheus scraping every few seconds to see it, short enough that "recent" means recent.
     */
    static final long REPLACE_AFTER_NANOS = 2_000_000_000L;

    private final AtomicReferenceArray<Sample> slots;

    ExemplarSlots(int buckets) {
        slots = new AtomicReferenceArray<>(buckets);
    }

    /** @param now a {@link System#nanoTime()} reading taken when the value was observed */
    void offer(int bucket, String traceId, long valueNanos, long now) {
        Sample held = slots.get(bucket);
        if (held == null || valueNanos > held.valueNanos || now - held.offeredAtNanos >= REPLACE_AFTER_NANOS) {
            // A lost race between two replacements keeps one of them, which is all sampling promises.
            slots.lazySet(bucket, new Sample(traceId, valueNanos, System.currentTimeMillis(), now));
        }
    }

    List<Sample> held() {
        List<Sample> out = new ArrayList<>(slots.length());
        for (int i = 0; i < slots.length(); i++) {
            Sample s = slots.get(i);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** One exemplar: the correlation id, the observed value and when it was observed (epoch ms). */
    public record Sample(String traceId, long valueNanos, long timestampMillis, long offeredAtNanos) {
        public double valueSeconds() {
            return valueNanos / 1e9;
        }
    }
}
