package io.microai.shared.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void durationsAreWrittenAsPercentPointOneFWouldWriteThem() {
        // Durations arrive rounded to hundredths of a millisecond; every one up to 2 s, halves included.
        for (long hundredths = 0; hundredths <= 200_000; hundredths++) {
            double ms = hundredths / 100.0;
            assertEquals(String.format(Locale.ROOT, "%.1f", ms), AccessLog.appendTenths(new StringBuilder(), ms).toString(),
                    () -> "duration " + ms);
        }
    }

    @Test
    void durationsBeyondTheFastRangeOrBetweenHundredthsStillMatchTheFormatter() {
        for (double ms : new double[] {1e9, 3.14159, 0.049999, 0.05000001, 12345678.95, -1.25}) {
            assertEquals(String.format(Locale.ROOT, "%.1f", ms), AccessLog.appendTenths(new StringBuilder(), ms).toString(),
                    () -> "duration " + ms);
        }
    }
}
