package io.microai.shared.config;

/** A setting that cannot be used; the message is one line that names the variable, for operators. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
