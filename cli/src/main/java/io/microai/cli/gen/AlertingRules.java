package io.microai.cli.gen;

import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.api.StreamLabels;
import io.microai.shared.api.VerifierFamilies;
import java.util.List;
import java.util.Map;

/** The alerts, built on {@link RecordingRules}; thresholds are documented in each description. */
final class AlertingRules {
    /** Availability SLO of the /api routes over 30 days: 99.9%, so 0.1% of requests may fail. */
    static final String ERROR_BUDGET = "0.001";
    /** A bucket boundary of the gateway's duration histogram, so the quantile is not interpolated across it. */
    static final String P99_LIMIT_SECONDS = "5";
    /** Time to first chunk, p99: a bucket boundary of the stream histograms, which share the request duration's layout. */
    static final String FIRST_CHUNK_LIMIT_SECONDS = "2.5";
    /** Share of the streams that may end other than completed before the alert fires. */
    static final String STREAM_ENDED_BADLY_SHARE = "0.1";

    private AlertingRules() {
    }

    static List<Map<String, Object>> all() {
        return List.of(targetDown(), errorBudgetBurn(), latency(), verificationDrop(), paymentProtocolFailing(),
                settlementFailing(), facilitatorDown(), streamFirstChunkSlow(), streamsEndingBadly(), cacheCollapse(),
                rateLimitSurge());
    }

    private static Map<String, Object> targetDown() {
        // 30s rides out one missed scrape yet shows a stopped service within a minute.
        return Rule.alert("MicroAITargetDown", "up{job=~\"microai-.*\"} == 0", "30s", "critical",
                "{{ $labels.job }} target {{ $labels.instance }} is down",
                "Prometheus has failed to scrape {{ $labels.instance }} (job {{ $labels.job }}) for 30s: the"
                        + " process is stopped or unreachable, or its metrics endpoint is disabled.");
    }

    private static Map<String, Object> errorBudgetBurn() {
        String ratio = "job:gateway_api_requests_errors:ratio_rate";
        String expr = "(\n  " + ratio + "1h > (14.4 * " + ERROR_BUDGET + ")\n  and\n  "
                + ratio + "5m > (14.4 * " + ERROR_BUDGET + ")\n)\nor\n(\n  "
                + ratio + "6h > (6 * " + ERROR_BUDGET + ")\n  and\n  "
                + ratio + "30m > (6 * " + ERROR_BUDGET + ")\n)";
        return Rule.alert("MicroAIGatewayErrorBudgetBurn", expr, "2m", "critical",
                "Gateway API is burning its 99.9% availability error budget",
                "{{ $value | humanizePercentage }} of /api requests on {{ $labels.job }} answer 5xx over the"
                        + " long window: 14.4x the budget over 1h and 5m (2% of a 30-day budget in an hour) or 6x"
                        + " over 6h and 30m (5% in six hours).");
    }

    private static Map<String, Object> latency() {
        return Rule.alert("MicroAIGatewayLatencyP99High",
                "path:gateway_request_duration_seconds:p99_rate5m{" + Promql.API_PATHS + "} > " + P99_LIMIT_SECONDS,
                "10m", "warning",
                "Gateway p99 latency on {{ $labels.path }} is {{ $value | humanizeDuration }}",
                "The 99th percentile of {{ $labels.path }} has been above " + P99_LIMIT_SECONDS + "s for 10"
                        + " minutes; check " + GatewayFamilies.AI_REQUEST_DURATION + " for a slow AI provider.");
    }

    private static Map<String, Object> verificationDrop() {
        String expr = "(\n  job:gateway_verification_success:ratio_rate5m < 0.9\n  and\n"
                + "  job:gateway_verification:rate5m > 0.05\n)\nor\n(\n"
                + "  job:verifier_signature_valid:ratio_rate5m < 0.9\n  and\n"
                + "  job:verifier_requests:rate5m > 0.05\n)";
        return Rule.alert("MicroAIVerificationSuccessDrop", expr, "5m", "warning",
                "Payment verification success on {{ $labels.job }} is {{ $value | humanizePercentage }}",
                "Fewer than 90% of payment verifications on {{ $labels.job }} succeed (with at least 3 per"
                        + " minute): a broken client, an attack, or the verifier failing. See"
                        + " " + GatewayFamilies.VERIFICATION_FAILURES + " and " + VerifierFamilies.SIGNATURE_INVALID + " by reason.");
    }

    /**
     * Per protocol, because one protocol's clients can break alone (a wrong amount or network in their
     * payment requirements, an SDK upgrade) while the others keep the overall success ratio high.
     * Below half, so the refusals a healthy mix always has never reach it.
     */
    private static Map<String, Object> paymentProtocolFailing() {
        String expr = "protocol:gateway_payments_verified:ratio_rate5m < 0.5\nand\nprotocol:gateway_payments:rate5m > 0.05";
        return Rule.alert("MicroAIPaymentProtocolFailing", expr, "10m", "warning",
                "Only {{ $value | humanizePercentage }} of {{ $labels.protocol }} payments pass verification",
                "Fewer than half of the {{ $labels.protocol }} payments (with at least 3 per minute) have passed"
                        + " every check for 10 minutes. The rest were refused (bad signature, replayed nonce, wrong"
                        + " amount or network: that protocol's clients are broken or misconfigured, or someone is"
                        + " probing) or could not be checked (verifier or store down). " + GatewayFamilies.PAYMENTS
                        + " by outcome tells which, " + GatewayFamilies.VERIFICATION_FAILURES + " by reason why.");
    }

