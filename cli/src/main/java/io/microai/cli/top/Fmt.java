package io.microai.cli.top;

import java.util.Locale;

/** Number formats of the dashboard; a figure that cannot be computed is "–" (never NaN or 0). */
final class Fmt {
    static final String NONE = "–";

    private Fmt() {
    }

    /** A per-second rate: 0.25, 12.5, 1234, 12.3k. */
    static String rate(Double v) {
        if (v == null) {
            return NONE;
        }
        double a = Math.abs(v);
        if (a >= 100_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1000);
        }
        if (a >= 10_000) {
            return String.format(Locale.ROOT, "%.1fk", v / 1000);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /**
     * An amount of tokens: up to six significant decimals, so a price of 0.001 per request stays visible
     * (0.06, 0.000123, 12.5, 1234).
     */
    static String tokens(Double v) {
        if (v == null) {
            return NONE;
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A 0..1 ratio as a percentage; two decimals near 100 % (99.95 % is not 100 %) and near 0. */
    static String percent(Double ratio) {
        if (ratio == null) {
            return NONE;
        }
        double p = ratio * 100;
        if (p == 0 || p == 100) {
            return String.format(Locale.ROOT, "%.0f%%", p);
        }
        if (p > 99 || p < 1) {
            return String.format(Locale.ROOT, "%.2f%%", p);
        }
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    /** Seconds as 0.42ms, 3.1ms, 120ms, 1.25s. */
    static String seconds(Double s) {
        if (s == null) {
            return NONE;
        }
        double ms = s * 1000;
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.2fms", ms);
        }
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.1fms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0fms", ms);
        }
        return String.format(Locale.ROOT, "%.2fs", s);
    }

    /** A gauge such as in-flight requests. */
    static String count(Double v) {
        if (v == null) {
            return NONE;
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A duration option as written back: 500ms, 2s, 1m, 1m30s. */
    static String duration(java.time.Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms >= 60_000) {
            return ms / 60_000 + "m" + (ms % 60_000 % 1000 == 0 ? (ms % 60_000) / 1000 + "s" : (ms % 60_000) + "ms");
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** {@code http://127.0.0.1:3000/metrics} → {@code 127.0.0.1:3000/metrics}. */
    static String shortUrl(String url) {
        return url.replaceFirst("^https?://", "");
    }
}
