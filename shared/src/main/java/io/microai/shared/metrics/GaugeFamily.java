package io.microai.shared.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.concurrent.atomic.LongAdder;

/** A family of up/down values (in-flight requests, queue depths), exported as Prometheus gauges. */
public final class GaugeFamily extends MetricFamily<GaugeFamily.Child> {

    GaugeFamily(String name, String help, String[] labelNames, int maxChildren, MetricRegistry registry, Runnable onOverflow) {
        super(name, help, labelNames, maxChildren, registry, onOverflow);
    }

    @Override
    Child create(Labels labels) {
        return new Child(this, labels);
    }

    /** A Dropwizard gauge backed by a LongAdder, so inc/dec from many threads do not contend. */
    public static final class Child implements Gauge<Long>, Labelled {
        private final GaugeFamily family;
        private final Labels labels;
        private final LongAdder value = new LongAdder();

        Child(GaugeFamily family, Labels labels) {
            this.family = family;
            this.labels = labels;
        }

        public void inc() {
            value.increment();
        }

        public void dec() {
            value.decrement();
        }

        public void add(long delta) {
            value.add(delta);
        }

        public void set(long newValue) {
            // Not atomic with concurrent inc/dec; set() is meant for values owned by one writer.
            value.reset();
            value.add(newValue);
        }

        @Override
        public Long getValue() {
            return value.sum();
        }

        @Override
        public MetricFamily<?> family() {
            return family;
        }

        @Override
        public Labels labels() {
            return labels;
        }
    }
}
