package io.microai.shared.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

/** A family of monotonic counters; the name ends in {@code _total} as Prometheus expects. */
public final class CounterFamily extends MetricFamily<CounterFamily.Child> {

    CounterFamily(String name, String help, String[] labelNames, int maxChildren, MetricRegistry registry, Runnable onOverflow) {
        super(requireTotal(name), help, labelNames, maxChildren, registry, onOverflow);
    }

    private static String requireTotal(String name) {
        if (!name.endsWith("_total") || name.length() <= "_total".length()) {
            throw new IllegalArgumentException("counter names end in _total: " + name);
        }
        return name;
    }

    @Override
    Child create(Labels labels) {
        return new Child(this, labels);
    }

    /**
     * A Dropwizard counter that refuses to go down: a negative counter would break {@code rate()} and
     * make client_java reject the whole scrape.
     */
    public static final class Child extends com.codahale.metrics.Counter implements Labelled {
        private final CounterFamily family;
        private final Labels labels;

        Child(CounterFamily family, Labels labels) {
            this.family = family;
            this.labels = labels;
        }

        @Override
        public void inc(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("counters only go up");
            }
            super.inc(n);
        }

        @Override
        public void dec() {
            throw new UnsupportedOperationException("counters only go up; use a gauge");
        }

        @Override
        public void dec(long n) {
            throw new UnsupportedOperationException("counters only go up; use a gauge");
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
