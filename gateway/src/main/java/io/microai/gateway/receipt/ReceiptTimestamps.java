package io.microai.gateway.receipt;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * RFC 3339 UTC timestamps in the shape of Go's {@code RFC3339Nano}: fractional seconds with trailing zeros
 * trimmed and no dot at all on a whole second. {@link Instant#toString()} pads to 3, 6 or 9 digits instead,
 * which would make our receipts differ, for the same instant, from those of a Go implementation of the same
 * receipt format.
 */
public final class ReceiptTimestamps {

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private ReceiptTimestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
