package io.microai.cli.client;

import io.microai.shared.scrape.Sample;
import io.microai.shared.scrape.Scrape;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** The gateway's own counts for one route, read from its /metrics, to check against the client's. */
record ServerCounters(Map<String, Long> byStatus, double cacheHits, double cacheMisses, double verifiedOk, double verifiedFailed) {
    static final String PATH = "/api/ai/summarize";

    static ServerCounters read(HttpClient http, String metricsUrl) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain;version=0.0.4").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + metricsUrl + " answered " + response.statusCode());
        }
        Scrape scrape = Scrape.parse(metricsUrl, System.nanoTime(), System.currentTimeMillis(), response.body());
        Map<String, Long> byStatus = new TreeMap<>();
        for (Sample s : scrape.samples("gateway_requests_total")) {
            if (PATH.equals(s.labels().get("path"))) {
                byStatus.merge(s.labels().get("status"), (long) s.value(), Long::sum);
            }
        }
        return new ServerCounters(byStatus,
                sum(scrape, "gateway_cache_hits_total", "path", PATH), sum(scrape, "gateway_cache_misses_total", "path", PATH),
                sum(scrape, "gateway_verification_total", "result", "success"), sum(scrape, "gateway_verification_total", "result", "failure"));
    }

    private static double sum(Scrape scrape, String name, String label, String value) {
        double total = 0;
        for (Sample s : scrape.samples(name)) {
            if (value.equals(s.labels().get(label))) {
                total += s.value();
            }
        }
        return total;
    }

    /** The sum of several gateways' readings (a fleet). */
    static ServerCounters sum(java.util.List<ServerCounters> readings) {
        Map<String, Long> byStatus = new TreeMap<>();
        double hits = 0;
        double misses = 0;
        double ok = 0;
        double failed = 0;
        for (ServerCounters r : readings) {
            r.byStatus.forEach((status, count) -> byStatus.merge(status, count, Long::sum));
            hits += r.cacheHits;
            misses += r.cacheMisses;
            ok += r.verifiedOk;
            failed += r.verifiedFailed;
        }
        return new ServerCounters(byStatus, hits, misses, ok, failed);
    }

    /** Per-status increase from {@code before} to this reading. */
    Map<String, Long> minus(ServerCounters before) {
        Map<String, Long> delta = new TreeMap<>();
        byStatus.forEach((status, count) -> {
            long d = count - before.byStatus.getOrDefault(status, 0L);
            if (d != 0) {
                delta.put(status, d);
            }
        });
        return delta;
    }
}
