package io.microai.gateway.ratelimit;

import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.shared.http.CorrelationId;
import io.microai.shared.http.JsonResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rate-limit step: one token per request from the client's bucket, keyed by client IP (never by
 * anything the client can rotate, such as a nonce). On the paid route, paid attempts (both upstream payment headers,
 * or an x402 {@code PAYMENT-SIGNATURE} / {@code X-PAYMENT}) are admitted from the standard tier, and charged to the
 * anonymous tier too unless the payment passes its checks ({@link PaymentAttempt}); everything else uses the
 * anonymous tier. Sets the X-RateLimit headers, and refuses
 * with the 429 body existing clients already parse, plus the tier, so a client can tell which limit it hit. When a shared
 * limiter's store cannot answer, the request passes without X-RateLimit headers
 * ({@code allowOnStoreError}) or gets 503 {@code rate_limit_store_unavailable}.
 */
public final class RateLimitHandler implements HttpHandler {
    static final HttpString LIMIT = HttpString.tryFromString("X-RateLimit-Limit");
    static final HttpString REMAINING = HttpString.tryFromString("X-RateLimit-Remaining");
    static final HttpString RESET = HttpString.tryFromString("X-RateLimit-Reset");
    private static final HttpString SIGNATURE = HttpString.tryFromString("X-402-Signature");
    private static final HttpString NONCE = HttpString.tryFromString("X-402-Nonce");
    private static final HttpString X402_V2 = HttpString.tryFromString("PAYMENT-SIGNATURE");
    private static final HttpString X402_V1 = HttpString.tryFromString("X-PAYMENT");

    private final RateLimiter limiter;
    private final ClientAddressResolver clients;
    private final Tier anonymous;
    private final Tier standard;
    private final GatewayMetrics metrics;
    private final String path;
    private final boolean allowOnStoreError;
    private final boolean paidRoute;
    private final HttpHandler next;

    public RateLimitHandler(RateLimiter limiter, ClientAddressResolver clients, Tier anonymous, Tier standard,
                            GatewayMetrics metrics, String pathTemplate, HttpHandler next) {
        this(limiter, clients, anonymous, standard, metrics, pathTemplate, true, next);
    }

    public RateLimitHandler(RateLimiter limiter, ClientAddressResolver clients, Tier anonymous, Tier standard,
                            GatewayMetrics metrics, String pathTemplate, boolean allowOnStoreError, HttpHandler next) {
        this(limiter, clients, anonymous, standard, metrics, pathTemplate, allowOnStoreError, false, next);
    }

    /** @param paidRoute whether the route takes payments: only there may payment headers choose the standard tier */
    public RateLimitHandler(RateLimiter limiter, ClientAddressResolver clients, Tier anonymous, Tier standard,
                            GatewayMetrics metrics, String pathTemplate, boolean allowOnStoreError, boolean paidRoute,
                            HttpHandler next) {
        this.limiter = limiter;
        this.clients = clients;
        this.anonymous = anonymous;
        this.standard = standard;
        this.metrics = metrics;
        this.path = pathTemplate;
        this.allowOnStoreError = allowOnStoreError;
        this.paidRoute = paidRoute;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (limiter.remote() && exchange.isInIoThread()) {
            exchange.dispatch(this); // a shared limiter does network I/O: never on an I/O thread
            return;
        }
        String client = clients.resolve(exchange);
        boolean attempt = paidRoute && paidAttempt(exchange);
        Tier tier = attempt ? standard : anonymous;
        RateLimitDecision decision;
        try {
            // The limiter keys buckets by (tier, client) itself.
            decision = limiter.tryAcquire(client, tier);
        } catch (RateLimitStoreUnavailableException e) {
            if (allowOnStoreError) {
                next.handleRequest(exchange);
            } else {
                JsonResponses.error(exchange, 503, "rate_limit_store_unavailable", "the rate limit store is unavailable; retry later");
            }
            return;
        }
        exchange.getResponseHeaders()
                .put(LIMIT, decision.limit())
                .put(REMAINING, decision.remaining())
                .put(RESET, decision.resetEpochSeconds());
        if (decision.allowed()) {
            if (attempt) {
                chargeAnonymousUnlessPaid(exchange, client);
            }
            next.handleRequest(exchange);
            return;
        }
        metrics.rateLimited(path);
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, decision.retryAfterSeconds());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "Too Many Requests");
        body.put("message", "Rate limit exceeded. Please retry later.");
        body.put("retry_after", decision.retryAfterSeconds());
        body.put("code", "rate_limited");
        body.put("tier", tier.name());
        body.put("correlation_id", CorrelationId.of(exchange));
        JsonResponses.send(exchange, 429, body);
    }

    /** See {@link PaymentAttempt}: a refused attempt also spends an anonymous token, after its answer. */
    private void chargeAnonymousUnlessPaid(HttpServerExchange exchange, String client) {
        PaymentAttempt attempt = new PaymentAttempt();
        PaymentAttempt.attach(exchange, attempt);
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            try {
                if (!attempt.hasPassed()) {
                    Runnable charge = () -> {
                        try {
                            limiter.tryAcquire(client, anonymous);
                        } catch (RateLimitStoreUnavailableException e) {
                            // The answer is already given; a store that cannot count it only loses the charge.
                        }
                    };
                    if (limiter.remote()) {
                        done.getConnection().getWorker().execute(charge); // never network I/O on an I/O thread
                    } else {
                        charge.run();
                    }
                }
            } finally {
                nextListener.proceed();
            }
        });
    }

    private static boolean paidAttempt(HttpServerExchange exchange) {
        String signature = exchange.getRequestHeaders().getFirst(SIGNATURE);
        String nonce = exchange.getRequestHeaders().getFirst(NONCE);
        boolean upstream = signature != null && !signature.isEmpty() && nonce != null && !nonce.isEmpty();
        return upstream || present(exchange, X402_V2) || present(exchange, X402_V1);
    }

    private static boolean present(HttpServerExchange exchange, HttpString header) {
        String value = exchange.getRequestHeaders().getFirst(header);
        return value != null && !value.isEmpty();
    }
}
