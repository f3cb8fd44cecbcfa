package io.microai.shared.scrape;

/**
 * One exposition line: {@code name{labels} value [timestamp]}.
 *
 * @param timestampMillis the sample's own timestamp in Unix milliseconds, or {@code null} when the
 *     line has none (the usual case: the scrape time applies)
 */
public record Sample(String name, Labels labels, double value, Long timestampMillis) {
    public Sample {
        if (name == null || labels == null) {
            throw new IllegalArgumentException("name and labels are required");
        }
    }

    public Sample(String name, Labels labels, double value) {
        this(name, labels, value, null);
    }

    @Override
    public String toString() {
        return name + (labels.isEmpty() ? "" : labels.toString()) + " " + PromFloat.format(value)
                + (timestampMillis == null ? "" : " " + timestampMillis);
    }
}
