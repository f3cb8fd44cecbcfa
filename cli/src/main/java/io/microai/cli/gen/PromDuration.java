package io.microai.cli.gen;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A duration in Prometheus' own syntax ({@code 500ms}, {@code 15s}, {@code 1m}, {@code 1h30m}), kept as
 * typed so the generated config says exactly what the user wrote.
 */
record PromDuration(String text) {
    // Units must appear largest first, each at most once: the order Prometheus' parser accepts.
    private static final Pattern SYNTAX = Pattern.compile(
            "(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?");

    static PromDuration parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 500ms, 15s, 1m, 1h30m)");
        }
        boolean positive = false;
        for (int group = 1; group <= m.groupCount(); group++) {
            String digits = m.group(group);
            if (digits != null && digits.length() > 9) {
                throw new IllegalArgumentException("'" + text + "' is too long a duration");
            }
            positive |= digits != null && Integer.parseInt(digits) > 0;
        }
        if (!positive) {
            throw new IllegalArgumentException("'" + text + "': the duration must be greater than zero");
        }
        return new PromDuration(text);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Lets picocli report a bad duration as a usage error naming the option. */
    static final class Converter implements CommandLine.ITypeConverter<PromDuration> {
        @Override
        public PromDuration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
