package io.microai.cli.gen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one list of metric families the services export, with their types: the metric tables of
 * gateway/README.md and verifier/README.md (checked against them by {@link ExportedFamiliesTest}),
 * plus the client_java 1.10 JVM and process families those tables summarise as {@code jvm_*} and
 * {@code process_*} (names read from prometheus-metrics-instrumentation-jvm-1.10.0.jar).
 */
final class ExportedFamilies {
    static final Map<String, String> GATEWAY = ordered(
            "gateway_requests_total", "counter",
            "gateway_request_duration_seconds", "histogram",
            "gateway_active_requests", "gauge",
            "gateway_cache_hits_total", "counter",
            "gateway_cache_misses_total", "counter",
            "gateway_verification_total", "counter",
            "gateway_rate_limit_hits_total", "counter",
            "gateway_verification_failures_total", "counter",
            "gateway_payments_total", "counter",
            "gateway_settlements_total", "counter",
            "gateway_settlement_failures_total", "counter",
            "gateway_settled_amount_total", "counter",
            "gateway_payment_asset_info", "gauge",
            "gateway_payment_asset_decimals", "gauge",
            "gateway_facilitator_request_duration_seconds", "histogram",
            "gateway_facilitator_up", "gauge",
            "gateway_settlement_mode", "gauge",
            "gateway_stream_first_chunk_seconds", "histogram",
            "gateway_stream_duration_seconds", "histogram",
            "gateway_stream_chunks_total", "counter",
            "gateway_stream_bytes_total", "counter",
            "gateway_streams_in_flight", "gauge",
            "gateway_streams_total", "counter",
            "gateway_ai_request_duration_seconds", "histogram",
            "gateway_cache_entries", "gauge",
            "gateway_nonce_store_entries", "gauge",
            "gateway_receipt_store_entries", "gauge",
            "gateway_rate_limit_buckets", "gauge",
            "metrics_label_overflow_total", "counter",
            "metrics_collect_errors_total", "counter");

    static final Map<String, String> VERIFIER = ordered(
            "verifier_requests_total", "counter",
            "verifier_request_duration_seconds", "histogram",
            "verifier_signature_valid_total", "counter",
            "verifier_signature_invalid_total", "counter",
            "metrics_label_overflow_total", "counter",
            "metrics_collect_errors_total", "counter");

    /** Both services register these through {@code JvmMetrics}; only a useful subset is listed. */
    static final Map<String, String> JVM_AND_PROCESS = ordered(
            "jvm_memory_used_bytes", "gauge",
            "jvm_memory_committed_bytes", "gauge",
            "jvm_memory_max_bytes", "gauge",
            "jvm_threads_current", "gauge",
            "jvm_threads_daemon", "gauge",
            "jvm_threads_peak", "gauge",
            "jvm_gc_collection_seconds", "summary",
            "jvm_classes_currently_loaded", "gauge",
            "process_cpu_seconds_total", "counter",
            "process_resident_memory_bytes", "gauge",
            "process_open_fds", "gauge",
            "process_start_time_seconds", "gauge");

    private ExportedFamilies() {
    }

    /** Every family, by name, with its type. */
    static Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>(GATEWAY);
        all.putAll(VERIFIER);
        all.putAll(JVM_AND_PROCESS);
        return all;
    }

    /** Whether a series name in a query belongs to an exported family (histograms and summaries add suffixes). */
    static boolean exports(String seriesName) {
        Map<String, String> all = all();
        if (all.containsKey(seriesName)) {
            return true;
        }
        for (String suffix : Set.of("_bucket", "_sum", "_count")) {
            if (seriesName.endsWith(suffix)) {
                String type = all.get(seriesName.substring(0, seriesName.length() - suffix.length()));
                if ("summary".equals(type) && !suffix.equals("_bucket") || "histogram".equals(type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, String> ordered(String... nameTypePairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            map.put(nameTypePairs[i], nameTypePairs[i + 1]);
        }
        return map;
    }
}
