package io.microai.shared.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, validated access to environment variables. Every failure is a {@link ConfigException}
 * whose message names the variable, so a service refuses to start with one clear line instead of
 * running with a half-understood setting.
 */
public final class Env {
    private final Map<String, String> values;

    public Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    /** The trimmed value, or empty when unset or blank (blank is treated as unset, as shells export it). */
    public Optional<String> get(String name) {
        String raw = values.get(name);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(raw.trim());
    }

    public String string(String name, String defaultValue) {
        return get(name).orElse(defaultValue);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = get(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw outOfRange(name, raw.get(), min, max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw outOfRange(name, raw.get(), min, max);
        }
    }

    public long longValue(String name, long defaultValue, long min, long max) {
        Optional<String> raw = get(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value < min || value > max) {
                throw outOfRange(name, raw.get(), min, max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw outOfRange(name, raw.get(), min, max);
        }
    }

    public int port(String name, int defaultValue) {
        return integer(name, defaultValue, 1, 65535);
    }

    /** A whole number of seconds, at least one. */
    public Duration seconds(String name, long defaultSeconds, long maxSeconds) {
        return Duration.ofSeconds(longValue(name, defaultSeconds, 1, maxSeconds));
    }

    /** Accepts true/false, 1/0, yes/no, on/off in any case; anything else is refused rather than guessed. */
    public boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = get(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on":
                return true;
            case "false": case "0": case "no": case "off":
                return false;
            default:
                throw new ConfigException(name + " must be true or false, got '" + raw.get() + "'");
        }
    }

    private static ConfigException outOfRange(String name, String raw, long min, long max) {
        return new ConfigException(name + " must be an integer between " + min + " and " + max + ", got '" + raw + "'");
    }
}
