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
    /** x402 settlements by protocol ({@code x402}, {@code x402-v1}) and outcome ({@code settled}, {@code failed}, {@code unavailable}). */
    public static final String SETTLEMENTS = "gateway_settlements_total";
    /** Refusals by the facilitator, at verify or settle, by operation and closed reason. */
    public static final String SETTLEMENT_FAILURES = "gateway_settlement_failures_total";
    /** The amount settled, in the token's atomic units: {@code rate(...)} is revenue per second. */
    public static final String SETTLED_AMOUNT = "gateway_settled_amount_total";
    /** 1, labelled with the configured token ({@code asset}, {@code network}, {@code decimals}) to read the amount in. */
    public static final String PAYMENT_ASSET_INFO = "gateway_payment_asset_info";
    /** The payment token's decimals as a value, so PromQL can turn atomic units into tokens: {@code / 10 ^ …}. */
    public static final String PAYMENT_ASSET_DECIMALS = "gateway_payment_asset_decimals";
    /** Facilitator calls by operation ({@code supported}, {@code verify}, {@code settle}) and outcome. */
    public static final String FACILITATOR_REQUEST_DURATION = "gateway_facilitator_request_duration_seconds";
    /** 1 while the facilitator answered its last call or probe, 0 otherwise; absent without a facilitator. */
    public static final String FACILITATOR_UP = "gateway_facilitator_up";
    /** 1 for the active {@code mode} ({@code none}, {@code facilitator}), 0 for the other. */
    public static final String SETTLEMENT_MODE = "gateway_settlement_mode";
    /** Streams: seconds from the paid request's arrival to its first chunk on the wire, by {@code path}. */
    public static final String STREAM_FIRST_CHUNK = "gateway_stream_first_chunk_seconds";
    /** Streams: seconds from arrival to the stream's end, whatever ended it, by {@code path}. */
    public static final String STREAM_DURATION = "gateway_stream_duration_seconds";
    /** Chunk events written to streaming clients, by {@code path}. */
    public static final String STREAM_CHUNKS = "gateway_stream_chunks_total";
    /** Bytes of summary text (UTF-8) written in chunk events, by {@code path}. */
    public static final String STREAM_BYTES = "gateway_stream_bytes_total";
    /** Streams between their first event and their end, by {@code path}. */
    public static final String STREAMS_IN_FLIGHT = "gateway_streams_in_flight";
    /** Streams that ended, by {@code path} and closed {@code outcome} (see {@link StreamLabels}). */
    public static final String STREAMS = "gateway_streams_total";
    public static final String CACHE_ENTRIES = "gateway_cache_entries";
    public static final String NONCE_STORE_ENTRIES = "gateway_nonce_store_entries";
    public static final String RECEIPT_STORE_ENTRIES = "gateway_receipt_store_entries";
    public static final String RATE_LIMIT_BUCKETS = "gateway_rate_limit_buckets";

    private GatewayFamilies() {
    }
}
