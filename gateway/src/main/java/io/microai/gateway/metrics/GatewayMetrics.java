package io.microai.gateway.metrics;

import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.api.SettlementLabels;
import io.microai.shared.metrics.BucketedHistogram;
import io.microai.shared.metrics.Buckets;
import io.microai.shared.metrics.CounterFamily;
import io.microai.shared.metrics.GaugeFamily;
import io.microai.shared.metrics.HistogramFamily;
import io.microai.shared.metrics.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Every gateway metric family, registered here and nowhere else. The names, types and labels of the
 * request, cache, verification and rate-limit families are a public contract that operators' queries
 * and the generated dashboards depend on; the AI, store and size families add detail without changing
 * those.
 */
public final class GatewayMetrics {
    /** AI calls take from milliseconds (embedded) to a minute (remote models). */
    static final double[] AI_BUCKETS = {0.001, 0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    /** Shared-store (Redis) calls take from a tenth of a millisecond (loopback) to the 1 s timeout ceiling. */
    static final double[] STORE_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};

    /** Facilitator calls take from milliseconds (verify on loopback) to the seconds a transfer takes to be mined. */
    static final double[] FACILITATOR_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};

    private final Metrics metrics;
    final CounterFamily requests;
    final HistogramFamily duration;
    final GaugeFamily.Child active;
    private final CounterFamily cacheHits;
    private final CounterFamily cacheMisses;
    private final CounterFamily.Child verificationSuccess;
    private final CounterFamily.Child verificationFailure;
    private final CounterFamily verificationFailures;
    private final CounterFamily payments;
    /** The prepared {@code protocol} values: a protocol outside them is a programming error, not a new series. */
    private final Map<String, Boolean> paymentProtocols = new ConcurrentHashMap<>();
    private final CounterFamily rateLimitHits;
    private final HistogramFamily aiDuration;
    private final CounterFamily storeErrors;
    private final HistogramFamily storeDuration;
    private final CounterFamily settlements;
    private final CounterFamily settlementFailures;
    private final CounterFamily.Child settledAmount;
    private final HistogramFamily facilitatorDuration;
    private final GaugeFamily facilitatorUp;
    private final GaugeFamily settlementMode;
    private final GaugeFamily assetInfo;
    private final GaugeFamily assetDecimals;
    private final HistogramFamily streamFirstChunk;
    private final HistogramFamily streamDuration;
    private final CounterFamily streamChunks;
    private final CounterFamily streamBytes;
    private final GaugeFamily streamsInFlight;
    private final CounterFamily streams;

    public GatewayMetrics(Metrics metrics) {
        this.metrics = metrics;
        requests = metrics.counter(GatewayFamilies.REQUESTS, "Total HTTP requests, by method, route template and status",
                "method", "path", "status");
        duration = metrics.histogram(GatewayFamilies.REQUEST_DURATION, "Request duration in seconds, by method and route template",
                Buckets.DEFAULT, "method", "path");
        active = metrics.gauge(GatewayFamilies.ACTIVE_REQUESTS, "Requests in flight").labels();
        cacheHits = metrics.counter(GatewayFamilies.CACHE_HITS, "AI responses served from the cache (after payment)", "path");
        cacheMisses = metrics.counter(GatewayFamilies.CACHE_MISSES, "Paid AI requests the cache could not answer", "path");
        CounterFamily verification = metrics.counter(GatewayFamilies.VERIFICATION,
                "Payment verifications of paid requests, by result (success or failure)", "result");
        verificationSuccess = verification.labels("success");
        verificationFailure = verification.labels("failure");
        verificationFailures = metrics.counter(GatewayFamilies.VERIFICATION_FAILURES,
                "Failed payment verifications, by reason (a closed set)", "reason");
        for (VerificationFailure reason : VerificationFailure.values()) {
            verificationFailures.labels(reason.code());
        }
        payments = metrics.counter(GatewayFamilies.PAYMENTS,
                "Paid attempts, by protocol (x402, x402-v1, legacy) and outcome (verified, refused, unavailable)",
                "protocol", "outcome");
        rateLimitHits = metrics.counter(GatewayFamilies.RATE_LIMIT_HITS, "Requests refused with 429 by the rate limiter, by route template", "path");
        aiDuration = metrics.histogram(GatewayFamilies.AI_REQUEST_DURATION, "Time spent in the AI provider, by provider and outcome",
                AI_BUCKETS, "provider", "outcome");
        // Registered always, but without series until a shared store is configured (prepareStore).
        storeErrors = metrics.counter(GatewayFamilies.STORE_ERRORS,
                "Failed shared-store (Redis) calls, by store (nonce, rate_limit, receipt) and reason (timeout, unavailable, error)",
                "store", "reason");
        storeDuration = metrics.histogram(GatewayFamilies.STORE_REQUEST_DURATION,
                "Duration of shared-store (Redis) calls in seconds, by store and operation", STORE_BUCKETS, "store", "operation");
        settlements = metrics.counter(GatewayFamilies.SETTLEMENTS,
                "x402 settlements after the provider answered, by protocol and outcome (settled, failed, unavailable)",
                "protocol", "outcome");
        settlementFailures = metrics.counter(GatewayFamilies.SETTLEMENT_FAILURES,
                "Payments the facilitator refused, by operation (verify, settle) and reason (a closed set)", "operation", "reason");
        settledAmount = metrics.counter(GatewayFamilies.SETTLED_AMOUNT,
                "Amount settled, in the payment token's atomic units (see gateway_payment_asset_info for its decimals)").labels();
        facilitatorDuration = metrics.histogram(GatewayFamilies.FACILITATOR_REQUEST_DURATION,
                "Duration of facilitator calls in seconds, by operation (supported, verify, settle) and outcome",
                FACILITATOR_BUCKETS, "operation", "outcome");
        facilitatorUp = metrics.gauge(GatewayFamilies.FACILITATOR_UP,
                "1 while the facilitator answered its last call or probe, 0 while it cannot be reached");
        settlementMode = metrics.gauge(GatewayFamilies.SETTLEMENT_MODE,
                "1 for how payments end: settled by a facilitator, or verified only (none)", "mode");
        assetInfo = metrics.gauge(GatewayFamilies.PAYMENT_ASSET_INFO,
                "1, labelled with the x402 payment token: contract, network and decimals", "asset", "network", "decimals");
        assetDecimals = metrics.gauge(GatewayFamilies.PAYMENT_ASSET_DECIMALS,
                "Decimals of the x402 payment token: gateway_settled_amount_total / 10^this is in whole tokens");
        // A stream's first chunk comes after one provider round trip and its end after the whole summary: the AI range.
        streamFirstChunk = metrics.histogram(GatewayFamilies.STREAM_FIRST_CHUNK,
                "Seconds from a paid stream request's arrival to its first chunk written, by route template", AI_BUCKETS, "path");
        streamDuration = metrics.histogram(GatewayFamilies.STREAM_DURATION,
                "Seconds from a paid stream request's arrival to the stream's end, however it ended, by route template", AI_BUCKETS, "path");
        streamChunks = metrics.counter(GatewayFamilies.STREAM_CHUNKS, "Chunk events written to streaming clients, by route template", "path");
        streamBytes = metrics.counter(GatewayFamilies.STREAM_BYTES,
                "Bytes of summary text (UTF-8) written in chunk events, by route template", "path");
        streamsInFlight = metrics.gauge(GatewayFamilies.STREAMS_IN_FLIGHT, "Streams opened and not yet ended, by route template", "path");
        streams = metrics.counter(GatewayFamilies.STREAMS,
                "Streams that ended, by route template and outcome (completed, client_gone, provider_error, timeout)", "path", "outcome");
    }

    /** Prepares a streaming route's series, every outcome included, so dashboards see zeros before the first stream. */
    public void prepareStream(String path, Iterable<String> outcomes) {
        streamFirstChunk.labels(path);
        streamDuration.labels(path);
        streamChunks.labels(path);
        streamBytes.labels(path);
        streamsInFlight.labels(path).set(0);
        for (String outcome : outcomes) {
            streams.labels(path, outcome);
        }
    }

    /** A stream opened: its response began. */
    public void streamOpened(String path) {
        streamsInFlight.labels(path).inc();
    }

    /** One chunk event written, carrying {@code bytes} of summary text. */
    public void streamChunk(String path, long bytes) {
        streamChunks.labels(path).inc();
        streamBytes.labels(path).inc(bytes);
    }

    public void streamFirstChunk(String path, long arrivalNanos, long nowNanos, String correlationId) {
        streamFirstChunk.labels(path).observeBetween(arrivalNanos, nowNanos, correlationId);
    }

    /**
     * A stream that was opened ended with {@code outcome}; null for one whose result settlement withheld, which
     * {@code gateway_settlements_total} counts and no stream outcome describes.
     */
    public void streamEnded(String path, String outcome, long arrivalNanos, long nowNanos, String correlationId) {
        streamsInFlight.labels(path).dec();
        if (outcome != null) {
            streams.labels(path, outcome).inc();
        }
        streamDuration.labels(path).observeBetween(arrivalNanos, nowNanos, correlationId);
    }

    /**
     * Fixes the settlement mode and prepares its series: with a facilitator, every settlement, failure and
     * call series exists at 0 from start and the facilitator starts as down until it answers.
     */
    public void prepareSettlement(boolean facilitator, Iterable<String> x402Protocols) {
        settlementMode.labels(SettlementLabels.MODE_NONE).set(facilitator ? 0 : 1);
        settlementMode.labels(SettlementLabels.MODE_FACILITATOR).set(facilitator ? 1 : 0);
        if (!facilitator) {
            return;
        }
        facilitatorUp.labels().set(0);
        for (String protocol : x402Protocols) {
            for (String outcome : SettlementLabels.OUTCOMES) {
                settlements.labels(protocol, outcome);
            }
        }
        for (String reason : SettlementLabels.REASONS) {
            settlementFailures.labels(SettlementLabels.VERIFY, reason);
            settlementFailures.labels(SettlementLabels.SETTLE, reason);
        }
        for (String operation : SettlementLabels.OPERATIONS) {
            for (String outcome : SettlementLabels.CALL_OUTCOMES) {
                facilitatorDuration.labels(operation, outcome);
            }
        }
    }

    /** The one token x402 payments are made in; fixed at start, so one series. */
    public void paymentAsset(String asset, String network, int decimals) {
        assetInfo.labels(asset, network, Integer.toString(decimals)).set(1);
        assetDecimals.labels().set(decimals);
    }

    /** One settlement of {@code protocol} with a {@link SettlementLabels#OUTCOMES} outcome; a settled one adds its amount. */
    public void settlement(String protocol, String outcome, long atomicAmount) {
        settlements.labels(protocol, outcome).inc();
        if (SettlementLabels.SETTLED.equals(outcome)) {
            settledAmount.inc(atomicAmount);
        }
    }

    /** A payment the facilitator refused at {@code operation}, by its closed reason. */
    public void settlementRefused(String operation, String reason) {
        settlementFailures.labels(operation, reason).inc();
    }

    /** One facilitator call and how it ended; any answer at all (a refusal too) means the facilitator is up. */
    public void facilitatorCall(String operation, String outcome, long nanos) {
        facilitatorDuration.labels(operation, outcome).observeNanos(nanos);
        facilitatorUp(SettlementLabels.CALL_OK.equals(outcome) || SettlementLabels.CALL_REFUSED.equals(outcome));
    }

    public void facilitatorUp(boolean up) {
        facilitatorUp.labels().set(up ? 1 : 0);
    }

    /**
     * The sizes of the bounded in-memory stores, read at scrape time. A store that is not held in memory
     * (Redis) passes a supplier of 0: the gauge stays, so dashboards keep their series.
     */
    public void storeSizes(LongSupplier cacheEntries, LongSupplier nonceEntries, LongSupplier receiptEntries,
                           LongSupplier rateLimitBuckets) {
        gauge(GatewayFamilies.CACHE_ENTRIES, "Entries in the response cache", cacheEntries);
        gauge(GatewayFamilies.NONCE_STORE_ENTRIES, "Issued or recently used payment nonces held in memory", nonceEntries);
        gauge(GatewayFamilies.RECEIPT_STORE_ENTRIES, "Receipts held for lookup", receiptEntries);
        gauge(GatewayFamilies.RATE_LIMIT_BUCKETS, "Client token buckets held in memory", rateLimitBuckets);
    }

    private void gauge(String name, String help, LongSupplier size) {
        metrics.gaugeCallback(name, help, size::getAsLong);
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

    /**
     * Prepares every {@code protocol × outcome} series of {@code gateway_payments_total}, so each exports 0
     * before its first payment; {@code protocols} is the closed set of protocol names.
     */
    public void preparePayments(Iterable<String> protocols) {
        for (String protocol : protocols) {
            paymentProtocols.put(protocol, Boolean.TRUE);
            for (PaymentOutcome outcome : PaymentOutcome.values()) {
                payments.labels(protocol, outcome.label());
            }
        }
    }

    /** One paid attempt of a prepared {@code protocol} that ended with {@code outcome}. */
    public void payment(String protocol, PaymentOutcome outcome) {
        if (!paymentProtocols.containsKey(protocol)) {
            throw new IllegalArgumentException("payment protocol '" + protocol + "' was not prepared");
        }
        payments.labels(protocol, outcome.label()).inc();
    }

    public void rateLimited(String path) {
        rateLimitHits.labels(path).inc();
    }

    public BucketedHistogram aiDuration(String provider, String outcome) {
        return aiDuration.labels(provider, outcome);
    }

    /** One failed shared-store call. */
    public void storeError(SharedStore store, StoreFailure reason) {
        storeErrors.labels(store.label(), reason.label()).inc();
    }

    /** The duration series of one shared-store operation ({@code operation} from the store's closed set). */
    public BucketedHistogram storeDuration(SharedStore store, String operation) {
        return storeDuration.labels(store.label(), operation);
    }

    /** Prepares a shared store's series, so dashboards see zeros rather than gaps before the first failure. */
    public void prepareStore(SharedStore store, Iterable<String> operations) {
        for (String operation : operations) {
            storeDuration.labels(store.label(), operation);
        }
        for (StoreFailure reason : StoreFailure.values()) {
            storeErrors.labels(store.label(), reason.label());
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
