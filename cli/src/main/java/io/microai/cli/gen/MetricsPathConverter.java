package io.microai.cli.gen;

import io.microai.shared.config.ConfigException;
import io.microai.shared.metrics.MetricsConfig;
import picocli.CommandLine;

/**
 * Applies the services' own rule for {@code METRICS_PATH} ({@link MetricsConfig#requirePlainPath}), so a
 * config never scrapes a path they refuse, and a trailing slash is dropped as they drop it.
 */
final class MetricsPathConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        try {
            return MetricsConfig.requirePlainPath("a metrics path", value);
        } catch (ConfigException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
