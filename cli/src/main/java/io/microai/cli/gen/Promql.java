package io.microai.cli.gen;

import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.api.SettlementLabels;
import io.microai.shared.api.StreamLabels;
import io.microai.shared.scrape.PaymentFigures;

/** PromQL fragments the rules and the dashboard share, so both read the metrics the same way. */
final class Promql {
    /** The paid and receipt API: what users call, hence what the availability SLO covers. */
    static final String API_PATHS = "path=~\"/api/.+\"";
    static final String SERVER_ERRORS = "status=~\"5..\"";
    /** A payment that passed every check, so its request went on. */
    static final String PAYMENT_VERIFIED = "outcome=\"" + PaymentFigures.VERIFIED + "\"";

    /** A settlement that moved the funds. */
    static final String SETTLED = "outcome=\"" + SettlementLabels.SETTLED + "\"";

    /** A stream that ended any other way than with every chunk and its {@code done} event. */
    static final String STREAM_NOT_COMPLETED = "outcome!=\"" + StreamLabels.COMPLETED + "\"";

    private Promql() {
    }

    /** {@code sum by (labels) (rate(metric{selector}[window]))}; an empty {@code by} sums everything. */
    static String sumRate(String by, String metric, String selector, String window) {
        String series = selector.isEmpty() ? metric : metric + "{" + selector + "}";
        String aggregation = by.isEmpty() ? "sum(" : "sum by (" + by + ") (";
        return aggregation + "rate(" + series + "[" + window + "]))";
    }

    /**
     * Share of {@code metric{selector}} series that also match {@code part}. The gateway creates a
     * status series only once it is seen, so before the first 5xx the numerator would be missing and
     * the ratio absent; {@code or … * 0} makes it 0 instead.
     */
    static String ratio(String by, String metric, String selector, String part, String window) {
        String whole = sumRate(by, metric, selector, window);
        String matching = sumRate(by, metric, selector.isEmpty() ? part : selector + ", " + part, window);
        return "(" + matching + " or " + whole + " * 0)\n/\n" + whole;
    }

    /** Cache hits over hits plus misses. */
    static String cacheHitRatio(String by, String window) {
        String hits = sumRate(by, GatewayFamilies.CACHE_HITS, "", window);
        String misses = sumRate(by, GatewayFamilies.CACHE_MISSES, "", window);
        return hits + "\n/\n(" + hits + " + " + misses + ")";
    }

    /**
     * Revenue per minute in whole tokens: the settled atomic units per second, times 60, over 10 to the
     * token's decimals (every gateway of a deployment is paid in the same token).
     */
    static String revenuePerMinute(String by, String window) {
        return sumRate(by, GatewayFamilies.SETTLED_AMOUNT, "", window) + " * 60\n/ scalar(10 ^ max("
                + GatewayFamilies.PAYMENT_ASSET_DECIMALS + "))";
    }

    static String quantile(String q, String by, String histogram, String selector, String window) {
        String groups = by.isEmpty() ? "le" : by + ", le";
        return "histogram_quantile(" + q + ", " + sumRate(groups, histogram + "_bucket", selector, window) + ")";
    }
}
