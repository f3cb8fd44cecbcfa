package io.microai.gateway.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.List;

/**
 * CORS for the browser client, with the settings it already relies on: allowed origins from {@code ALLOWED_ORIGINS},
 * credentials allowed (except with {@code *}, which is answered with a literal {@code *} and no credentials), the payment and rate-limit headers exposed. Preflights are answered here. Both payment
 * formats' request headers are allowed, and so is {@code Access-Control-Expose-Headers}, which the official x402
 * client sends as a request header on its paid retry; the x402 challenge and settlement headers are exposed.
 * A disallowed origin simply gets no CORS headers; the browser then refuses the response.
 */
public final class CorsHandler implements HttpHandler {
    private static final HttpString ALLOW_ORIGIN = HttpString.tryFromString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_CREDENTIALS = HttpString.tryFromString("Access-Control-Allow-Credentials");
    private static final HttpString ALLOW_METHODS = HttpString.tryFromString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = HttpString.tryFromString("Access-Control-Allow-Headers");
    private static final HttpString EXPOSE_HEADERS = HttpString.tryFromString("Access-Control-Expose-Headers");
    private static final HttpString MAX_AGE = HttpString.tryFromString("Access-Control-Max-Age");
    private static final HttpString VARY = HttpString.tryFromString("Vary");

    private final List<String> allowedOrigins;
    private final boolean anyOrigin;
    private final HttpHandler next;

    public CorsHandler(List<String> allowedOrigins, HttpHandler next) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.anyOrigin = this.allowedOrigins.contains("*");
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        boolean allowed = origin != null && (anyOrigin || allowedOrigins.contains(origin));
        if (allowed) {
            if (anyOrigin) {
                // Any page may call: a literal * is the only safe answer, and browsers refuse credentials with it, so
                // no origin is echoed and no credentials are offered.
                exchange.getResponseHeaders().put(ALLOW_ORIGIN, "*");
            } else {
                exchange.getResponseHeaders()
                        .put(ALLOW_ORIGIN, origin)
                        .put(ALLOW_CREDENTIALS, "true")
                        .put(VARY, "Origin");
            }
            exchange.getResponseHeaders()
                    .put(EXPOSE_HEADERS, "Content-Length, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, "
                            + "Retry-After, X-402-Receipt, X-Correlation-ID, X-Cache, PAYMENT-REQUIRED, PAYMENT-RESPONSE, "
                            + "X-PAYMENT-RESPONSE");
        }
        if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
            if (allowed) {
                exchange.getResponseHeaders()
                        .put(ALLOW_METHODS, "GET, POST, OPTIONS")
                        .put(ALLOW_HEADERS, "Origin, Content-Type, X-402-Signature, X-402-Nonce, X-402-Payer, X-Correlation-ID, "
                                + "PAYMENT-SIGNATURE, X-PAYMENT, Access-Control-Expose-Headers")
                        .put(MAX_AGE, "600");
            }
            exchange.setStatusCode(204);
            exchange.endExchange();
            return;
        }
        next.handleRequest(exchange);
    }
}