    /**
     * Each settlement that fails withholds a result the provider already produced and the client tried to pay
     * for: under 90% settled (with at least 3 a minute) means payers are losing answers, or the gateway work.
     */
    private static Map<String, Object> settlementFailing() {
        String expr = "job:gateway_settlements_settled:ratio_rate5m < 0.9\nand\njob:gateway_settlements:rate5m > 0.05";
        return Rule.alert("MicroAISettlementFailing", expr, "5m", "critical",
                "Only {{ $value | humanizePercentage }} of x402 settlements on {{ $labels.job }} succeed",
                "Fewer than 90% of settlements (with at least 3 per minute) have moved the funds for 5 minutes; the"
                        + " rest were refused by the facilitator or it did not answer, and their results were withheld."
                        + " " + GatewayFamilies.SETTLEMENTS + " by outcome tells which, "
                        + GatewayFamilies.SETTLEMENT_FAILURES + " by reason why (insufficient_funds, transaction_failed: the"
                        + " chain or the settling account; other: read the facilitator's log).");
    }

    /** A gateway whose facilitator does not answer serves no x402 payment at all (503), so it pages quickly. */
    private static Map<String, Object> facilitatorDown() {
        String expr = "max by (job, instance) (" + GatewayFamilies.FACILITATOR_UP + ") == 0";
        return Rule.alert("MicroAIFacilitatorDown", expr, "1m", "critical",
                "Gateway {{ $labels.instance }} cannot reach its x402 facilitator",
                "The facilitator (FACILITATOR_URL) has not answered {{ $labels.instance }}'s calls or probes for a"
                        + " minute: x402 payments there get 503 facilitator_unavailable and nothing is settled. Check the"
                        + " facilitator process and its chain RPC; the gateway recovers by itself when it answers.");
    }

    /**
     * What a reader of a stream waits for is its first chunk, not its end: the payment check and the
     * provider's first tokens. Five minutes, so one slow provider minute does not page.
     */
    private static Map<String, Object> streamFirstChunkSlow() {
        return Rule.alert("MicroAIStreamFirstChunkSlow",
                "path:gateway_stream_first_chunk_seconds:p99_rate5m > " + FIRST_CHUNK_LIMIT_SECONDS, "5m", "warning",
                "Streams on {{ $labels.path }} wait {{ $value | humanizeDuration }} for their first chunk (p99)",
                "The 99th percentile time from a paid stream's arrival to its first chunk on {{ $labels.path }} has"
                        + " been above " + FIRST_CHUNK_LIMIT_SECONDS + "s for 5 minutes: readers look at an empty answer."
                        + " Check " + GatewayFamilies.AI_REQUEST_DURATION + " for a slow AI provider and the verifier's"
                        + " latency for a slow payment check.");
    }

    /**
     * Per outcome, because each has its own cause and owner; with at least 3 streams a minute, so a single
     * reader closing a tab on a quiet gateway stays quiet.
     */
    private static Map<String, Object> streamsEndingBadly() {
        String expr = "job_outcome:gateway_streams:ratio_rate5m{" + Promql.STREAM_NOT_COMPLETED + "} > " + STREAM_ENDED_BADLY_SHARE
                + "\nand ignoring (outcome)\njob:gateway_streams:rate5m > 0.05";
        return Rule.alert("MicroAIStreamsEndingBadly", expr, "10m", "warning",
                "{{ $value | humanizePercentage }} of the streams on {{ $labels.job }} end {{ $labels.outcome }}",
                "More than 10% of the streams on {{ $labels.job }} (with at least 3 per minute) have ended"
                        + " {{ $labels.outcome }} rather than " + StreamLabels.COMPLETED + " for 10 minutes. "
                        + StreamLabels.CLIENT_GONE + ": readers leave before the end (streams too slow, a client timeout,"
                        + " a proxy that cuts long responses); nothing is settled for them. " + StreamLabels.PROVIDER_ERROR
                        + ": the AI provider fails before or during the stream. " + StreamLabels.TIMEOUT + ": the provider"
                        + " goes quiet past the idle timeout, or streams outlive their total budget. See "
                        + GatewayFamilies.STREAMS + " by outcome and " + GatewayFamilies.AI_REQUEST_DURATION + ".");
    }

    private static Map<String, Object> cacheCollapse() {
        String expr = "job:gateway_cache_hits:ratio_rate5m < 0.5 * job:gateway_cache_hits:ratio_rate1h\n"
                + "and\njob:gateway_cache_lookups:rate5m > 0.05";
        return Rule.alert("MicroAICacheHitCollapse", expr, "10m", "warning",
                "Gateway cache hit ratio on {{ $labels.job }} collapsed to {{ $value | humanizePercentage }}",
                "The 5-minute cache hit ratio is under half of the last hour's for 10 minutes (with at least"
                        + " 3 lookups per minute): restarts emptied the caches, entries expire too early"
                        + " (CACHE_TTL_SECONDS, CACHE_MAX_ENTRIES) or the request mix changed, and the AI provider"
                        + " takes the load.");
    }

    private static Map<String, Object> rateLimitSurge() {
        String expr = "job:gateway_rate_limit_hits:ratio_rate5m > 0.1\nand\njob:gateway_rate_limit_hits:rate5m > 0.1";
        return Rule.alert("MicroAIRateLimitSurge", expr, "5m", "warning",
                "{{ $value | humanizePercentage }} of gateway requests on {{ $labels.job }} are rate limited",
                "More than 10% of requests (and over 6 per minute) have been answered 429 for 5 minutes: a"
                        + " client is flooding the gateway, or the RATE_LIMIT_* tiers are too tight for real traffic.");
    }
}
