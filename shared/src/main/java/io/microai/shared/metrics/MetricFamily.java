package io.microai.shared.metrics;

import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One Prometheus metric family: a name, help text, fixed label names and a bounded set of children
 * (one Dropwizard metric per label set). Children are cached, so the hot path is a hash lookup with
 * no string building; callers that know their labels up front can also keep the child.
 *
 * <p>Past {@code maxChildren} label sets, new label sets fold into one child whose label values are
 * all {@value #OVERFLOW}: a bug or an attacker can cost one series, never memory without bound.
 */
public abstract class MetricFamily<C extends Metric> {
    public static final String OVERFLOW = "__overflow__";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final String name;
    private final String help;
    private final String[] labelNames;
    private final int maxChildren;
    private final MetricRegistry registry;
    private final Runnable onOverflow;
    private final ConcurrentHashMap<LabelValues, C> children = new ConcurrentHashMap<>();
    private final AtomicInteger admitted = new AtomicInteger();
    private volatile C overflowChild;

    MetricFamily(String name, String help, String[] labelNames, int maxChildren,
                 MetricRegistry registry, Runnable onOverflow) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name: " + name);
        }
        if (help == null || help.isBlank()) {
            throw new IllegalArgumentException("metric " + name + " needs help text");
        }
        for (String label : labelNames) {
            if (!LABEL.matcher(label).matches() || label.startsWith("__") || label.equals("le") || label.equals("quantile")) {
                throw new IllegalArgumentException("invalid label name for " + name + ": " + label);
            }
        }
        if (!(this instanceof CounterFamily) && name.endsWith("_total")) {
            throw new IllegalArgumentException("only counters end in _total: " + name);
        }
        if (maxChildren < 1) {
            throw new IllegalArgumentException("maxChildren must be positive");
        }
        this.name = name;
        this.help = help;
        this.labelNames = labelNames.clone();
        this.maxChildren = maxChildren;
        this.registry = registry;
        this.onOverflow = onOverflow;
    }

    public final String name() {
        return name;
    }

    public final String help() {
        return help;
    }

    public final int labelCount() {
        return labelNames.length;
    }

    /** Label sets admitted under the cap; the overflow child is not one of them. */
    public final int childCount() {
        return admitted.get();
    }

    /** The child for these label values, created on first use. */
    public final C labels(String... values) {
        if (values.length != labelNames.length) {
            throw new IllegalArgumentException(name + " expects " + labelNames.length + " label values, got " + values.length);
        }
        LabelValues key = new LabelValues(values);
        C child = children.get(key);
        if (child != null) {
            return child;
        }
        return admit(key);
    }

    private C admit(LabelValues key) {
        // The counter reserves a slot before creating, so concurrent first uses cannot overshoot the cap.
        if (admitted.incrementAndGet() > maxChildren) {
            admitted.decrementAndGet();
            C existing = children.get(key);
            if (existing != null) {
                return existing;
            }
            onOverflow.run();
            return overflow();
        }
        boolean[] created = {false};
        C child = children.computeIfAbsent(key.copy(), k -> {
            created[0] = true;
            return register(k.values());
        });
        if (!created[0]) {
            admitted.decrementAndGet();
        }
        return child;
    }

    private C overflow() {
        C child = overflowChild;
        if (child == null) {
            String[] values = new String[labelNames.length];
            Arrays.fill(values, OVERFLOW);
            // Shares the map with ordinary children, so a caller that already used "__overflow__" as a
            // real value before the cap gets the same child instead of a duplicate registration.
            child = children.computeIfAbsent(new LabelValues(values), k -> register(k.values()));
            overflowChild = child;
        }
        return child;
    }

    private C register(String[] values) {
        Labels labels = Labels.of(labelNames, values);
        C child = create(labels);
        registry.register(dropwizardName(labels), child);
        return child;
    }

    /** A readable, unique Dropwizard name, so JMX or console reporters still make sense. */
    private String dropwizardName(Labels labels) {
        if (labels.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(labels.getName(i)).append("=\"").append(labels.getValue(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }

    abstract C create(Labels labels);

    /** Label values as a map key; equality is by content. */
    private static final class LabelValues {
        private final String[] values;
        private final int hash;

        LabelValues(String[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        /** The caller's array may be reused by them, so the stored key owns a copy. */
        LabelValues copy() {
            return new LabelValues(values.clone());
        }

        String[] values() {
            return values;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LabelValues other && other.hash == hash && Arrays.equals(other.values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
