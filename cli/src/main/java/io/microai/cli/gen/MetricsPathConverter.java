package io.microai.cli.gen;

import picocli.CommandLine;

/** Applies the services' own rule for {@code METRICS_PATH}, so a config never scrapes a path they refuse. */
final class MetricsPathConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        if (!value.startsWith("/") || value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a metrics path: it must start with '/' and contain no spaces");
        }
        return value;
    }
}
