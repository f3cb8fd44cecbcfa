package io.microai.shared.http;

import io.undertow.server.HttpHandler;
import java.util.function.UnaryOperator;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

/**
 * JSON answers for what no route matches, so even a typo gets the shared error shape. One definition
 * for every service: a service that wraps them (to count or rate limit unmatched requests) takes
 * {@link #notFound()} and {@link #methodNotAllowed()} and adds its steps around them.
 */
public final class Routes {
    private static final HttpHandler NOT_FOUND = exchange ->
            JsonResponses.error(exchange, 404, "not_found", "no endpoint at " + truncate(exchange.getRequestPath()));
    private static final HttpHandler METHOD_NOT_ALLOWED = exchange ->
            JsonResponses.error(exchange, 405, "method_not_allowed",
                    exchange.getRequestMethod() + " is not allowed on " + truncate(exchange.getRequestPath()));

    private Routes() {
    }

    /** 404 {@code not_found}, naming the path. */
    public static HttpHandler notFound() {
        return NOT_FOUND;
    }

    /** 405 {@code method_not_allowed}, naming the method and the path. */
    public static HttpHandler methodNotAllowed() {
        return METHOD_NOT_ALLOWED;
    }

    /**
     * Installs both fallbacks as they are, except that a preflight ({@code OPTIONS}) to a known path is
     * answered 204 with the methods a service without CORS of its own serves.
     */
    public static RoutingHandler withJsonFallbacks(RoutingHandler routes) {
        return withJsonFallbacks(routes, UnaryOperator.identity());
    }

    /** Same, each fallback wrapped by {@code wrap} (to measure or log it like a route). */
    public static RoutingHandler withJsonFallbacks(RoutingHandler routes, UnaryOperator<HttpHandler> wrap) {
        routes.setFallbackHandler(wrap.apply(NOT_FOUND));
        routes.setInvalidMethodHandler(wrap.apply(exchange -> {
            if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
                exchange.setStatusCode(204);
                exchange.getResponseHeaders().put(Headers.ALLOW, "GET, POST, OPTIONS");
                exchange.endExchange();
                return;
            }
            METHOD_NOT_ALLOWED.handleRequest(exchange);
        }));
        return routes;
    }

    /** Echoing a client's path is useful; echoing a megabyte of it is not. */
    private static String truncate(String path) {
        return path.length() <= 100 ? path : path.substring(0, 100) + "…";
    }
}
