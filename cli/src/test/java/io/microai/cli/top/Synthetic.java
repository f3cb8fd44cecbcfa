package io.microai.cli.top;

import io.microai.shared.scrape.History;
import io.microai.shared.scrape.ParseException;
import io.microai.shared.scrape.Scrape;
import io.microai.shared.scrape.ScrapeResult;
import io.microai.shared.scrape.StackFigures;
import java.time.Duration;
import java.util.List;

/**
 * Hand-written expositions of two gateways and a verifier, scraped 10 s apart, and the figures they
 * give. Between the scrapes:
 * <ul>
 *   <li>gateway A: /api/ai/summarize 80×200, 10×402, 10×500 (p99 ≈ 975 ms); /health 50×200 (fast);
 *       /metrics 10×200; /admin/boom 5×503; 3 rate-limit hits; cache 6 hits / 2 misses;
 *       verifications 9 success / 1 failure; 4 in flight; payments x402 20 verified, 1 refused,
 *       1 unavailable, x402-v1 4 verified, legacy 9 verified and 1 refused, and 50 of a protocol
 *       outside the closed set</li>
 *   <li>gateway B: /api/ai/summarize 20×200; 1 in flight; payments x402 8 verified</li>
 *   <li>verifier: 40 requests, 30 valid, invalid high_s 6 and bad_signature 4</li>
 * </ul>
 * So: 18.5 req/s, 5xx 15/185 (8.1 %), /api/ai/summarize 12 req/s; payments x402 3/s (93.3 % verified),
 * x402-v1 0.4/s (100 %), legacy 1/s (90 %); verifier 4/s, success 75 %.
 */
final class Synthetic {
    static final String GW_A = "http://10.0.0.1:3000/metrics";
    static final String GW_B = "http://10.0.0.2:3000/metrics";
    static final String VERIFIER = "http://10.0.0.3:3001/metrics";
    static final long T0_MILLIS = 1_700_000_000_000L;

    private Synthetic() {
    }

    static String gatewayA(int k) {
        return counter("gateway_requests_total", "path=\"/api/ai/summarize\",status=\"200\"", 80 * k)
                + counter("gateway_requests_total", "path=\"/api/ai/summarize\",status=\"402\"", 10 * k)
                + counter("gateway_requests_total", "path=\"/api/ai/summarize\",status=\"500\"", 10 * k)
                + counter("gateway_requests_total", "path=\"/health\",status=\"200\"", 50 * k)
                + counter("gateway_requests_total", "path=\"/metrics\",status=\"200\"", 10 * k)
                + counter("gateway_requests_total", "path=\"/admin/boom\",status=\"503\"", 5 * k)
                + buckets("/api/ai/summarize", k, 50, 80, 100, 100)
                + buckets("/health", k, 50, 50, 50, 50)
                + buckets("/metrics", k, 9, 10, 10, 10)
                + buckets("/admin/boom", k, 5, 5, 5, 5)
                + "gateway_active_requests 4\n"
                + counter("gateway_cache_hits_total", "", 6 * k)
                + counter("gateway_cache_misses_total", "", 2 * k)
                + counter("gateway_rate_limit_hits_total", "tier=\"anonymous\"", 3 * k)
                + counter("gateway_verification_total", "result=\"success\"", 9 * k)
                + counter("gateway_verification_total", "result=\"failure\"", k)
                + counter("gateway_payments_total", "protocol=\"x402\",outcome=\"verified\"", 20 * k)
                + counter("gateway_payments_total", "protocol=\"x402\",outcome=\"refused\"", k)
                + counter("gateway_payments_total", "protocol=\"x402\",outcome=\"unavailable\"", k)
                + counter("gateway_payments_total", "protocol=\"x402-v1\",outcome=\"verified\"", 4 * k)
                + counter("gateway_payments_total", "protocol=\"legacy\",outcome=\"verified\"", 9 * k)
                + counter("gateway_payments_total", "protocol=\"legacy\",outcome=\"refused\"", k)
                + counter("gateway_payments_total", "protocol=\"x402-v9\",outcome=\"verified\"", 50 * k)
                + "jvm_threads_live_threads 20\n";
    }

    static String gatewayB(int k) {
        return counter("gateway_requests_total", "path=\"/api/ai/summarize\",status=\"200\"", 20 * k)
                + buckets("/api/ai/summarize", k, 20, 20, 20, 20)
                + counter("gateway_payments_total", "protocol=\"x402\",outcome=\"verified\"", 8 * k)
                + "gateway_active_requests 1\n";
    }

    static String verifier(int k) {
        return counter("verifier_requests_total", "status=\"200\"", 30 * k)
                + counter("verifier_requests_total", "status=\"400\"", 10 * k)
                + counter("verifier_signature_valid_total", "", 30 * k)
                + counter("verifier_signature_invalid_total", "reason=\"high_s\"", 6 * k)
                + counter("verifier_signature_invalid_total", "reason=\"bad_signature\"", 4 * k)
                + counter("verifier_signature_invalid_total", "reason=\"invalid_json\"", 0)
                + "verifier_request_duration_seconds_bucket{le=\"0.005\"} " + 30 * k + "\n"
                + "verifier_request_duration_seconds_bucket{le=\"0.01\"} " + 40 * k + "\n"
                + "verifier_request_duration_seconds_bucket{le=\"+Inf\"} " + 40 * k + "\n";
    }

    /** Cumulative counts at le 0.005, 0.1, 0.5, 1, +Inf (the last two equal to {@code le1}). */
    private static String buckets(String path, int k, int le01, int le05, int le1, int inf) {
        String p = "gateway_request_duration_seconds_bucket{path=\"" + path + "\",le=\"";
        int fast = path.equals("/health") ? le01 : 0;
        return p + "0.005\"} " + fast * k + "\n"
                + p + "0.1\"} " + le01 * k + "\n"
                + p + "0.5\"} " + le05 * k + "\n"
                + p + "1.0\"} " + le1 * k + "\n"
                + p + "+Inf\"} " + inf * k + "\n";
    }

    private static String counter(String name, String labels, int value) {
        return name + (labels.isEmpty() ? "" : "{" + labels + "}") + " " + value + "\n";
    }

    static ScrapeResult ok(String target, double seconds, String text) {
        try {
            Scrape s = Scrape.parse(target, (long) (seconds * 1e9), T0_MILLIS + (long) (seconds * 1000), text);
            return new ScrapeResult.Success(s, Duration.ofMillis(3));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static History history() {
        History h = new History(10);
        h.recordAll(List.of(ok(GW_A, 0, gatewayA(0)), ok(GW_B, 0, gatewayB(0)), ok(VERIFIER, 0, verifier(0))));
        h.recordAll(List.of(ok(GW_A, 10, gatewayA(1)), ok(GW_B, 10, gatewayB(1)), ok(VERIFIER, 10, verifier(1))));
        return h;
    }

    static StackFigures figures() {
        return StackFigures.compute(history().window(Duration.ofMinutes(1)), List.of(GW_A, GW_B), List.of(VERIFIER));
    }

    /** With sparklines: requests/s rising 0..7 (one of each block), p99 flat. */
    static Snapshot snapshot() {
        java.util.Map<Spark, double[]> sparks = new java.util.EnumMap<>(Spark.class);
        sparks.put(Spark.GW_RPS, new double[] {0, 1, 2, 3, 4, 5, 6, 7});
        sparks.put(Spark.GW_P99, new double[] {0.9, 0.9, 0.9});
        return new Snapshot(figures(), sparks, Duration.ofSeconds(2), 3.0, 0.5);
    }
}
