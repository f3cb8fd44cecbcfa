package io.microai.gateway.http;

import io.microai.shared.metrics.BucketedHistogram;
import io.microai.shared.metrics.Buckets;
import io.microai.shared.metrics.CounterFamily;
import io.microai.shared.metrics.GaugeFamily;
import io.microai.shared.metrics.HistogramFamily;
import io.microai.shared.metrics.Metrics;

/**
 * The gateway's metric families. The first seven are the public contract (names, types and labels
 * exactly as the metrics issue lists them); the rest add detail without changing those.
 */
public final class GatewayMetrics {
    /** AI calls take from milliseconds (embedded) to a minute (remote models). */
    static final double[] AI_BUCKETS = {0.001, 0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    /** Shared-store (Redis) calls take from a tenth of a millisecond (loopback) to the 1 s timeout ceiling. */
    static final double[] STORE_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};

    final CounterFamily requests;
    final HistogramFamily duration;
    final GaugeFamily.Child active;
    private final CounterFamily cacheHits;
    private final CounterFamily cacheMisses;
    private final CounterFamily.Child verificationSuccess;
    private final CounterFamily.Child verificationFailure;
    private final CounterFamily verificationFailures;
    private final CounterFamily rateLimitHits;
    private final HistogramFamily aiDuration;
    private final CounterFamily storeErrors;
    private final HistogramFamily storeDuration;

    public GatewayMetrics(Metrics metrics) {
        requests = metrics.counter("gateway_requests_total", "Total HTTP requests, by method, route template and status",
                "method", "path", "status");
        duration = metrics.histogram("gateway_request_duration_seconds", "Request duration in seconds, by method and route template",
                Buckets.DEFAULT, "method", "path");
        active = metrics.gauge("gateway_active_requests", "Requests in flight").labels();
        cacheHits = metrics.counter("gateway_cache_hits_total", "AI responses served from the cache (after payment)", "path");
        cacheMisses = metrics.counter("gateway_cache_misses_total", "Paid AI requests the cache could not answer", "path");
        CounterFamily verification = metrics.counter("gateway_verification_total",
                "Payment verifications of paid requests, by result (success or failure)", "result");
        verificationSuccess = verification.labels("success");
        verificationFailure = verification.labels("failure");
        verificationFailures = metrics.counter("gateway_verification_failures_total",
                "Failed payment verifications, by reason (a closed set)", "reason");
        for (VerificationFailure reason : VerificationFailure.values()) {
            verificationFailures.labels(reason.code());
        }
        rateLimitHits = metrics.counter("gateway_rate_limit_hits_total", "Requests refused with 429 by the rate limiter, by route template", "path");
        aiDuration = metrics.histogram("gateway_ai_request_duration_seconds", "Time spent in the AI provider, by provider and outcome",
                AI_BUCKETS, "provider", "outcome");
        // Registered always, but without series until a shared store is configured (prepareStore).
        storeErrors = metrics.counter("gateway_store_errors_total",
                "Failed shared-store (Redis) calls, by store (nonce, rate_limit) and reason (timeout, unavailable, error)",
                "store", "reason");
        storeDuration = metrics.histogram("gateway_store_request_duration_seconds",
                "Duration of shared-store (Redis) calls in seconds, by store and operation", STORE_BUCKETS, "store", "operation");
    }

    public void cacheHit(String path) {
        cacheHits.labels(path).inc();
    }

    public void cacheMiss(String path) {
        cacheMisses.labels(path).inc();
    }

    public void verificationSucceeded() {
        verificationSuccess.inc();
    }

    public void verificationFailed(VerificationFailure reason) {
        verificationFailure.inc();
        verificationFailures.labels(reason.code()).inc();
    }

    public void rateLimited(String path) {
        rateLimitHits.labels(path).inc();
    }

    public BucketedHistogram aiDuration(String provider, String outcome) {
        return aiDuration.labels(provider, outcome);
    }

    /** One failed shared-store call; {@code store} and {@code reason} come from closed sets (see StoreUnavailableException). */
    public void storeError(String store, String reason) {
        storeErrors.labels(store, reason).inc();
    }

    /** The duration series of one shared-store operation ({@code store} and {@code operation} from closed sets). */
    public BucketedHistogram storeDuration(String store, String operation) {
        return storeDuration.labels(store, operation);
    }

    /** Prepares a shared store's series, so dashboards see zeros rather than gaps before the first failure. */
    public void prepareStore(String store, Iterable<String> operations, Iterable<String> reasons) {
        for (String operation : operations) {
            storeDuration.labels(store, operation);
        }
        for (String reason : reasons) {
            storeErrors.labels(store, reason);
        }
    }

    /** Prepares the series a route will use, so dashboards see zeros rather than gaps before traffic. */
    public void prepareRoute(String path, boolean paid) {
        rateLimitHits.labels(path);
        if (paid) {
            cacheHits.labels(path);
            cacheMisses.labels(path);
        }
    }
}
