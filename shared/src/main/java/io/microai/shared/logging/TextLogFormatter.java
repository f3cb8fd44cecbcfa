package io.microai.shared.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * {@link SimpleFormatter}'s default two-line format, character for character, with the date written once a second
 * rather than through a {@link java.util.Formatter} on every record: at one access line per request that date
 * was most of what a line cost. A record with a throwable is left to {@link SimpleFormatter} itself.
 */
public final class TextLogFormatter extends SimpleFormatter {
    /** The property {@link SimpleFormatter} reads its format from; only its default format is reproduced here. */
    static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    /** The part of the default format before the source: {@code %1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp }. */
    private static final String DATE_FORMAT = "%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp ";
    private static final String LINE = System.lineSeparator();

    /** The date text of one second in one zone and locale. */
    private record Stamp(long second, ZoneId zone, Locale locale, String text) {
    }

    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, null, null, "");

    /** Whether {@link SimpleFormatter} would use its default format, the only one this formatter writes. */
    public static boolean reproducesDefault() {
        return System.getProperty(FORMAT_PROPERTY) == null && LogManager.getLogManager().getProperty(FORMAT_PROPERTY) == null;
    }

    @Override
    public String format(LogRecord record) {
        if (record.getThrown() != null) {
            return super.format(record);
        }
        String source;
        if (record.getSourceClassName() != null) {
            source = record.getSourceMethodName() != null
                    ? record.getSourceClassName() + " " + record.getSourceMethodName()
                    : record.getSourceClassName();
        } else {
            source = record.getLoggerName();
        }
        String message = formatMessage(record);
        return new StringBuilder(96 + message.length())
                .append(date(record.getInstant())).append(source).append(LINE)
                .append(record.getLevel().getLocalizedName()).append(": ").append(message).append(LINE)
                .toString();
    }

    private String date(Instant instant) {
        long second = instant.getEpochSecond();
        ZoneId zone = ZoneId.systemDefault();
        Locale locale = Locale.getDefault(Locale.Category.FORMAT);
        Stamp known = stamp;
        if (known.second() == second && zone.equals(known.zone()) && locale.equals(known.locale())) {
            return known.text();
        }
        // Nothing in the format is finer than a second, so the second's start formats the same as the instant.
        String text = String.format(locale, DATE_FORMAT, ZonedDateTime.ofInstant(Instant.ofEpochSecond(second), zone));
        stamp = new Stamp(second, zone, locale, text);
        return text;
    }
}
