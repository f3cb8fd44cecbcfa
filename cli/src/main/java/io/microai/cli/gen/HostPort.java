package io.microai.cli.gen;

import io.microai.shared.api.GatewayApi;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** A scrape target as Prometheus writes it: {@code host:port}, with IPv6 hosts in brackets. */
record HostPort(String host, int port) {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (e.g. localhost:" + GatewayApi.DEFAULT_PORT + ")");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            String inner = host.substring(1, host.length() - 1);
            if (!inner.contains(":") || !IPV6.matcher(inner).matches()) {
                throw new IllegalArgumentException("'" + host + "' is not a bracketed IPv6 address");
            }
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': an IPv6 host needs brackets, e.g. [::1]:" + GatewayApi.DEFAULT_PORT);
        } else if (!isHostname(host)) {
            throw new IllegalArgumentException("'" + host + "' is not a valid host name or IPv4 address");
        }
        return new HostPort(host, parsePort(text.substring(colon + 1)));
    }

    private static boolean isHostname(String host) {
        if (host.length() > 253) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static int parsePort(String text) {
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException("'" + text + "' is not a port (1-65535)");
        }
        return Integer.parseInt(text);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }

    /** Lets picocli report a bad target as a usage error naming the option. */
    static final class Converter implements CommandLine.ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
