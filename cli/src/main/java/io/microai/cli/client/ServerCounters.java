package io.microai.cli.client;

import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.scrape.Sample;
import io.microai.shared.scrape.Scrape;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway's own counts for the paid route, read from its metrics, to check against the client's.
 *
 * @param payments paid attempts by protocol and outcome ({@code gateway_payments_total}); empty for a gateway that
 *                 does not export the family
 */
record ServerCounters(Map<String, Long> byStatus, double cacheHits, double cacheMisses, double verifiedOk, double verifiedFailed,
                      Map<String, Map<String, Long>> payments) {
    /** The route a load run sends to; only its counts are compared, so other routes' traffic does not matter. */
    static final String PATH = GatewayApi.SUMMARIZE_PATH;

    static ServerCounters of(Scrape scrape) {
        Map<String, Long> byStatus = new TreeMap<>();
        for (Sample s : scrape.samples(GatewayFamilies.REQUESTS)) {
            if (PATH.equals(s.labels().get("path"))) {
                byStatus.merge(s.labels().get("status"), (long) s.value(), Long::sum);
            }
        }
        Map<String, Map<String, Long>> payments = new TreeMap<>();
        for (Sample s : scrape.samples(GatewayFamilies.PAYMENTS)) {
            payments.computeIfAbsent(s.labels().get("protocol"), k -> new TreeMap<>())
                    .merge(s.labels().get("outcome"), (long) s.value(), Long::sum);
        }
        return new ServerCounters(byStatus,
                sum(scrape, GatewayFamilies.CACHE_HITS, "path", PATH), sum(scrape, GatewayFamilies.CACHE_MISSES, "path", PATH),
                sum(scrape, GatewayFamilies.VERIFICATION, "result", "success"),
                sum(scrape, GatewayFamilies.VERIFICATION, "result", "failure"), payments);
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
        Map<String, Map<String, Long>> payments = new TreeMap<>();
        for (ServerCounters r : readings) {
            r.payments.forEach((protocol, outcomes) -> outcomes.forEach((outcome, count) ->
                    payments.computeIfAbsent(protocol, k -> new TreeMap<>()).merge(outcome, count, Long::sum)));
            r.byStatus.forEach((status, count) -> byStatus.merge(status, count, Long::sum));
            hits += r.cacheHits;
            misses += r.cacheMisses;
            ok += r.verifiedOk;
            failed += r.verifiedFailed;
        }
        return new ServerCounters(byStatus, hits, misses, ok, failed, payments);
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

    /** Per-protocol, per-outcome increase of the paid attempts from {@code before} to this reading; zeros left out. */
    Map<String, Map<String, Long>> paymentsMinus(ServerCounters before) {
        Map<String, Map<String, Long>> delta = new TreeMap<>();
        payments.forEach((protocol, outcomes) -> outcomes.forEach((outcome, count) -> {
            long d = count - before.payments.getOrDefault(protocol, Map.of()).getOrDefault(outcome, 0L);
            if (d != 0) {
                delta.computeIfAbsent(protocol, k -> new TreeMap<>()).put(outcome, d);
            }
        }));
        return delta;
    }

    /** Every requested increase counted, whatever its status. */
    static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
