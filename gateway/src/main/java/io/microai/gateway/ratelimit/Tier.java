package io.microai.gateway.ratelimit;

import java.util.Objects;

/**
 * A rate-limit class of clients.
 *
 * @param name              label used in bucket keys and logs
 * @param requestsPerMinute sustained rate; values &le; 0 are treated as 1 so a bad setting never disables limiting
 * @param burst             bucket capacity; values &le; 0 are treated as 1
 */
public record Tier(String name, int requestsPerMinute, int burst) {

    public static final Tier ANONYMOUS = new Tier("anonymous", 10, 5);
    public static final Tier STANDARD = new Tier("standard", 60, 20);
    public static final Tier VERIFIED = new Tier("verified", 120, 50);

    public Tier {
        Objects.requireNonNull(name, "name");
        requestsPerMinute = Math.max(1, requestsPerMinute);
        burst = Math.max(1, burst);
    }
}
