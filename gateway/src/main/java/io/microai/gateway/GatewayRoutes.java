package io.microai.gateway;

import static io.microai.shared.api.GatewayApi.HEALTHZ_PATH;
import static io.microai.shared.api.GatewayApi.OPENAPI_PATH;
import static io.microai.shared.api.GatewayApi.READYZ_PATH;
import static io.microai.shared.api.GatewayApi.RECEIPT_PATH;
import static io.microai.shared.api.GatewayApi.SUMMARIZE_PATH;
import static io.microai.shared.api.GatewayApi.SUMMARIZE_STREAM_PATH;

import io.microai.gateway.access.AccessFields;
import io.microai.gateway.cache.CacheHandler;
import io.microai.gateway.http.CorsHandler;
import io.microai.gateway.http.HealthHandlers;
import io.microai.gateway.metrics.RequestMetricsHandler;
import io.microai.gateway.payment.PaymentHandler;
import io.microai.gateway.payment.SettlementHandler;
import io.microai.gateway.ratelimit.InFlightLimit;
import io.microai.gateway.ratelimit.RateLimitHandler;
import io.microai.gateway.receipt.ReceiptLookupHandler;
import io.microai.gateway.receipt.ReceiptResponder;
import io.microai.gateway.stream.StreamResponder;
import io.microai.gateway.stream.StreamSourceHandler;
import io.microai.shared.api.StreamLabels;
import io.microai.shared.dashboard.Dashboard;
import io.microai.shared.http.AccessLogHandler;
import io.microai.shared.http.CorrelationIdHandler;
import io.microai.shared.http.OpenApiHandler;
import io.microai.shared.http.Routes;
import io.microai.shared.metrics.MetricsAuthHandler;
import io.microai.shared.metrics.MetricsHandler;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Methods;
import java.util.Map;

/**
 * The gateway's routes and its request pipeline, in one place. A paid request passes:
 *
 * <pre>
 * correlation id → metrics → in-flight cap → (CORS) → rate limit → payment → cache → provider → settlement → receipt
 * </pre>
 *
 * The stream route is the same chain up to payment, then the streaming source (cache, or a provider call shared by
 * identical streams) → chunk events → settlement after the last chunk → the receipt in the {@code done} event.
 *
 * Settlement (x402 with a facilitator) comes after the result exists and before it is delivered, so a
 * payment that is not settled gets no result and no receipt.
 * The provider runs inside the cache step, so concurrent identical misses share one provider call
 * and a hit skips it; a hit still requires the verified payment and still gets its own receipt.
 */
final class GatewayRoutes {
    private static final AccessFields ACCESS_FIELDS = new AccessFields();

    private GatewayRoutes() {
    }

