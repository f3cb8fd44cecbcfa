package io.microai.shared.scrape;

import java.util.Collection;

/**
 * The null conventions of the figure records in one place: a figure that cannot be computed is
 * {@code null} (JSON {@code null}, "–" on screen), never NaN (not valid JSON) and never an exception.
 */
final class Figures {
    private Figures() {
    }

    /** null for NaN and ±Inf. */
    static Double num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    /**
     * {@code part / whole}; null when the whole is unknown or zero (no traffic has no error ratio).
     * A missing part with a known whole is 0: our counters are created lazily, so "no 5xx series"
     * means "no 5xx yet".
     */
    static Double ratio(double part, double whole) {
        if (Double.isNaN(whole) || whole == 0) {
            return null;
        }
        return num((Double.isNaN(part) ? 0 : part) / whole);
    }

    /**
     * A counter rate that is 0 rather than unknown when the targets could be rated but never exported
     * the series (nothing was counted yet); null when no target has two scrapes.
     */
    static double rateOrZero(Collection<Span> spans, Selector selector) {
        if (spans.isEmpty()) {
            return Double.NaN;
        }
        double r = Rates.rate(spans, selector);
        return Double.isNaN(r) ? 0 : r;
    }

    static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
