package io.microai.cli.gen;

import static io.microai.cli.gen.Promql.API_PATHS;
import static io.microai.cli.gen.Promql.SERVER_ERRORS;
import static io.microai.cli.gen.Promql.quantile;
import static io.microai.cli.gen.Promql.ratio;
import static io.microai.cli.gen.Promql.sumRate;

import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.api.SettlementLabels;
import io.microai.shared.api.VerifierFamilies;
import java.util.List;

/**
 * What the dashboard shows. Queries read only the families the services export (never recording
 * rules), so the dashboard works against a Prometheus that has not loaded rules.yml.
 */
final class DashboardPanels {
    /** Grafana picks a window of at least four scrapes, so rates stay smooth at any zoom. */
    private static final String W = "$__rate_interval";
    private static final String OUR_JOBS = "job=~\"microai-.*\"";

    private DashboardPanels() {
    }

    static List<Object> all() {
        PanelGrid grid = new PanelGrid();
        overview(grid);
        revenue(grid);
        gatewayRed(grid);
        gatewayProtection(grid);
        streaming(grid);
        verification(grid);
        verifierRed(grid);
        jvm(grid);
        return grid.panels();
    }

    private static void overview(PanelGrid grid) {
        grid.row("Overview");
        grid.add(Panel.stat("Gateway requests/s", "reqps", "All gateway requests, every route.")
                .query(sumRate("", GatewayFamilies.REQUESTS, "", W), "requests/s"), 4, 4);
        grid.add(Panel.stat("API 5xx ratio", "percentunit", "Share of /api requests answered 5xx; the SLO allows 0.1%.")
                .query(ratio("", GatewayFamilies.REQUESTS, API_PATHS, SERVER_ERRORS, W), "5xx")
                .thresholds(0.001, 0.01), 4, 4);
        grid.add(Panel.stat("API p99 latency", "s", "99th percentile duration of /api requests.")
                .query(quantile("0.99", "", GatewayFamilies.REQUEST_DURATION, API_PATHS, W), "p99")
                .thresholds(2.5, Double.parseDouble(AlertingRules.P99_LIMIT_SECONDS)), 4, 4);
        grid.add(Panel.stat("Cache hit ratio", "percentunit", "Paid requests answered from the cache.")
                .query(Promql.cacheHitRatio("", W), "hit ratio"), 4, 4);
        grid.add(Panel.stat("Verification success", "percentunit", "Gateway payment verifications that succeeded.")
                .query(ratio("", GatewayFamilies.VERIFICATION, "", "result=\"success\"", W), "success")
                .thresholdsLowIsBad(0.8, 0.9), 4, 4);
        grid.add(Panel.stat("In-flight requests", "short", "Gateway requests being served now, all instances.")
                .query("sum(" + GatewayFamilies.ACTIVE_REQUESTS + ")", "in flight"), 4, 4);
    }