    /** @param dashboard the built-in dashboard's routes, or null when it is disabled */
    static HttpHandler build(GatewayComponents c, Dashboard dashboard) {
        GatewayConfig config = c.config;
        RoutingHandler routes = Handlers.routing();

        Map<String, Integer> inFlight = InFlightLimit.newCounts();
        HttpHandler summarize =
                metered(c, SUMMARIZE_PATH,
                        capped(c, SUMMARIZE_PATH, inFlight,
                                cors(c,
                                        rateLimited(c, SUMMARIZE_PATH, true,
                                                new PaymentHandler(c.summarizePayment.methods(), c.summarizePayment.challenge(), config.maxBodyBytes(),
                                                        new CacheHandler(c.cache, c.providerCall, c.gatewayMetrics, SUMMARIZE_PATH,
                                                                new SettlementHandler(c.settlement,
                                                                        new ReceiptResponder(c.issuer, SUMMARIZE_PATH))))))));
        routes.post(SUMMARIZE_PATH, summarize);
        routes.add(Methods.OPTIONS, SUMMARIZE_PATH, summarize);
        c.gatewayMetrics.prepareRoute(SUMMARIZE_PATH, true);

        // The same pipeline as Server-Sent Events: the same payment step (this route's own 402), then the chunks
        // from the cache or a provider call shared by identical streams, settlement after the last chunk, and
        // the receipt in the closing event.
        HttpHandler stream =
                metered(c, SUMMARIZE_STREAM_PATH,
                        capped(c, SUMMARIZE_STREAM_PATH, inFlight,
                                cors(c,
                                        rateLimited(c, SUMMARIZE_STREAM_PATH, true,
                                                new PaymentHandler(c.streamPayment.methods(), c.streamPayment.challenge(), config.maxBodyBytes(),
                                                        new StreamSourceHandler(c.cache, c.flights, c.providerCall, c.gatewayMetrics, SUMMARIZE_STREAM_PATH,
                                                                new StreamResponder(c.settlement, c.issuer, c.gatewayMetrics, SUMMARIZE_STREAM_PATH,
                                                                        config.ai().timeout())))))));
        routes.post(SUMMARIZE_STREAM_PATH, stream);
        routes.add(Methods.OPTIONS, SUMMARIZE_STREAM_PATH, stream);
        c.gatewayMetrics.prepareRoute(SUMMARIZE_STREAM_PATH, true);
        c.gatewayMetrics.prepareStream(SUMMARIZE_STREAM_PATH, StreamLabels.OUTCOMES);

        HttpHandler receipt = metered(c, RECEIPT_PATH, capped(c, RECEIPT_PATH, inFlight,
                cors(c, rateLimited(c, RECEIPT_PATH, false, new ReceiptLookupHandler(c.receipts)))));
        routes.get(RECEIPT_PATH, receipt);
        routes.add(Methods.OPTIONS, RECEIPT_PATH, receipt);
        c.gatewayMetrics.prepareRoute(RECEIPT_PATH, false);

        // Probes and scrapes are never rate limited: a scraper or a load balancer must not be refused.
        routes.get(HEALTHZ_PATH, metered(c, HEALTHZ_PATH, HealthHandlers.healthz()));
        routes.get(OPENAPI_PATH, metered(c, OPENAPI_PATH, OpenApiHandler.of(GatewayRoutes.class, "openapi.yaml")));
        routes.get(READYZ_PATH, metered(c, READYZ_PATH,
                HealthHandlers.readyz(c.verifier, c.provider, config.healthCheckTimeout(), c::redisCheck, c::facilitatorCheck,
                        c.settlementMode())));
        if (config.metrics().enabled()) {
            routes.get(config.metrics().path(), metered(c, config.metrics().path(),
                    MetricsAuthHandler.protect(config.metrics(), new MetricsHandler(c.metrics.prometheus()))));
        }
        if (dashboard != null) {
            // An operator page like /metrics: metered under its route template, never rate limited.
            for (Dashboard.Route r : dashboard.routes()) {
                routes.get(r.template(), metered(c, r.template(), r.handler()));
            }
        }

        // The shared JSON fallbacks, metered and rate limited like any request, all under one route label
        // (a wrong method on a known path included) so random paths add no series.
        String unmatched = RequestMetricsHandler.UNMATCHED;
        c.gatewayMetrics.prepareRoute(unmatched, false);
        routes.setFallbackHandler(metered(c, unmatched, capped(c, unmatched, inFlight, rateLimited(c, unmatched, false, Routes.notFound()))));
        routes.setInvalidMethodHandler(metered(c, unmatched,
                capped(c, unmatched, inFlight, rateLimited(c, unmatched, false, Routes.methodNotAllowed()))));

        return new CorrelationIdHandler(routes);
    }

    /** Measured (when metrics are on) and access-logged under the route template. */
    private static HttpHandler metered(GatewayComponents c, String pathTemplate, HttpHandler next) {
        HttpHandler measured = c.config.metrics().enabled() ? new RequestMetricsHandler(c.gatewayMetrics, pathTemplate, next) : next;
        return new AccessLogHandler("gateway", pathTemplate, ACCESS_FIELDS, measured);
    }

    private static HttpHandler cors(GatewayComponents c, HttpHandler next) {
        return new CorsHandler(c.config.allowedOrigins(), next);
    }

    private static HttpHandler capped(GatewayComponents c, String pathTemplate, Map<String, Integer> inFlight, HttpHandler next) {
        return new InFlightLimit(c.clients, c.config.rateLimits().maxInFlightPerClient(), c.gatewayMetrics, pathTemplate, inFlight, next);
    }

    /** @param paidRoute whether payment headers on this route may choose the standard tier */
    private static HttpHandler rateLimited(GatewayComponents c, String pathTemplate, boolean paidRoute, HttpHandler next) {
        GatewayConfig.RateLimits limits = c.config.rateLimits();
        if (!limits.enabled()) {
            return next;
        }
        return new RateLimitHandler(c.rateLimiter, c.clients, limits.anonymous(), limits.standard(), c.gatewayMetrics, pathTemplate,
                c.config.sharedState().rateLimitAllowOnStoreError(), paidRoute, next);
    }
}
