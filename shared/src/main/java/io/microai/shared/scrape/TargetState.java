package io.microai.shared.scrape;

/**
 * What a {@link Window} knows about one target.
 *
 * @param last the newest scrape result at the window's instant (null before the first attempt)
 * @param earlier the scrape closest to {@code later − window}; null with fewer than two scrapes
 * @param later the newest successful scrape; null when the target is down (stale numbers from a dead
 *     target would look alive)
 * @param lastError the most recent failure message ever seen for the target, even if it is up again
 *     (null if it never failed); {@code lastErrorMillis} is when
 */
public record TargetState(String target, ScrapeResult last, Scrape earlier, Scrape later, String lastError, Long lastErrorMillis) {

    public boolean up() {
        return last != null && last.ok();
    }

    /** The rate window, or null when rates cannot be computed (down, or only one scrape so far). */
    public Span span() {
        return earlier != null && later != null ? new Span(earlier, later) : null;
    }
}