    private static void revenue(PanelGrid grid) {
        grid.row("Revenue and settlement");
        grid.add(Panel.stat("Revenue per minute", "short",
                        "Settled x402 payments in whole tokens per minute (atomic units over 10^decimals of the payment"
                                + " token). Zero when no facilitator settles: payments are then verified only.")
                .query(Promql.revenuePerMinute("", W), "tokens/min"), 6, 4);
        grid.add(Panel.stat("Settlement success", "percentunit",
                        "Settlements that moved the funds; a failed one withholds its result from the payer.")
                .query(ratio("", GatewayFamilies.SETTLEMENTS, "", Promql.SETTLED, W), "settled")
                .thresholdsLowIsBad(0.9, 0.99), 6, 4);
        grid.add(Panel.stat("Facilitator p99", "s", "99th percentile of facilitator calls (verify and settle).")
                .query(quantile("0.99", "", GatewayFamilies.FACILITATOR_REQUEST_DURATION, "operation=~\"verify|settle\"", W), "p99"),
                6, 4);
        grid.add(Panel.stat("Gateways settling nothing", "short",
                        "Gateways without a facilitator (settlement mode none): their payments move no funds.")
                .query("sum(" + GatewayFamilies.SETTLEMENT_MODE + "{mode=\"" + SettlementLabels.MODE_NONE + "\"})", "mode none")
                .thresholds(0.5, 1), 6, 4);
        grid.add(Panel.timeseries("Revenue per minute", "short", "Whole tokens settled per minute, per gateway job.")
                .query(Promql.revenuePerMinute("job", W), "{{job}}"), 8, 8);
        grid.add(Panel.timeseries("Settlements by outcome", "reqps",
                        "settled (funds moved, result delivered), failed (the facilitator refused: result withheld),"
                                + " unavailable (no answer: result withheld).")
                .query(sumRate("protocol, outcome", GatewayFamilies.SETTLEMENTS, "", W), "{{protocol}} {{outcome}}"), 8, 8);
        grid.add(Panel.timeseries("Facilitator refusals by reason", "reqps",
                        "Payments the facilitator refused at verify (nothing served) or settle (result withheld).")
                .query(sumRate("operation, reason", GatewayFamilies.SETTLEMENT_FAILURES, "", W), "{{operation}} {{reason}}"), 8, 8);
        Panel latency = Panel.timeseries("Facilitator latency (p50, p99)", "s", "Facilitator calls per operation.");
        latency.query(quantile("0.5", "operation", GatewayFamilies.FACILITATOR_REQUEST_DURATION, "", W), "p50 {{operation}}");
        latency.query(quantile("0.99", "operation", GatewayFamilies.FACILITATOR_REQUEST_DURATION, "", W), "p99 {{operation}}");
        grid.add(latency, 12, 8);
        grid.add(Panel.timeseries("Facilitator reachable", "short", "1 while the facilitator answers each gateway, 0 when it is down.")
                .query("max by (instance) (" + GatewayFamilies.FACILITATOR_UP + ")", "{{instance}}"), 12, 8);
    }

    private static void gatewayRed(PanelGrid grid) {
        grid.row("Gateway: rate, errors, duration");
        grid.add(Panel.timeseries("Requests by route", "reqps", "Request rate per route template.")
                .query(sumRate("path", GatewayFamilies.REQUESTS, "", W), "{{path}}"), 12, 8);
        grid.add(Panel.timeseries("Responses by status", "reqps", "Request rate per HTTP status; 402 is the payment challenge.")
                .query(sumRate("status", GatewayFamilies.REQUESTS, "", W), "{{status}}"), 12, 8);
        grid.add(Panel.timeseries("5xx ratio by route", "percentunit", "Share of each route's requests answered 5xx.")
                .query(ratio("path", GatewayFamilies.REQUESTS, "", SERVER_ERRORS, W), "{{path}}"), 12, 8);
        Panel latency = Panel.timeseries("Latency by route (p50, p95, p99)", "s",
                "Request duration quantiles per route, from the duration histogram; the dots are exemplars (trace_id = correlation id).")
                .withExemplars();
        for (String[] q : RecordingRules.QUANTILES) {
            latency.query(quantile(q[1], "path", GatewayFamilies.REQUEST_DURATION, "", W), q[0] + " {{path}}");
        }
        grid.add(latency, 12, 8);
    }

    private static void gatewayProtection(PanelGrid grid) {
        grid.row("Gateway: cache, rate limits, load");
        grid.add(Panel.timeseries("Cache hit ratio by route", "percentunit", "Hits over hits plus misses, per paid route.")
                .query(Promql.cacheHitRatio("path", W), "{{path}}"), 8, 8);
        grid.add(Panel.timeseries("Rate-limit rejections by route", "reqps", "Requests answered 429 by the rate limiter.")
                .query(sumRate("path", GatewayFamilies.RATE_LIMIT_HITS, "", W), "{{path}}"), 8, 8);
        grid.add(Panel.timeseries("In-flight requests", "short", "Requests being served, per gateway instance.")
                .query("sum by (instance) (" + GatewayFamilies.ACTIVE_REQUESTS + ")", "{{instance}}"), 8, 8);
        Panel ai = Panel.timeseries("AI provider latency (p50, p99)", "s", "Time spent in the AI provider, per provider; the dots are exemplars.")
                .withExemplars();
        ai.query(quantile("0.5", "provider", GatewayFamilies.AI_REQUEST_DURATION, "", W), "p50 {{provider}}");
        ai.query(quantile("0.99", "provider", GatewayFamilies.AI_REQUEST_DURATION, "", W), "p99 {{provider}}");
        grid.add(ai, 12, 8);
        grid.add(Panel.timeseries("AI provider calls by outcome", "reqps", "AI calls per provider and outcome (ok, timeout, unavailable, bad_response).")
                .query(sumRate("provider, outcome", GatewayFamilies.AI_REQUEST_DURATION + "_count", "", W),
                        "{{provider}} {{outcome}}"), 12, 8);
    }

