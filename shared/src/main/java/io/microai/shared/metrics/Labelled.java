package io.microai.shared.metrics;

import io.prometheus.metrics.model.snapshots.Labels;

/**
 * Implemented by the Dropwizard metrics this layer creates, so the collector can recover the family
 * and label set of each registry entry without parsing its flat Dropwizard name.
 */
interface Labelled {
    MetricFamily<?> family();

    Labels labels();
}
