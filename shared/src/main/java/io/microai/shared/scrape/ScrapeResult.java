package io.microai.shared.scrape;

import java.time.Duration;

/**
 * The outcome of one scrape attempt. A failure is data, not an exception: a dashboard watching five
 * targets must keep drawing when one is down, and shows {@link Failure#error()} next to it.
 */
public sealed interface ScrapeResult {
    String target();

    /** Wall-clock time from sending the request to having parsed (or given up on) the answer. */
    Duration duration();

    /** {@link System#nanoTime()} when the attempt started; orders results of one target. */
    long startedNanos();

    long epochMillis();

    default boolean ok() {
        return this instanceof Success;
    }

    record Success(Scrape scrape, Duration duration) implements ScrapeResult {
        @Override
        public String target() {
            return scrape.target();
        }

        @Override
        public long startedNanos() {
            return scrape.nanos();
        }

        @Override
        public long epochMillis() {
            return scrape.epochMillis();
        }
    }

    /** @param error short, single-line, human-readable ("connection refused", "HTTP 503", "line 3: …") */
    record Failure(String target, String error, Duration duration, long startedNanos, long epochMillis) implements ScrapeResult {
    }
}