    private static void streaming(PanelGrid grid) {
        grid.row("Streaming");
        grid.add(Panel.stat("Stream time to first chunk p99", "s",
                        "99th percentile from a paid stream's arrival to its first chunk: what a reader waits for.")
                .query(quantile("0.99", "", GatewayFamilies.STREAM_FIRST_CHUNK, "", W), "p99")
                .thresholds(1, Double.parseDouble(AlertingRules.FIRST_CHUNK_LIMIT_SECONDS)), 6, 4);
        grid.add(Panel.stat("Streams/s", "reqps", "Streams that ended, every outcome, all gateways.")
                .query(sumRate("", GatewayFamilies.STREAMS, "", W), "streams/s"), 6, 4);
        grid.add(Panel.stat("Streams in flight", "short", "Streams between their first event and their end, all gateways.")
                .query("sum(" + GatewayFamilies.STREAMS_IN_FLIGHT + ")", "in flight"), 6, 4);
        grid.add(Panel.stat("Streams ended badly", "percentunit",
                        "Share of the streams that ended client_gone, provider_error or timeout rather than completed.")
                .query(ratio("", GatewayFamilies.STREAMS, "", Promql.STREAM_NOT_COMPLETED, W), "not completed")
                .thresholds(0.01, Double.parseDouble(AlertingRules.STREAM_ENDED_BADLY_SHARE)), 6, 4);
        Panel first = Panel.timeseries("Time to first chunk (p50, p99)", "s", "From a paid stream's arrival to its first chunk, per route.");
        first.query(quantile("0.5", "path", GatewayFamilies.STREAM_FIRST_CHUNK, "", W), "p50 {{path}}");
        first.query(quantile("0.99", "path", GatewayFamilies.STREAM_FIRST_CHUNK, "", W), "p99 {{path}}");
        grid.add(first, 12, 8);
        Panel duration = Panel.timeseries("Stream duration (p50, p99)", "s", "From arrival to the stream's end, whatever ended it, per route.");
        duration.query(quantile("0.5", "path", GatewayFamilies.STREAM_DURATION, "", W), "p50 {{path}}");
        duration.query(quantile("0.99", "path", GatewayFamilies.STREAM_DURATION, "", W), "p99 {{path}}");
        grid.add(duration, 12, 8);
        grid.add(Panel.timeseries("Streams by outcome", "reqps",
                        "completed (every chunk and done), client_gone (the reader left; nothing settled), provider_error"
                                + " (the provider failed), timeout (the provider went quiet, or the stream ran too long).")
                .query(sumRate("outcome", GatewayFamilies.STREAMS, "", W), "{{outcome}}"), 6, 8);
        grid.add(Panel.timeseries("In-flight streams", "short", "Open streams per gateway instance.")
                .query("sum by (instance) (" + GatewayFamilies.STREAMS_IN_FLIGHT + ")", "{{instance}}"), 6, 8);
        grid.add(Panel.timeseries("Stream chunks/s", "cps", "Chunk events written to streaming clients, per route.")
                .query(sumRate("path", GatewayFamilies.STREAM_CHUNKS, "", W), "{{path}}"), 6, 8);
        grid.add(Panel.timeseries("Stream bytes/s", "Bps", "Summary text (UTF-8) written in chunk events, per route.")
                .query(sumRate("path", GatewayFamilies.STREAM_BYTES, "", W), "{{path}}"), 6, 8);
    }

