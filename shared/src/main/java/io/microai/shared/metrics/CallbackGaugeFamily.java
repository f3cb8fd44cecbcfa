package io.microai.shared.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

/** The family of one unlabelled callback gauge; it exists so the collector sees name and help. */
final class CallbackGaugeFamily extends MetricFamily<CallbackGauge> {
    private final java.util.function.DoubleSupplier supplier;

    CallbackGaugeFamily(String name, String help, java.util.function.DoubleSupplier supplier, MetricRegistry registry) {
        super(name, help, new String[0], 1, registry, () -> { });
        this.supplier = supplier;
    }

    @Override
    CallbackGauge create(Labels labels) {
        return new CallbackGauge(this, supplier);
    }
}
