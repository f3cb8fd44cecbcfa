package io.microai.shared.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The metrics layer: instrumentation talks to a Dropwizard {@link MetricRegistry} through typed,
 * labelled families; {@link DropwizardCollector} turns that registry into Prometheus snapshots in a
 * client_java {@link PrometheusRegistry}, next to the standard {@code jvm_*}/{@code process_*}
 * families, and {@link MetricsHandler} serves it.
 *
 * <pre>
 * metrics.counter("gateway_requests_total", "Total HTTP requests", "method", "path", "status")
 *        .labels("POST", "/api/ai/summarize", "200").inc();
 * </pre>
 */
public final class Metrics {
    public static final int DEFAULT_MAX_CHILDREN = 500;

    private final MetricRegistry dropwizard = new MetricRegistry();
    private final PrometheusRegistry prometheus = new PrometheusRegistry();
    /** Every exposed sample name each family uses, so two families can never render the same name. */
    private final ConcurrentHashMap<String, String> sampleNames = new ConcurrentHashMap<>();
    private final CounterFamily labelOverflows;
    private final CounterFamily callbackErrors;

    /** A registry with the JVM and process families, as a service exposes it. */
    public static Metrics withJvmMetrics() {
        Metrics metrics = new Metrics();
        JvmMetrics.builder().register(metrics.prometheus);
        return metrics;
    }

    /** A registry with only the application's own families (tests, benchmarks). */
    public Metrics() {
        labelOverflows = add(new CounterFamily("metrics_label_overflow_total",
                "Label sets folded into the __overflow__ child because a family reached its child cap",
                new String[] {"family"}, 10_000, dropwizard, () -> { }));
        callbackErrors = add(new CounterFamily("metrics_collect_errors_total",
                "Gauge callbacks that threw during a scrape and were skipped",
                new String[] {"family"}, 10_000, dropwizard, () -> { }));
        prometheus.register(new DropwizardCollector(dropwizard, this::callbackFailed));
    }

    public CounterFamily counter(String name, String help, String... labelNames) {
        return add(new CounterFamily(name, help, labelNames, DEFAULT_MAX_CHILDREN, dropwizard, overflowCounter(name)));
    }

    public GaugeFamily gauge(String name, String help, String... labelNames) {
        return add(new GaugeFamily(name, help, labelNames, DEFAULT_MAX_CHILDREN, dropwizard, overflowCounter(name)));
    }

    public HistogramFamily histogram(String name, String help, double[] bucketsSeconds, String... labelNames) {
        return histogram(name, help, bucketsSeconds, DEFAULT_MAX_CHILDREN, labelNames);
    }

    public HistogramFamily histogram(String name, String help, double[] bucketsSeconds, int maxChildren, String... labelNames) {
        return add(new HistogramFamily(name, help, bucketsSeconds, labelNames, maxChildren, dropwizard, overflowCounter(name)));
    }

    /** A family whose children are capped at {@code maxChildren} instead of the default. */
    public CounterFamily counter(String name, String help, int maxChildren, String... labelNames) {
        return add(new CounterFamily(name, help, labelNames, maxChildren, dropwizard, overflowCounter(name)));
    }

    /** A gauge read at scrape time; if the supplier throws, that scrape skips it and counts the error. */
    public void gaugeCallback(String name, String help, DoubleSupplier supplier) {
        add(new CallbackGaugeFamily(name, help, supplier, dropwizard)).labels();
        // The error series exists from the start, so the first failing scrape already shows it.
        callbackErrors.labels(name);
    }

    public MetricRegistry dropwizard() {
        return dropwizard;
    }

    public PrometheusRegistry prometheus() {
        return prometheus;
    }

    private Runnable overflowCounter(String familyName) {
        // Resolved lazily: the overflow path is rare and the counter child is cached after first use.
        return () -> labelOverflows.labels(familyName).inc();
    }

    private void callbackFailed(String familyName) {
        callbackErrors.labels(familyName).inc();
    }

    private synchronized <F extends MetricFamily<?>> F add(F family) {
        List<String> names = sampleNamesOf(family);
        for (String name : names) {
            String owner = sampleNames.get(name);
            if (owner != null) {
                throw new IllegalArgumentException("metric family " + family.name() + " clashes with " + owner + " on " + name);
            }
        }
        for (String name : names) {
            sampleNames.put(name, family.name());
        }
        return family;
    }

    /** A counter {@code x_total} is family {@code x} in Prometheus; a histogram {@code x} owns x_bucket/_sum/_count. */
    private static List<String> sampleNamesOf(MetricFamily<?> family) {
        String name = family.name();
        if (family instanceof CounterFamily) {
            String base = name.substring(0, name.length() - "_total".length());
            return List.of(base, name, base + "_created");
        }
        if (family instanceof HistogramFamily) {
            return List.of(name, name + "_bucket", name + "_sum", name + "_count", name + "_created");
        }
        return List.of(name);
    }
}
