package io.microai.shared.scrape;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counter rates between two scrapes, PromQL-style: per series {@code Δ/Δt} with counter-reset
 * handling, then summed.
 *
 * <p>Deliberate differences from Prometheus' {@code rate()}:
 * <ul>
 *   <li>No extrapolation to the window edges: we have exactly two points and report what happened
 *       between them ({@code Δ/Δt} over the actual scrape times), which is the honest figure.</li>
 *   <li>A series absent from the earlier scrape counts from 0. Our metrics layer creates label
 *       children on first use (the first 500 of a path appears only when it happens), so ignoring
 *       such a series — as Prometheus does until its second sample — would hide exactly the first
 *       errors an operator is watching for.</li>
 * </ul>
 * A series present earlier but gone later is ignored (the target stopped exporting it).
 */
public final class Rates {
    private Rates() {
    }

    /** Counter increase with reset handling: a drop means the process restarted from 0, so Δ = after. */
    public static double increase(double before, double after) {
        if (Double.isNaN(before) || Double.isNaN(after)) {
            return Double.NaN;
        }
        return after >= before ? after - before : after;
    }

    /** Per-series increases of the selected counter between the span's scrapes, keyed by full label set. */
    public static Map<Labels, Double> increases(Span span, Selector selector) {
        Map<Labels, Double> before = new HashMap<>();
        for (Sample s : selector.select(span.earlier())) {
            before.put(s.labels(), s.value());
        }
        Map<Labels, Double> out = new LinkedHashMap<>();
        for (Sample s : selector.select(span.later())) {
            double d = increase(before.getOrDefault(s.labels(), 0.0), s.value());
            if (!Double.isNaN(d)) {
                out.merge(s.labels(), d, Double::sum);
            }
        }
        return out;
    }

    /** Per-series rates (per second), keyed by full label set; empty when Δt ≤ 0. */
    public static Map<Labels, Double> rates(Span span, Selector selector) {
        double seconds = span.seconds();
        Map<Labels, Double> out = increases(span, selector);
        if (!(seconds > 0)) {
            return Map.of();
        }
        out.replaceAll((k, v) -> v / seconds);
        return out;
    }

    /** {@code sum by (…) (rate(selector))} over several targets, each with its own span. */
    public static Map<Labels, Double> rateBy(Collection<Span> spans, Selector selector, String... by) {
        Map<Labels, Double> out = new LinkedHashMap<>();
        for (Span span : spans) {
            rates(span, selector).forEach((labels, r) -> out.merge(labels.only(by), r, Double::sum));
        }
        return out;
    }

    /** {@code sum(rate(selector))} over several targets; NaN when no target has the series. */
    public static double rate(Collection<Span> spans, Selector selector) {
        return Series.sum(rateBy(spans, selector));
    }

    /** {@code sum(rate(selector))} for one target. */
    public static double rate(Span span, Selector selector) {
        return Series.sum(rates(span, selector));
    }

    /** {@code sum(rate(selector))} from two scrapes of one target. */
    public static double rate(Scrape earlier, Scrape later, Selector selector) {
        return rate(new Span(earlier, later), selector);
    }
}
