package io.microai.shared.scrape;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Aggregations over instant values (gauges, or anything read from the latest scrape): PromQL's
 * {@code sum} and {@code sum by (…)}, within one scrape or across several targets.
 *
 * <p>"No series" is NaN, not 0: a gauge that is missing (target of another kind, metric disabled)
 * must render as "–", not as a reassuring zero.
 */
public final class Series {
    private Series() {
    }

    /**
     * Sum of the values; NaN when there are none. NaN samples are skipped (PromQL would propagate
     * them): one failing callback gauge on one target should not blank a stack-wide figure.
     */
    public static double sum(Collection<Sample> samples) {
        double total = 0;
        boolean any = false;
        for (Sample s : samples) {
            if (!Double.isNaN(s.value())) {
                total += s.value();
                any = true;
            }
        }
        return any ? total : Double.NaN;
    }

    /** {@code sum(selector)} over several targets' scrapes (e.g. in-flight requests of all gateways). */
    public static double sum(Collection<Scrape> scrapes, Selector selector) {
        double total = 0;
        boolean any = false;
        for (Scrape scrape : scrapes) {
            double v = sum(selector.select(scrape));
            if (!Double.isNaN(v)) {
                total += v;
                any = true;
            }
        }
        return any ? total : Double.NaN;
    }

    /** {@code sum by (labels)}: keys hold only the {@code by} labels; an empty {@code by} is one group. */
    public static Map<Labels, Double> sumBy(Collection<Sample> samples, String... by) {
        Map<Labels, Double> out = new LinkedHashMap<>();
        for (Sample s : samples) {
            if (!Double.isNaN(s.value())) {
                out.merge(s.labels().only(by), s.value(), Double::sum);
            }
        }
        return out;
    }

    /** {@code sum by (labels)} across several targets' scrapes. */
    public static Map<Labels, Double> sumBy(Collection<Scrape> scrapes, Selector selector, String... by) {
        Map<Labels, Double> out = new LinkedHashMap<>();
        for (Scrape scrape : scrapes) {
            sumBy(selector.select(scrape), by).forEach((k, v) -> out.merge(k, v, Double::sum));
        }
        return out;
    }

    /** Re-aggregates an already keyed vector, e.g. per-(path, le) rates to per-le. */
    public static Map<Labels, Double> sumBy(Map<Labels, Double> vector, String... by) {
        Map<Labels, Double> out = new LinkedHashMap<>();
        vector.forEach((k, v) -> out.merge(k.only(by), v, Double::sum));
        return out;
    }

    /** Sum of a keyed vector; NaN when empty. */
    public static double sum(Map<Labels, Double> vector) {
        return vector.isEmpty() ? Double.NaN : vector.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
