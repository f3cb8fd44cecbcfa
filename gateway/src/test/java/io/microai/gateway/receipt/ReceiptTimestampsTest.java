package io.microai.gateway.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiptTimestampsTest {

    @Test
    void wholeSecondHasNoFraction() {
        assertEquals("2025-01-02T03:04:05Z", ReceiptTimestamps.format(Instant.parse("2025-01-02T03:04:05Z")));
    }

    @Test
    void trailingZerosOfTheFractionAreTrimmedLikeGoRfc3339Nano() {
        assertEquals("2025-01-02T03:04:05.1Z", ReceiptTimestamps.format(Instant.parse("2025-01-02T03:04:05.100Z")));
        assertEquals("2025-01-02T03:04:05.1234Z",
                ReceiptTimestamps.format(Instant.parse("2025-01-02T03:04:05.123400Z")));
    }

    @Test
    void nanosecondPrecisionIsKept() {
        assertEquals("2025-01-02T03:04:05.000000001Z",
                ReceiptTimestamps.format(Instant.parse("2025-01-02T03:04:05.000000001Z")));
    }
}
