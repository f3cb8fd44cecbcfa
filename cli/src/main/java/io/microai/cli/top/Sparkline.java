package io.microai.cli.top;

/**
 * Draws values as {@code ▁▂▃▄▅▆▇█}, newest on the right, one column per value; a value that cannot
 * be computed is a blank. With {@code ascii} (a terminal that cannot encode the blocks) the levels
 * are {@code _.-:=+*#}.
 */
final class Sparkline {
    static final String BLOCKS = "▁▂▃▄▅▆▇█";
    static final String ASCII = "_.-:=+*#";

    private Sparkline() {
    }

    /**
     * @param values oldest first; only the last {@code width} are drawn, right-aligned
     * @param fromZero scale 0..max (rates, latencies) instead of min..max (ratios)
     */
    static String draw(double[] values, int width, boolean fromZero, boolean ascii) {
        if (width <= 0 || values == null) {
            return "";
        }
        String levels = ascii ? ASCII : BLOCKS;
        int n = Math.min(width, values.length);
        int from = values.length - n;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = from; i < values.length; i++) {
            double v = values[i];
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (fromZero) {
            lo = Math.min(0, lo);
        }
        StringBuilder sb = new StringBuilder(width);
        for (int i = 0; i < width - n; i++) {
            sb.append(' ');
        }
        int top = levels.length() - 1;
        for (int i = from; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                sb.append(' ');
            } else if (!(hi > lo)) {
                // A flat line: at the bottom when it is zero (nothing happening), mid-height otherwise.
                sb.append(levels.charAt(hi == 0 || fromZero && hi <= 0 ? 0 : top / 2));
            } else {
                int level = (int) Math.round((v - lo) / (hi - lo) * top);
                sb.append(levels.charAt(Math.max(0, Math.min(top, level))));
            }
        }
        return sb.toString();
    }
}
