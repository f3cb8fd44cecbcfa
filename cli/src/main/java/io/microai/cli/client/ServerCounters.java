package io.microai.cli.client;

import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.scrape.Sample;
import io.microai.shared.scrape.Scrape;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The gateway's own counts for the paid route, read from its metrics, to check against the client's. */
record ServerCounters(Map<String, Long> byStatus, double cacheHits, double cacheMisses, double verifiedOk, double verifiedFailed) {
    /** The route a load run sends to; only its counts are compared, so other routes' traffic does not matter. */
    static final String PATH = GatewayApi.SUMMARIZE_PATH;

    static ServerCounters of(Scrape scrape) {
        Map<String, Long> byStatus = new TreeMap<>();
        for (Sample s : scrape.samples(GatewayFamilies.REQUESTS)) {
            if (PATH.equals(s.labels().get("path"))) {
                byStatus.merge(s.labels().get("status"), (long) s.value(), Long::sum);
            }
        }
        return new ServerCounters(byStatus,
                sum(scrape, GatewayFamilies.CACHE_HITS, "path", PATH), sum(scrape, GatewayFamilies.CACHE_MISSES, "path", PATH),
                sum(scrape, GatewayFamilies.VERIFICATION, "result", "success"),
                sum(scrape, GatewayFamilies.VERIFICATION, "result", "failure"));
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
    static ServerCounters sum(List<ServerCounters> readings) {
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

    /** Every requested increase counted, whatever its status. */
    static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
