package io.microai.gateway.ratelimit;

/**
 * Result of one rate-limit check, carrying everything the HTTP layer needs for its headers.
 *
 * <p>These values describe the token bucket directly, rather than the RPM and the time until the bucket is
 * full, which would promise a client more back-to-back requests than it can make and make it wait longer
 * than it needs to:
 *
 * @param allowed            whether the request may proceed (a token was taken)
 * @param limit              the bucket capacity, i.e. the tier's <b>burst</b>: the most requests a client can
 *                           make back to back, which is what {@code X-RateLimit-Limit} should promise
 * @param remaining          whole tokens left after this decision (floor), never negative
 * @param resetEpochSeconds  unix second at which the bucket will be full again, rounded up so a client waiting
 *                           until then always finds it full; the current second if it is already full
 * @param retryAfterSeconds  when denied: seconds until <b>one</b> token is available, rounded up, at least 1;
 *                           0 when allowed
 */
public record RateLimitDecision(boolean allowed, int limit, int remaining, long resetEpochSeconds,
                                long retryAfterSeconds) {
}
