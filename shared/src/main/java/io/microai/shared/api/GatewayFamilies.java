package io.microai.shared.api;

/**
 * Names of the gateway's metric families. The gateway registers them and the figures engine, the
 * CLI and the generated dashboards read them; the names, types and labels are a public contract
 * that operators' queries depend on, so they are spelled once, here.
 */
public final class GatewayFamilies {
    public static final String REQUESTS = "gateway_requests_total";
    public static final String REQUEST_DURATION = "gateway_request_duration_seconds";
    public static final String ACTIVE_REQUESTS = "gateway_active_requests";
    public static final String CACHE_HITS = "gateway_cache_hits_total";
    public static final String CACHE_MISSES = "gateway_cache_misses_total";
    public static final String VERIFICATION = "gateway_verification_total";
    public static final String VERIFICATION_FAILURES = "gateway_verification_failures_total";
    /** Paid attempts by protocol ({@code x402}, {@code x402-v1}, {@code legacy}) and outcome ({@code verified}, {@code refused}, {@code unavailable}). */
    public static final String PAYMENTS = "gateway_payments_total";
    public static final String RATE_LIMIT_HITS = "gateway_rate_limit_hits_total";
    public static final String AI_REQUEST_DURATION = "gateway_ai_request_duration_seconds";
    public static final String STORE_ERRORS = "gateway_store_errors_total";
    public static final String STORE_REQUEST_DURATION = "gateway_store_request_duration_seconds";
    public static final String CACHE_ENTRIES = "gateway_cache_entries";
    public static final String NONCE_STORE_ENTRIES = "gateway_nonce_store_entries";
    public static final String RECEIPT_STORE_ENTRIES = "gateway_receipt_store_entries";
    public static final String RATE_LIMIT_BUCKETS = "gateway_rate_limit_buckets";

    private GatewayFamilies() {
    }
}
