package io.microai.gateway.cache;

import java.util.Objects;

/**
 * A value from {@link ResponseCache} and how it was obtained.
 *
 * @param outcome {@link Outcome#MISS} when this caller ran the loader; {@link Outcome#HIT} otherwise, including
 *                callers that waited for another caller's identical in-flight load
 */
public record CacheLookup(String value, Outcome outcome) {

    public enum Outcome { HIT, MISS }

    public CacheLookup {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(outcome, "outcome");
    }

    public boolean hit() {
        return outcome == Outcome.HIT;
    }
}
