package io.microai.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FakeClockTest {

    @Test
    void wallClockAndMonotonicReadingMoveTogetherOnlyWhenAdvanced() {
        FakeClock clock = new FakeClock(1_767_225_600_000L);
        assertEquals(0, clock.nanos());
        assertEquals(1_767_225_600_000L, clock.millis());
        assertEquals(clock.millis(), clock.millis(), "time stands still between advances");
        clock.advance(Duration.ofMillis(1_500).plusNanos(7));
        assertEquals(1_500_000_007L, clock.nanos());
        assertEquals(1_767_225_601_500L, clock.millis());
        assertEquals(1_767_225_601L, clock.epochSecond());
        assertEquals(Instant.ofEpochMilli(1_767_225_601_500L).plusNanos(7), clock.instant());
    }

    @Test
    void theDefaultStartIsTheEpoch() {
        FakeClock clock = new FakeClock();
        clock.advance(Duration.ofSeconds(3));
        assertEquals(3_000, clock.millis());
        assertEquals(Duration.ofSeconds(3).toNanos(), clock.nanos());
    }
}
