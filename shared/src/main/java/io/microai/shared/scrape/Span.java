package io.microai.shared.scrape;

/**
 * Two scrapes of the same target that bound a rate window. Only scrapes of one target may be paired:
 * counters of different processes have nothing to do with each other.
 */
public record Span(Scrape earlier, Scrape later) {
    public Span {
        if (earlier == null || later == null) {
            throw new IllegalArgumentException("a span needs two scrapes");
        }
        if (!earlier.target().equals(later.target())) {
            throw new IllegalArgumentException("scrapes of different targets: " + earlier.target() + ", " + later.target());
        }
    }

    /** Seconds between the two scrapes, on the monotonic clock; ≤ 0 makes every rate NaN. */
    public double seconds() {
        return (later.nanos() - earlier.nanos()) / 1e9;
    }

    public String target() {
        return later.target();
    }
}
