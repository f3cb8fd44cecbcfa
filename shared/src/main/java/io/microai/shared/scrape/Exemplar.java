package io.microai.shared.scrape;

/**
 * One OpenMetrics exemplar: an example observation attached to a sample, here a histogram bucket.
 *
 * @param sample          the sample's name, e.g. {@code gateway_request_duration_seconds_bucket}
 * @param labels          the sample's labels (the series, with {@code le})
 * @param traceId         the exemplar's {@code trace_id}: the request's correlation id
 * @param value           the observed value (seconds, for a duration)
 * @param timestampMillis when it was observed, if the exposition said
 */
public record Exemplar(String sample, Labels labels, String traceId, double value, Long timestampMillis) {
}
