package io.microai.cli.gen;

import static io.microai.cli.gen.Promql.API_PATHS;
import static io.microai.cli.gen.Promql.SERVER_ERRORS;
import static io.microai.cli.gen.Promql.quantile;
import static io.microai.cli.gen.Promql.ratio;
import static io.microai.cli.gen.Promql.sumRate;

import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.api.VerifierFamilies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recording rules named {@code level:metric:operations}: the RED view per route and the ratios the
 * alerts and the burn-rate windows are built on. Ratios are always taken of rates, never of raw counters.
 */
final class RecordingRules {
    /** Windows of the multi-window burn-rate alert: 1h/5m for the fast burn, 6h/30m for the slow one. */
    static final List<String> BURN_WINDOWS = List.of("5m", "30m", "1h", "6h");
    static final String[][] QUANTILES = {{"p50", "0.5"}, {"p95", "0.95"}, {"p99", "0.99"}};

    private RecordingRules() {
    }

    static List<Map<String, Object>> gateway() {
        List<Map<String, Object>> rules = new ArrayList<>();
        rules.add(Rule.record("path:gateway_requests:rate5m", sumRate("path", GatewayFamilies.REQUESTS, "", "5m")));
        rules.add(Rule.record("path:gateway_requests_errors:ratio_rate5m",
                ratio("path", GatewayFamilies.REQUESTS, "", SERVER_ERRORS, "5m")));
        for (String[] q : QUANTILES) {
            rules.add(Rule.record("path:gateway_request_duration_seconds:" + q[0] + "_rate5m",
                    quantile(q[1], "path", GatewayFamilies.REQUEST_DURATION, "", "5m")));
        }
        for (String window : BURN_WINDOWS) {
            rules.add(Rule.record("job:gateway_api_requests_errors:ratio_rate" + window,
                    ratio("job", GatewayFamilies.REQUESTS, API_PATHS, SERVER_ERRORS, window)));
        }
        rules.add(Rule.record("path:gateway_cache_hits:ratio_rate5m", Promql.cacheHitRatio("path", "5m")));
        rules.add(Rule.record("job:gateway_cache_hits:ratio_rate5m", Promql.cacheHitRatio("job", "5m")));
        rules.add(Rule.record("job:gateway_cache_hits:ratio_rate1h", Promql.cacheHitRatio("job", "1h")));
        rules.add(Rule.record("job:gateway_cache_lookups:rate5m",
                sumRate("job", GatewayFamilies.CACHE_HITS, "", "5m") + "\n+\n"
                        + sumRate("job", GatewayFamilies.CACHE_MISSES, "", "5m")));
        rules.add(Rule.record("job:gateway_verification:rate5m", sumRate("job", GatewayFamilies.VERIFICATION, "", "5m")));
        rules.add(Rule.record("job:gateway_verification_success:ratio_rate5m",
                ratio("job", GatewayFamilies.VERIFICATION, "", "result=\"success\"", "5m")));
        rules.add(Rule.record("protocol:gateway_payments:rate5m", sumRate("protocol", GatewayFamilies.PAYMENTS, "", "5m")));
        rules.add(Rule.record("protocol:gateway_payments_verified:ratio_rate5m",
                ratio("protocol", GatewayFamilies.PAYMENTS, "", Promql.PAYMENT_VERIFIED, "5m")));
        rules.add(Rule.record("job:gateway_settled_amount:rate5m", sumRate("job", GatewayFamilies.SETTLED_AMOUNT, "", "5m")));
        rules.add(Rule.record("job:gateway_settlements:rate5m", sumRate("job", GatewayFamilies.SETTLEMENTS, "", "5m")));
        rules.add(Rule.record("job:gateway_settlements_settled:ratio_rate5m",
                ratio("job", GatewayFamilies.SETTLEMENTS, "", Promql.SETTLED, "5m")));
        rules.add(Rule.record("operation:gateway_facilitator_request_duration_seconds:p99_rate5m",
                quantile("0.99", "operation", GatewayFamilies.FACILITATOR_REQUEST_DURATION, "", "5m")));
        rules.addAll(streams());
        rules.add(Rule.record("path:gateway_rate_limit_hits:rate5m",
                sumRate("path", GatewayFamilies.RATE_LIMIT_HITS, "", "5m")));
        rules.add(Rule.record("job:gateway_rate_limit_hits:rate5m",
                sumRate("job", GatewayFamilies.RATE_LIMIT_HITS, "", "5m")));
        rules.add(Rule.record("job:gateway_rate_limit_hits:ratio_rate5m",
                sumRate("job", GatewayFamilies.RATE_LIMIT_HITS, "", "5m") + "\n/\n"
                        + sumRate("job", GatewayFamilies.REQUESTS, "", "5m")));
        return rules;
    }

    /**
     * The streaming route: time to first chunk and stream duration per route, streams per job and the share
     * of each outcome. The share divides by the job's total with {@code group_left}, so every outcome of a
     * job is a share of the same whole.
     */
    private static List<Map<String, Object>> streams() {
        List<Map<String, Object>> rules = new ArrayList<>();
        rules.add(Rule.record("path:gateway_stream_first_chunk_seconds:p50_rate5m",
                quantile("0.5", "path", GatewayFamilies.STREAM_FIRST_CHUNK, "", "5m")));
        rules.add(Rule.record("path:gateway_stream_first_chunk_seconds:p99_rate5m",
                quantile("0.99", "path", GatewayFamilies.STREAM_FIRST_CHUNK, "", "5m")));
        rules.add(Rule.record("path:gateway_stream_duration_seconds:p99_rate5m",
                quantile("0.99", "path", GatewayFamilies.STREAM_DURATION, "", "5m")));
        rules.add(Rule.record("job:gateway_streams:rate5m", sumRate("job", GatewayFamilies.STREAMS, "", "5m")));
        rules.add(Rule.record("job_outcome:gateway_streams:ratio_rate5m",
                sumRate("job, outcome", GatewayFamilies.STREAMS, "", "5m") + "\n/ ignoring (outcome) group_left\n"
                        + sumRate("job", GatewayFamilies.STREAMS, "", "5m")));
        return rules;
    }

    static List<Map<String, Object>> verifier() {
        List<Map<String, Object>> rules = new ArrayList<>();
        rules.add(Rule.record("job:verifier_requests:rate5m", sumRate("job", VerifierFamilies.REQUESTS, "", "5m")));
        rules.add(Rule.record("status:verifier_requests:rate5m", sumRate("status", VerifierFamilies.REQUESTS, "", "5m")));
        // The verifier answers 400/413 for signatures it refuses: its "errors" are refusals, not 5xx.
        rules.add(Rule.record("job:verifier_requests_refused:ratio_rate5m",
                ratio("job", VerifierFamilies.REQUESTS, "", "status!=\"200\"", "5m")));
        rules.add(Rule.record("job:verifier_signature_valid:ratio_rate5m",
                sumRate("job", VerifierFamilies.SIGNATURE_VALID, "", "5m") + "\n/\n"
                        + sumRate("job", VerifierFamilies.REQUESTS, "", "5m")));
        rules.add(Rule.record("reason:verifier_signature_invalid:rate5m",
                sumRate("reason", VerifierFamilies.SIGNATURE_INVALID, "", "5m")));
        for (String[] q : QUANTILES) {
            rules.add(Rule.record("job:verifier_request_duration_seconds:" + q[0] + "_rate5m",
                    quantile(q[1], "job", VerifierFamilies.REQUEST_DURATION, "", "5m")));
        }
        return rules;
    }
}