    private static void verification(PanelGrid grid) {
        grid.row("Payment verification");
        grid.add(Panel.timeseries("Verification success ratio", "percentunit",
                        "Gateway: payment checks that passed. Verifier: signatures it could recover.")
                .query(ratio("", GatewayFamilies.VERIFICATION, "", "result=\"success\"", W), "gateway")
                .query(sumRate("", VerifierFamilies.SIGNATURE_VALID, "", W) + "\n/\n"
                        + sumRate("", VerifierFamilies.REQUESTS, "", W), "verifier"), 12, 8);
        grid.add(Panel.timeseries("Gateway verification failures by reason", "reqps",
                        "Why the gateway refused payments (nonce reuse, bad signatures, verifier trouble).")
                .query(sumRate("reason", GatewayFamilies.VERIFICATION_FAILURES, "", W), "{{reason}}"), 12, 8);
        grid.add(Panel.timeseries("Payments by protocol", "reqps",
                        "Paid attempts per protocol (x402, x402-v1, legacy) and outcome: verified (the request goes on),"
                                + " refused (a 4xx: bad signature, replay, wrong amount) or unavailable (the gateway could"
                                + " not check it).")
                .query(sumRate("protocol, outcome", GatewayFamilies.PAYMENTS, "", W), "{{protocol}} {{outcome}}"), 12, 8);
        grid.add(Panel.timeseries("Verified share by protocol", "percentunit",
                        "Share of each protocol's payments that passed every check; a protocol alone below the others"
                                + " points at its clients.")
                .query(ratio("protocol", GatewayFamilies.PAYMENTS, "", Promql.PAYMENT_VERIFIED, W), "{{protocol}}"), 12, 8);
    }

    private static void verifierRed(PanelGrid grid) {
        grid.row("Verifier: rate, errors, duration");
        grid.add(Panel.timeseries("Verifier requests by status", "reqps", "POST /verify answers per HTTP status.")
                .query(sumRate("status", VerifierFamilies.REQUESTS, "", W), "{{status}}"), 12, 8);
        grid.add(Panel.timeseries("Verifier refusal ratio", "percentunit", "Share of POST /verify requests refused (400, 413).")
                .query(ratio("", VerifierFamilies.REQUESTS, "", "status!=\"200\"", W), "refused"), 12, 8);
        Panel latency = Panel.timeseries("Verifier latency (p50, p95, p99)", "s", "Time to answer POST /verify; the dots are exemplars.")
                .withExemplars();
        for (String[] q : RecordingRules.QUANTILES) {
            latency.query(quantile(q[1], "", VerifierFamilies.REQUEST_DURATION, "", W), q[0]);
        }
        grid.add(latency, 12, 8);
        grid.add(Panel.timeseries("Invalid signatures by reason", "reqps", "Refused verifications per error code.")
                .query(sumRate("reason", VerifierFamilies.SIGNATURE_INVALID, "", W), "{{reason}}"), 12, 8);
    }

    private static void jvm(PanelGrid grid) {
        grid.row("JVM and process");
        grid.add(Panel.timeseries("Heap used", "bytes", "JVM heap in use per instance.")
                .query("sum by (job, instance) (jvm_memory_used_bytes{" + OUR_JOBS + ", area=\"heap\"})",
                        "{{job}} {{instance}}"), 6, 8);
        grid.add(Panel.timeseries("Threads", "short", "Live JVM threads per instance.")
                .query("jvm_threads_current{" + OUR_JOBS + "}", "{{job}} {{instance}}"), 6, 8);
        grid.add(Panel.timeseries("CPU", "percentunit", "Process CPU time per second (1 = one core).")
                .query("rate(process_cpu_seconds_total{" + OUR_JOBS + "}[" + W + "])", "{{job}} {{instance}}"), 6, 8);
        grid.add(Panel.timeseries("GC time", "percentunit", "Share of wall time spent in garbage collection.")
                .query("sum by (job, instance) (rate(jvm_gc_collection_seconds_sum{" + OUR_JOBS + "}[" + W + "]))",
                        "{{job}} {{instance}}"), 6, 8);
    }
}
