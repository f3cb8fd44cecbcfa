package io.microai.shared.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void durationsAreWrittenExactlyAsFormatWritesThemWithOneDecimal() {
        double[] edges = {0, -0.0, 0.04, 0.05, 0.15, 0.25, 0.35, 0.45, 1.05, 1.45, 2.675, 9.95, 99.95, 0.01, 1e7,
                123456.75, 1e-7, 5e-324, Double.MAX_VALUE, -1.25, Double.NaN, Double.POSITIVE_INFINITY};
        for (double d : edges) {
            assertEquals(String.format(Locale.ROOT, "%.1f", d), AccessLog.oneDecimal(d), Double.toString(d));
        }
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            // The access line's durations: nanoseconds rounded to hundredths of a millisecond.
            double ms = Math.round(random.nextInt(1_000_000_000) / 1e4) / 100.0;
            assertEquals(String.format(Locale.ROOT, "%.1f", ms), AccessLog.oneDecimal(ms), Double.toString(ms));
            double any = random.nextDouble() * Math.pow(10, random.nextInt(12) - 4);
            assertEquals(String.format(Locale.ROOT, "%.1f", any), AccessLog.oneDecimal(any), Double.toString(any));
        }
    }
}
