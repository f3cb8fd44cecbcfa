package io.microai.gateway.payment.facilitator;

import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where x402 payments are settled: {@code FACILITATOR_URL} (unset: nothing is settled), an optional
 * {@code FACILITATOR_AUTH_HEADER} ({@code Name: value}, sent on every call and never logged) and
 * {@code FACILITATOR_TIMEOUT_SECONDS}, the bound on each call, connect and body included.
 *
 * @param url    without a trailing slash
 * @param header the authentication header, when one is configured
 */
public record FacilitatorSettings(URI url, Optional<AuthHeader> header, Duration timeout) {
    public static final long DEFAULT_TIMEOUT_SECONDS = 10;
    public static final long MAX_TIMEOUT_SECONDS = 120;
    /** An HTTP field name (RFC 9110 token). */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    /** Visible ASCII and inner spaces: no control characters that could split a request. */
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7e]([\\x20-\\x7e]{0,4094}[\\x21-\\x7e])?");

    /** A header the facilitator requires; {@link #toString()} hides the value. */
    public record AuthHeader(String name, String value) {
        public AuthHeader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return name + ": <redacted>";
        }
    }

    public FacilitatorSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The facilitator settings, or empty when {@code FACILITATOR_URL} is unset. */
    public static Optional<FacilitatorSettings> from(Env env) {
        Optional<String> raw = env.get("FACILITATOR_URL");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FacilitatorSettings(url(raw.get()), env.get("FACILITATOR_AUTH_HEADER").map(FacilitatorSettings::header),
                env.seconds("FACILITATOR_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS)));
    }

    private static URI url(String value) {
        String trimmed = value.replaceFirst("/+$", "");
        try {
            URI uri = URI.create(trimmed);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("FACILITATOR_URL must be an http(s) URL without user info, query or fragment, got '" + value + "'");
        }
    }

    /** The value is a credential: no error here ever quotes it. */
    private static AuthHeader header(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new ConfigException("FACILITATOR_AUTH_HEADER must be 'Name: value'");
        }
        String name = value.substring(0, colon).trim();
        String headerValue = value.substring(colon + 1).trim();
        if (!TOKEN.matcher(name).matches()) {
            throw new ConfigException("FACILITATOR_AUTH_HEADER must start with a header name (letters, digits, '-'), then ':'");
        }
        if (!VALUE.matcher(headerValue).matches()) {
            throw new ConfigException("FACILITATOR_AUTH_HEADER's value must be 1-4096 printable ASCII characters");
        }
        return new AuthHeader(name, headerValue);
    }

    public URI endpoint(String operation) {
        return URI.create(url + "/" + operation);
    }
}
