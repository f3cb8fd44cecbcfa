package io.microai.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations as operators write them (and Prometheus reads them): {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern SYNTAX = Pattern.compile("(?:([0-9]{1,9})h)?(?:([0-9]{1,9})m)?(?:([0-9]{1,9})s)?(?:([0-9]{1,9})ms)?");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 500ms, 2s, 1m, 1h30m)");
        }
        Duration d = Duration.ofHours(value(m, 1)).plusMinutes(value(m, 2)).plusSeconds(value(m, 3)).plusMillis(value(m, 4));
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "': the duration must be greater than zero");
        }
        return d;
    }

    private static long value(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }

    /** picocli converter: a bad value is a usage error naming the option. */
    public static final class Converter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
