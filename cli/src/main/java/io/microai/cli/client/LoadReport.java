package io.microai.cli.client;

import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.http.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summary of a load run, as text or JSON on stdout, and the rate-limit advice on stderr. */
final class LoadReport {
    /** The latency quantiles reported, with their JSON keys. */
    private static final Map<String, Double> QUANTILES = quantiles();
    /** Figures are rounded to this many decimals in JSON: finer digits are noise for a load test. */
    private static final double ROUNDING = 100;

    private final LoadStats stats;
    private final double seconds;
    private final Reconciliation.Result counts;
    private final boolean spread;
    private final List<PaymentProtocol> protocols;

    LoadReport(LoadStats stats, double seconds, Reconciliation.Result counts, boolean spread, List<PaymentProtocol> protocols) {
        this.stats = stats;
        this.seconds = seconds;
        this.counts = counts;
        this.spread = spread;
        this.protocols = protocols;
    }

    void print(PrintWriter out, PrintWriter err, boolean json) throws Exception {
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary()));
        } else {
            text(out);
        }
        stats.firstUnpayableReason().ifPresent(reason -> err.printf("note: %d flows could not pay their 402; the first because %s%n",
                stats.unpayableFlows(), reason));
        stats.limitedTiers().forEach((tier, count) -> {
            String env = tier.toUpperCase(Locale.ROOT);
            err.printf("note: %d requests were rate limited by the %s tier; raise it with -e RATE_LIMIT_%s_BURST=<n> -e RATE_LIMIT_%s_RPM=<n> on stack up (or the same env vars on the gateway)%n",
                    count, tier, env, env);
        });
        out.flush();
    }

    private boolean fleet() {
        return counts.byGateway().size() > 1;
    }

    private Map<String, Object> summary() {
        ServerCounters before = counts.before();
        ServerCounters after = counts.after();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("flows", stats.flows());
        summary.put("requests", stats.requests());
        summary.put("seconds", round(seconds));
        summary.put("flows_per_second", round(stats.flows() / seconds));
        summary.put("requests_per_second", round(stats.requests() / seconds));
        summary.put("protocols", protocols.stream().map(PaymentProtocol::configName).toList());
        summary.put("client_status_counts", stats.statuses());
        summary.put("client_status_counts_by_protocol", stats.statusesByProtocol());
        summary.put("paid_status_counts_by_protocol", stats.paidStatusesByProtocol());
        summary.put("unpayable_flows", stats.unpayableFlows());
        summary.put("client_cache", stats.cacheOutcomes());
        summary.put("flow_latency_ms", percentiles(stats.flowLatency()));
        summary.put("paid_request_latency_ms", percentiles(stats.paidLatency()));
        summary.put("server_status_deltas", counts.server());
        summary.put("server_payment_deltas_by_protocol", after.paymentsMinus(before));
        if (fleet()) {
            summary.put("gateways", List.copyOf(counts.byGateway().keySet()));
            summary.put("spread", spread);
            summary.put("server_status_deltas_by_gateway", counts.byGateway());
        }
        summary.put("server_cache_hits", round(after.cacheHits() - before.cacheHits()));
        summary.put("server_cache_misses", round(after.cacheMisses() - before.cacheMisses()));
        summary.put("server_verification_success", round(after.verifiedOk() - before.verifiedOk()));
        summary.put("server_verification_failure", round(after.verifiedFailed() - before.verifiedFailed()));
        summary.put("counts_agree", counts.agree());
        summary.put("payments_agree", counts.paymentsAgree());
        summary.put("rate_limited_by_tier", stats.limitedTiers());
        return summary;
    }

    private void text(PrintWriter out) {
        ServerCounters before = counts.before();
        ServerCounters after = counts.after();
        out.printf("flows     %d in %.1f s: %.1f flows/s, %d HTTP requests (%.1f req/s)%n",
                stats.flows(), seconds, stats.flows() / seconds, stats.requests(), stats.requests() / seconds);
        out.printf("client    %s%n", stats.statuses());
        if (stats.statusesByProtocol().size() > 1) {
            Map<String, Map<String, Long>> paid = stats.paidStatusesByProtocol();
            stats.statusesByProtocol().forEach((protocol, statuses) -> out.printf("          %-8s %s, paid retries %s%n",
                    protocol, statuses, paid.getOrDefault(protocol, Map.of())));
        }
        if (stats.unpayableFlows() > 0) {
            out.printf("unpayable %d flows got a 402 they could not pay in their protocol%n", stats.unpayableFlows());
        }
        out.printf("server    %s  (%s{path=\"%s\"} deltas%s)%n", counts.server(), GatewayFamilies.REQUESTS, ServerCounters.PATH,
                fleet() ? ", summed over " + counts.byGateway().size() + " gateways" : "");
        if (fleet()) {
            counts.byGateway().forEach((g, d) -> out.printf("          %s %s%n", g, d));
            if (spread) {
                out.println("spread    each paid retry went to the next gateway than its challenge");
            }
        }
        Map<String, Map<String, Long>> payments = after.paymentsMinus(before);
        if (!payments.isEmpty()) {
            out.printf("payments  %s  (%s deltas by protocol and outcome)%n", payments, GatewayFamilies.PAYMENTS);
        }
        out.printf("agree     %s%n", counts.agree() ? "yes: every request sent was counted once" : "NO: client and server counts differ");
        if (!counts.paymentsAgree()) {
            out.printf("          NO: paid retries by protocol %s, the gateway counted %s%n", counts.clientPayments(), counts.serverPayments());
        } else if (!payments.isEmpty()) {
            out.printf("          and every paid retry was counted once as a payment of its protocol%n");
        }
        out.printf("latency   full flow %s; paid request %s%n", format(stats.flowLatency()), format(stats.paidLatency()));
        out.printf("cache     client saw %s; server %.0f hits, %.0f misses;  verification %.0f ok, %.0f failed%n",
                stats.cacheOutcomes(),
                after.cacheHits() - before.cacheHits(), after.cacheMisses() - before.cacheMisses(),
                after.verifiedOk() - before.verifiedOk(), after.verifiedFailed() - before.verifiedFailed());
    }

    private static Map<String, Double> quantiles() {
        Map<String, Double> q = new LinkedHashMap<>();
        q.put("p50", 0.50);
        q.put("p95", 0.95);
        q.put("p99", 0.99);
        return q;
    }

    private static Map<String, Double> percentiles(LoadStats.Latencies latencies) {
        Map<String, Double> p = new LinkedHashMap<>();
        QUANTILES.forEach((name, q) -> p.put(name, round(latencies.percentileMillis(q))));
        return p;
    }

    private static String format(LoadStats.Latencies l) {
        StringBuilder text = new StringBuilder();
        QUANTILES.forEach((name, q) -> text.append(text.length() == 0 ? "" : ", ")
                .append(String.format("%s %.1f ms", name, l.percentileMillis(q))));
        return text.toString();
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * ROUNDING) / ROUNDING;
    }
}
