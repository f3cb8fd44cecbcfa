package io.microai.shared.scrape;

/**
 * Sample values and {@code le}/{@code quantile} bounds in Go {@code strconv.ParseFloat} syntax, which
 * is what the text format specifies. {@link Double#parseDouble} alone is wrong in both directions: it
 * rejects {@code Inf}/{@code +Inf} and accepts Java-only forms such as {@code 1d}, {@code 1f} and
 * surrounding whitespace.
 */
public final class PromFloat {
    private PromFloat() {
    }

    /** The value; {@link NumberFormatException} when {@code s} is not Go float syntax. */
    public static double parse(String s) {
        double v = tryParse(s);
        if (Double.isNaN(v) && !isNaNLiteral(s)) {
            throw new NumberFormatException("not a float: \"" + s + "\"");
        }
        return v;
    }

    public static boolean isValid(String s) {
        return !Double.isNaN(tryParse(s)) || isNaNLiteral(s);
    }

    /** NaN for anything unparseable, so hot paths (label comparison) need no exception handling. */
    static double tryParse(String s) {
        int n = s.length();
        if (n == 0) {
            return Double.NaN;
        }
        int i = 0;
        char sign = s.charAt(0);
        if (sign == '+' || sign == '-') {
            i = 1;
        }
        String body = s.substring(i);
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
            return sign == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (body.equalsIgnoreCase("nan")) {
            return Double.NaN; // valid only unsigned: see isNaNLiteral
        }
        if (body.isEmpty()) {
            return Double.NaN;
        }
        char last = s.charAt(n - 1);
        // Java's type suffixes and whitespace are not Go syntax; Java's "Infinity"/"NaN" are handled above.
        if (last == 'd' || last == 'D' || last == 'f' || last == 'F' || Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(last) || Character.isLetter(body.charAt(0))) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Go accepts a sign before "Inf" but not before "NaN". */
    private static boolean isNaNLiteral(String s) {
        return s.equalsIgnoreCase("nan");
    }

    /**
     * Prometheus' own rendering ({@code +Inf}, {@code -Inf}, {@code NaN}, shortest round-trip decimal)
     * so label values built here look like the ones servers write.
     */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
