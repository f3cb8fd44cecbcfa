package io.microai.shared.scrape;

import java.util.Locale;

/** The type a {@code # TYPE} line declares; OpenMetrics-only types are kept so OM input parses. */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY, UNTYPED, GAUGEHISTOGRAM, INFO, STATESET;

    /** {@code unknown} is OpenMetrics' spelling of untyped; anything else unknown is a format error. */
    static MetricType parse(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.equals("unknown")) {
            return UNTYPED;
        }
        for (MetricType t : values()) {
            if (t.name().toLowerCase(Locale.ROOT).equals(w)) {
                return t;
            }
        }
        return null;
    }
}
