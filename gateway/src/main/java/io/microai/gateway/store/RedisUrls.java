package io.microai.gateway.store;

import io.lettuce.core.RedisURI;
import io.microai.shared.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;

/** Validation of {@code REDIS_URL} at start, with the password kept out of every message. */
public final class RedisUrls {
    private RedisUrls() {
    }

    /**
     * Checks {@code redis://[[user]:password@]host[:port][/db]} (or {@code rediss://} for TLS) and returns it
     * trimmed; anything else is a {@link ConfigException} naming {@code variable}.
     */
    public static String validate(String variable, String value) {
        String problem = problem(value);
        if (problem == null) {
            try {
                RedisURI.create(value); // Lettuce must read it the same way
            } catch (RuntimeException e) {
                problem = "it could not be parsed";
            }
        }
        if (problem != null) {
            throw new ConfigException(variable + " must be redis://[:password@]host[:port][/db] or rediss://… (" + problem
                    + "), got '" + redact(value) + "'");
        }
        return value;
    }

    /** The URL with any user info replaced by {@code ***}, for logs and errors. */
    public static String redact(String value) {
        return value == null ? "" : value.replaceAll("//[^/@]*@", "//***@");
    }

    private static String problem(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "not a URL";
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            return "the scheme must be redis or rediss";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "no host";
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            return "bad port";
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/") && !path.matches("/[0-9]{1,5}")) {
            return "the path must be a database number";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "no query or fragment is allowed";
        }
        return null;
    }
}
