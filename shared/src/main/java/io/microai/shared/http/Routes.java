package io.microai.shared.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

/** JSON answers for what no route matches, so even a typo gets the shared error shape. */
public final class Routes {
    private Routes() {
    }

    public static RoutingHandler withJsonFallbacks(RoutingHandler routes) {
        routes.setFallbackHandler(exchange ->
                JsonResponses.error(exchange, 404, "not_found", "no endpoint at " + truncate(exchange.getRequestPath())));
        routes.setInvalidMethodHandler(exchange -> {
            if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
                exchange.setStatusCode(204);
                exchange.getResponseHeaders().put(Headers.ALLOW, "GET, POST, OPTIONS");
                exchange.endExchange();
                return;
            }
            JsonResponses.error(exchange, 405, "method_not_allowed",
                    exchange.getRequestMethod() + " is not allowed on " + truncate(exchange.getRequestPath()));
        });
        return routes;
    }

    /** Echoing a client's path is useful; echoing a megabyte of it is not. */
    private static String truncate(String path) {
        return path.length() <= 100 ? path : path.substring(0, 100) + "…";
    }
}
