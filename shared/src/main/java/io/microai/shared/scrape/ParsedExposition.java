package io.microai.shared.scrape;

import java.util.List;
import java.util.Map;

/**
 * What {@link TextFormatParser} read: every sample in exposition order, and the family types the
 * {@code # TYPE} lines declared (keyed by the name on the TYPE line, which is {@code x_total} for a
 * 0.0.4 counter but {@code x} in OpenMetrics — {@link Scrape#typeOf} resolves both), and the
 * OpenMetrics exemplars, each with the sample it was attached to.
 */
public record ParsedExposition(List<Sample> samples, Map<String, MetricType> types, List<Exemplar> exemplars) {
    public ParsedExposition {
        samples = List.copyOf(samples);
        types = Map.copyOf(types);
        exemplars = List.copyOf(exemplars);
    }

    /** Without exemplars (the 0.0.4 text format has none). */
    public ParsedExposition(List<Sample> samples, Map<String, MetricType> types) {
        this(samples, types, List.of());
    }
}
