package io.microai.shared.scrape;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The last N successful scrapes of each target (a ring buffer: memory is N × targets × one
 * exposition, whatever the run time), plus each target's latest result and latest error.
 *
 * <p>Rates need two scrapes {@code window} apart; sparklines need the same figure at earlier
 * instants. Both are answered from here by {@link #window} and {@link #sparkline}. Thread-safe: a
 * scrape loop records while a renderer or HTTP handler reads.
 */
public final class History {
    private final int capacity;
    private final Map<String, Ring> rings = new LinkedHashMap<>();

    /** @param capacityPerTarget scrapes kept per target; e.g. 5 min of history at 2 s needs 151 */
    public History(int capacityPerTarget) {
        if (capacityPerTarget < 2) {
            throw new IllegalArgumentException("a rate needs at least 2 scrapes per target");
        }
        this.capacity = capacityPerTarget;
    }

    public int capacity() {
        return capacity;
    }

    public synchronized void record(ScrapeResult result) {
        Ring ring = rings.computeIfAbsent(result.target(), t -> new Ring());
        ring.last = result;
        if (result instanceof ScrapeResult.Success s) {
            if (ring.scrapes.size() == capacity) {
                ring.scrapes.removeFirst();
            }
            ring.scrapes.addLast(s.scrape());
        } else if (result instanceof ScrapeResult.Failure f) {
            ring.lastError = f.error();
            ring.lastErrorMillis = f.epochMillis();
        }
    }

    public void recordAll(Collection<ScrapeResult> results) {
        for (ScrapeResult r : results) {
            record(r);
        }
    }

    /** Targets in the order first seen. */
    public synchronized List<String> targets() {
        return List.copyOf(rings.keySet());
    }

    /** Successful scrapes of a target, oldest first. */
    public synchronized List<Scrape> scrapes(String target) {
        Ring ring = rings.get(target);
        return ring == null ? List.of() : List.copyOf(ring.scrapes);
    }

    public synchronized ScrapeResult last(String target) {
        Ring ring = rings.get(target);
        return ring == null ? null : ring.last;
    }

    /** The window ending at each target's latest result: what "now" looks like. */
    public synchronized Window window(Duration window) {
        long newest = Long.MIN_VALUE;
        long newestMillis = 0;
        for (Ring ring : rings.values()) {
            if (ring.last != null && ring.last.startedNanos() > newest) {
                newest = ring.last.startedNanos();
                newestMillis = ring.last.epochMillis();
            }
        }
        Map<String, TargetState> states = new LinkedHashMap<>();
        rings.forEach((target, ring) -> {
            Scrape later = ring.last instanceof ScrapeResult.Success s ? s.scrape() : null;
            Scrape earlier = later == null ? null : closestBefore(ring, later, window);
            states.put(target, new TargetState(target, ring.last, earlier, later, ring.lastError, ring.lastErrorMillis));
        });
        return new Window(window, newest == Long.MIN_VALUE ? System.nanoTime() : newest, newestMillis, states);
    }

    /**
     * The window as it was at {@code atNanos}: per target the newest scrape no later than
     * {@code atNanos + tolerance} (targets of one round are scraped a few ms apart, and a sparkline
     * column must not lose a target to that jitter). Historical failures are not kept, so a target
     * is "up" at a past instant exactly when it has a scrape there.
     */
    public synchronized Window windowAt(Duration window, long atNanos, Duration tolerance) {
        long limit = atNanos + tolerance.toNanos();
        Map<String, TargetState> states = new LinkedHashMap<>();
        long atMillis = 0;
        for (Map.Entry<String, Ring> e : rings.entrySet()) {
            Ring ring = e.getValue();
            Scrape later = null;
            for (Iterator<Scrape> it = ring.scrapes.descendingIterator(); it.hasNext(); ) {
                Scrape s = it.next();
                if (s.nanos() - limit <= 0) {
                    later = s;
                    break;
                }
            }
            if (later != null && ring.last instanceof ScrapeResult.Failure f && f.startedNanos() - limit <= 0
                    && f.startedNanos() - later.nanos() > 0) {
                later = null; // the newest attempt before that instant failed: down then
            }
            Scrape earlier = later == null ? null : closestBefore(ring, later, window);
            ScrapeResult last = later != null ? new ScrapeResult.Success(later, Duration.ZERO) : null;
            if (later != null) {
                atMillis = Math.max(atMillis, later.epochMillis());
            }
            states.put(e.getKey(), new TargetState(e.getKey(), last, earlier, later, null, null));
        }
        return new Window(window, atNanos, atMillis, states);
    }

    /**
     * The last {@code k} values of a figure, oldest first, one per {@code step} back from the newest
     * result; NaN where it cannot be computed. {@code figure} gets a window of length {@code window}
     * (pass {@code step} for "per interval" sparklines).
     */
    public double[] sparkline(int k, Duration step, Duration window, ToDoubleFunction<Window> figure) {
        long newest;
        synchronized (this) {
            newest = Long.MIN_VALUE;
            for (Ring ring : rings.values()) {
                if (!ring.scrapes.isEmpty()) {
                    newest = Math.max(newest, ring.scrapes.peekLast().nanos());
                }
            }
        }
        double[] out = new double[k];
        java.util.Arrays.fill(out, Double.NaN);
        if (newest == Long.MIN_VALUE) {
            return out;
        }
        Duration tolerance = step.dividedBy(2);
        for (int i = 0; i < k; i++) {
            Window w = windowAt(window, newest - i * step.toNanos(), tolerance);
            out[k - 1 - i] = figure.applyAsDouble(w);
        }
        return out;
    }

    /**
     * The scrape older than {@code later} whose time is closest to {@code later − window}. When the
     * ring does not reach back that far the oldest one is used: the rate covers a shorter stretch,
     * but {@link Span#seconds()} is exact, so it is still a correct rate.
     */
    private static Scrape closestBefore(Ring ring, Scrape later, Duration window) {
        long target = later.nanos() - window.toNanos();
        Scrape best = null;
        long bestDistance = Long.MAX_VALUE;
        for (Scrape s : ring.scrapes) {
            if (s.nanos() - later.nanos() >= 0) {
                break; // ring is in time order; only strictly older scrapes qualify
            }
            long d = Math.abs(s.nanos() - target);
            if (d < bestDistance) {
                bestDistance = d;
                best = s;
            }
        }
        return best;
    }

    private static final class Ring {
        final ArrayDeque<Scrape> scrapes = new ArrayDeque<>();
        ScrapeResult last;
        String lastError;
        Long lastErrorMillis;
    }

    /** Defensive copy of all rings, e.g. to serialise a history. */
    public synchronized Map<String, List<Scrape>> snapshot() {
        Map<String, List<Scrape>> out = new LinkedHashMap<>();
        rings.forEach((t, r) -> out.put(t, new ArrayList<>(r.scrapes)));
        return out;
    }
}
