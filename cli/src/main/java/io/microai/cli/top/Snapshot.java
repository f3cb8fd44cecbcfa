package io.microai.cli.top;

import io.microai.shared.scrape.StackFigures;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything one frame shows that comes from the targets: the figures over the selected window, the
 * sparkline values, the refresh interval, and (for {@code --debug-timing}) what the previous refresh
 * cost. Immutable; the renderer is a pure function of this, the view state and the screen size.
 *
 * @param scrapeMillis wall time of the last scrape round, or NaN
 * @param cpuMillis CPU time of the last compute+render on the UI thread, or NaN
 */
record Snapshot(StackFigures figures, Map<Spark, double[]> sparks, Duration interval, double scrapeMillis, double cpuMillis) {
    Snapshot {
        Map<Spark, double[]> copy = new EnumMap<>(Spark.class);
        if (sparks != null) {
            copy.putAll(sparks);
        }
        sparks = java.util.Collections.unmodifiableMap(copy);
    }

    static Snapshot of(StackFigures figures, Duration interval) {
        return new Snapshot(figures, Map.of(), interval, Double.NaN, Double.NaN);
    }

    double[] spark(Spark s) {
        double[] v = sparks.get(s);
        return v == null ? new double[0] : v;
    }

    Snapshot withCpuMillis(double cpu) {
        return new Snapshot(figures, sparks, interval, scrapeMillis, cpu);
    }
}
