package io.microai.shared.scrape;

import java.util.List;
import java.util.Map;

/**
 * What {@link TextFormatParser} read: every sample in exposition order, and the family types the
 * {@code # TYPE} lines declared (keyed by the name on the TYPE line, which is {@code x_total} for a
 * 0.0.4 counter but {@code x} in OpenMetrics — {@link Scrape#typeOf} resolves both).
 */
public record ParsedExposition(List<Sample> samples, Map<String, MetricType> types) {
    public ParsedExposition {
        samples = List.copyOf(samples);
        types = Map.copyOf(types);
    }
}
