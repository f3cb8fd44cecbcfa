package io.microai.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TierTest {

    @Test
    void upstreamDefaults() {
        assertEquals(new Tier("anonymous", 10, 5), Tier.ANONYMOUS);
        assertEquals(new Tier("standard", 60, 20), Tier.STANDARD);
        assertEquals(new Tier("verified", 120, 50), Tier.VERIFIED);
    }

    @Test
    void nonPositiveValuesBecomeOne() {
        Tier t = new Tier("x", 0, -3);
        assertEquals(1, t.requestsPerMinute());
        assertEquals(1, t.burst());
    }
}
