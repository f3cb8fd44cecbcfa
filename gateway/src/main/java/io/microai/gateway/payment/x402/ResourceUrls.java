package io.microai.gateway.payment.x402;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The absolute URL a challenge names. With {@code PUBLIC_BASE_URL} it is that base plus the request's
 * path, and nothing the client sent about hosts is read; without it the request's own origin is used,
 * which behind a proxy is the proxy's view, so deployments behind one should set the base.
 */
public final class ResourceUrls {
    private final Optional<String> base;

    public ResourceUrls(Optional<URI> publicBaseUrl) {
        this.base = publicBaseUrl.map(URI::toString);
    }

    /** Whether URLs come from configuration only (then a challenge for a path never changes). */
    public boolean fixed() {
        return base.isPresent();
    }

    /**
     * @param rawPath      the request path as sent, still percent-encoded, starting with {@code /}
     * @param rawQuery     the query string without {@code ?}, or null/empty for none
     * @param requestOrigin {@code scheme://host[:port]} of the request; called only without a base URL
     */
    public String forRequest(String rawPath, String rawQuery, Supplier<String> requestOrigin) {
        Objects.requireNonNull(rawPath, "rawPath");
        String path = rawPath.startsWith("/") ? rawPath : "/" + rawPath;
        String query = rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery;
        return base.orElseGet(requestOrigin) + path + query;
    }
}
