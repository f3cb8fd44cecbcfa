package io.microai.shared.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the Dropwizard registry into Prometheus snapshots. Families created through {@link Metrics}
 * carry their own labels and become counters, gauges and classic histograms; plain Dropwizard
 * counters, meters and numeric gauges registered by other code are exported unlabelled under their
 * sanitised names. Dropwizard's sampling Histogram and Timer are left out: they cannot be turned into
 * buckets, and a summary of a decaying sample would mislead.
 */
final class DropwizardCollector implements MultiCollector {
    private static final Logger LOG = Logger.getLogger(DropwizardCollector.class.getName());

    private final MetricRegistry registry;
    private final Consumer<String> onCallbackError;
    private final Set<String> reportedFailures = ConcurrentHashMap.newKeySet();

    DropwizardCollector(MetricRegistry registry, Consumer<String> onCallbackError) {
        this.registry = registry;
        this.onCallbackError = onCallbackError;
    }

    @Override
    public MetricSnapshots collect() {
        Map<MetricFamily<?>, List<Labelled>> labelled = new LinkedHashMap<>();
        List<MetricSnapshot> snapshots = new ArrayList<>();
        for (Map.Entry<String, Metric> entry : registry.getMetrics().entrySet()) {
            Metric metric = entry.getValue();
            if (metric instanceof Labelled l) {
                labelled.computeIfAbsent(l.family(), f -> new ArrayList<>()).add(l);
            } else {
                MetricSnapshot plain = plain(entry.getKey(), metric);
                if (plain != null) {
                    snapshots.add(plain);
                }
            }
        }
        // Gauges first: a failing callback increments an error counter, which must be read after it.
        for (boolean gauges : new boolean[] {true, false}) {
            for (Map.Entry<MetricFamily<?>, List<Labelled>> family : labelled.entrySet()) {
                boolean isGauge = !(family.getKey() instanceof CounterFamily || family.getKey() instanceof HistogramFamily);
                if (isGauge == gauges) {
                    MetricSnapshot snapshot = snapshot(family.getKey(), family.getValue());
                    if (snapshot != null) {
                        snapshots.add(snapshot);
                    }
                }
            }
        }
        return new MetricSnapshots(snapshots);
    }

    private MetricSnapshot snapshot(MetricFamily<?> family, List<Labelled> children) {
        if (family instanceof CounterFamily) {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(stripTotal(family.name())).help(family.help());
            for (Labelled child : children) {
                b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(child.labels()).value(((Counter) child).getCount()).build());
            }
            return b.build();
        }
        if (family instanceof HistogramFamily) {
            HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(family.name()).help(family.help());
            for (Labelled child : children) {
                BucketedHistogram histogram = (BucketedHistogram) child;
                BucketedHistogram.Reading r = histogram.read();
                double[] bounds = new double[r.boundsSeconds().length + 1];
                System.arraycopy(r.boundsSeconds(), 0, bounds, 0, r.boundsSeconds().length);
                bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
                b.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .labels(child.labels())
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, r.counts()))
                        .sum(r.sumSeconds())
                        .exemplars(exemplars(histogram))
                        .build());
            }
            return b.build();
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(family.name()).help(family.help());
        int points = 0;
        for (Labelled child : children) {
            Double value = gaugeValue(family.name(), (Gauge<?>) child);
            if (value != null) {
                b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(child.labels()).value(value).build());
                points++;
            }
        }
        return points == 0 ? null : b.build();
    }

    /**
     * The histogram's exemplars as client_java's model. Only the OpenMetrics writer prints them (each
     * on the bucket its value falls in); the 0.0.4 text format has no place for them.
     */
    private static Exemplars exemplars(BucketedHistogram histogram) {
        List<ExemplarSlots.Sample> held = histogram.exemplars();
        if (held.isEmpty()) {
            return Exemplars.EMPTY;
        }
        List<Exemplar> out = new ArrayList<>(held.size());
        for (ExemplarSlots.Sample s : held) {
            out.add(Exemplar.builder().value(s.valueSeconds()).traceId(s.traceId()).timestampMillis(s.timestampMillis()).build());
        }
        return Exemplars.of(out);
    }

    private MetricSnapshot plain(String dropwizardName, Metric metric) {
        String name = PrometheusNaming.sanitizeMetricName(dropwizardName);
        String help = "Dropwizard metric " + dropwizardName;
        if (metric instanceof Counter c) {
            if (c.getCount() < 0) {
                return gauge(name, help, c.getCount());
            }
            return counter(name, help, c.getCount());
        }
        if (metric instanceof Meter m) {
            return counter(name, help, m.getCount());
        }
        if (metric instanceof Gauge<?> g) {
            Double value = gaugeValue(name, g);
            return value == null ? null : gauge(name, help, value);
        }
        return null;
    }

    private static MetricSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(stripTotal(name)).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.EMPTY).value(value).build())
                .build();
    }

    private static MetricSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.EMPTY).value(value).build())
                .build();
    }

    /** Reads a gauge, isolating the scrape from an application callback that throws. */
    private Double gaugeValue(String familyName, Gauge<?> gauge) {
        Object value;
        try {
            value = gauge.getValue();
        } catch (RuntimeException e) {
            if (reportedFailures.add(familyName)) {
                LOG.log(Level.WARNING, "gauge " + familyName + " threw during a scrape; skipping it (logged once)", e);
            }
            onCallbackError.accept(familyName);
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean bool) {
            return bool ? 1.0 : 0.0;
        }
        return null;
    }

    private static String stripTotal(String name) {
        return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
    }
}
