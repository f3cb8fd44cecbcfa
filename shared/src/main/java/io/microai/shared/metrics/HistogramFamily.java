package io.microai.shared.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

/** A family of {@link BucketedHistogram}s sharing one bucket layout. */
public final class HistogramFamily extends MetricFamily<BucketedHistogram> {
    private final double[] boundsSeconds;

    HistogramFamily(String name, String help, double[] boundsSeconds, String[] labelNames, int maxChildren,
                    MetricRegistry registry, Runnable onOverflow) {
        super(name, help, labelNames, maxChildren, registry, onOverflow);
        this.boundsSeconds = Buckets.validated(boundsSeconds);
    }

    @Override
    BucketedHistogram create(Labels labels) {
        return new BucketedHistogram(this, labels, boundsSeconds);
    }
}
