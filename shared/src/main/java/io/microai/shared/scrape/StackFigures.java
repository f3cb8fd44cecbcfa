package io.microai.shared.scrape;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The figures {@code microai metrics top} and the web dashboard show, computed from a {@link Window}
 * over several gateway and verifier targets. Pure function of the window: no I/O, no clock.
 *
 * <p><b>JSON shape</b> ({@link #toJson()}; the output of {@code metrics top --json} and of
 * {@code /dashboard/api/snapshot}). Field names are stable API. Rates are per second, ratios 0..1,
 * latencies seconds, times Unix milliseconds; a figure that cannot be computed (target down, one
 * scrape only, no traffic, no observations) is {@code null}.
 * <pre>
 * {
 *   "timestamp_ms": 1700000000000,      // instant of the newest scrape in the window
 *   "window_seconds": 60.0,             // requested rate window (actual per target: span_seconds)
 *   "gateway": {
 *     "targets_up": 2, "targets_total": 2,
 *     "requests_per_second": 12.5,      // sum(rate(gateway_requests_total))
 *     "error_5xx_ratio": 0.01,          // status=~"5.." / all
 *     "error_4xx_ratio": 0.5,           // status=~"4.." / all (includes 402 challenges and 429s)
 *     "payment_required_ratio": 0.48,   // status="402" / all: the x402 challenge, expected traffic
 *     "in_flight": 3.0,                 // sum(gateway_active_requests), latest scrapes
 *     "cache_hit_ratio": 0.8,           // hits / (hits + misses)
 *     "rate_limited_per_second": 0.2,   // sum(rate(gateway_rate_limit_hits_total))
 *     "verification_success_ratio": 0.99, // gateway_verification_total{result="success"} / all
 *     "latency_seconds": {"p50": 0.01, "p95": 0.2, "p99": 0.4},  // histogram_quantile over sum by (le)
 *     "paths": [ {"path": "/api/ai/summarize", "requests_per_second": 10.0, "error_5xx_ratio": 0.0,
 *                 "error_4xx_ratio": 0.5, "latency_seconds": {"p50": …, "p95": …, "p99": …}} ],  // sorted by path
 *     "payments_by_protocol": {         // gateway_payments_total; always x402, x402-v1, legacy, in that order
 *       "x402": {"per_second": 3.1,     // sum by (protocol) (rate(gateway_payments_total))
 *                "verified_ratio": 0.99, // outcome="verified" / all of the protocol; null with none in the window
 *                "refused_per_second": 0.03, "unavailable_per_second": 0.0},  // outcome="refused" / "unavailable"
 *       "x402-v1": {…}, "legacy": {…} },
 *     "settlement": {
 *       "mode": "facilitator",          // gateway_settlement_mode == 1: "facilitator", "none" (verified, never
 *                                       // settled), "mixed" (gateways disagree), null (not exported)
 *       "revenue_per_minute": 0.06,     // sum(rate(gateway_settled_amount_total)) * 60 / 10^decimals, token units
 *       "asset": "0x…", "network": "eip155:8453", "decimals": 6,  // gateway_payment_asset_info
 *       "settled_per_second": 1.0,      // rate(gateway_settlements_total{outcome="settled"})
 *       "success_ratio": 1.0,           // settled / all of gateway_settlements_total; null with none in the window
 *       "facilitator_p99_seconds": 0.2, // from gateway_facilitator_request_duration_seconds_bucket, all operations
 *       "facilitator_up": 1, "facilitator_total": 1 },  // gateway_facilitator_up, gateways that have a facilitator
 *     "streams": {                      // the streaming route, all paths; null when no gateway exports a stream family
 *       "first_chunk_seconds": {"p50": 0.3, "p95": 0.9, "p99": 1.2},  // from gateway_stream_first_chunk_seconds_bucket
 *       "duration_p99_seconds": 4.5,    // from gateway_stream_duration_seconds_bucket
 *       "per_second": 2.0,              // sum(rate(gateway_streams_total)): streams that ended, every outcome
 *       "in_flight": 3.0,               // sum(gateway_streams_in_flight), latest scrapes
 *       "outcome_ratio": {"completed": 0.95, "client_gone": 0.04, "provider_error": 0.01, "timeout": 0.0},
 *                                       // share of the ended streams; always these four, null with none in the window
 *       "chunks_per_second": 40.0,      // sum(rate(gateway_stream_chunks_total))
 *       "bytes_per_second": 2048.0 },   // sum(rate(gateway_stream_bytes_total))
 *     "slowest_recent": {               // the largest gateway_request_duration_seconds exemplar of the latest
 *       "correlation_id": "…",          // scrapes observed within the window, at least the last minute; null if none
 *       "seconds": 1.23, "method": "POST", "path": "/api/ai/summarize", "at_ms": 1699999990000}
 *   },
 *   "verifier": {
 *     "targets_up": 1, "targets_total": 1,
 *     "verifications_per_second": 5.0,  // sum(rate(verifier_requests_total))
 *     "success_ratio": 0.98,            // sum(rate(verifier_signature_valid_total)) / sum(rate(verifier_requests_total))
 *     "latency_seconds": {"p50": …, "p95": …, "p99": …},  // from verifier_request_duration_seconds_bucket
 *     "invalid_per_second_by_reason": {"high_s": 0.1}     // sorted by reason
 *   },
 *   "targets": [ {                       // gateways first, then verifiers, in the order given
 *     "url": "http://127.0.0.1:3000/metrics", "role": "gateway" | "verifier", "up": true,
 *     "error": null,                    // why the latest scrape failed (null when up)
 *     "last_error": "connection refused", "last_error_ms": 1699999990000,  // most recent failure ever
 *     "last_scrape_ms": 1700000000000, "scrape_duration_ms": 3.2,
 *     "span_seconds": 59.9,             // actual distance of the two scrapes rates were computed over
 *     "samples": 412,                   // samples in the latest scrape
 *     "gateway": { …same shape as above, this instance only… } | null,
 *     "verifier": { … } | null
 *   } ]
 * }
 * </pre>
 */
@JsonPropertyOrder({"timestamp_ms", "window_seconds", "gateway", "verifier", "targets"})
public record StackFigures(
        @JsonProperty("timestamp_ms") long timestampMs,
        @JsonProperty("window_seconds") double windowSeconds,
        @JsonProperty("gateway") GatewayFigures gateway,
        @JsonProperty("verifier") VerifierFigures verifier,
        @JsonProperty("targets") List<TargetFigures> targets) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // newer producers may add fields

    public StackFigures {
        targets = List.copyOf(targets);
    }

    public static StackFigures compute(Window window, Collection<String> gatewayTargets, Collection<String> verifierTargets) {
        List<TargetFigures> perTarget = new ArrayList<>();
        int gatewaysUp = 0;
        for (String t : gatewayTargets) {
            TargetState s = window.state(t);
            gatewaysUp += s.up() ? 1 : 0;
            perTarget.add(TargetFigures.compute(s, TargetFigures.GATEWAY));
        }
        int verifiersUp = 0;
        for (String t : verifierTargets) {
            TargetState s = window.state(t);
            verifiersUp += s.up() ? 1 : 0;
            perTarget.add(TargetFigures.compute(s, TargetFigures.VERIFIER));
        }
        GatewayFigures gateway = GatewayFigures.compute(
                window.spans(gatewayTargets), window.latest(gatewayTargets), gatewaysUp, gatewayTargets.size(),
                // "Recent" is at least a minute: a short rate window (metrics top --once) must not hide
                // the slow request that made someone look.
                Math.max(window.requested().toMillis(), GatewayFigures.DEFAULT_RECENT_MILLIS));
        VerifierFigures verifier = VerifierFigures.compute(window.spans(verifierTargets), verifiersUp, verifierTargets.size());
        return new StackFigures(window.atEpochMillis(), window.requested().toNanos() / 1e9, gateway, verifier, perTarget);
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // records of strings and numbers: cannot happen
        }
    }

    public static StackFigures fromJson(String json) {
        try {
            return MAPPER.readValue(json, StackFigures.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a StackFigures document: " + e.getOriginalMessage(), e);
        }
    }
}
