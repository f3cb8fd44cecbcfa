package io.microai.cli.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The check that makes {@code microai load} more than a traffic generator: the gateways' own request counters
 * are read before and after the run, and their increase must equal what the client sent, status by status.
 * Where the gateways count paid attempts by protocol ({@code gateway_payments_total}), each protocol's paid
 * attempts must also equal the client's paid retries of that protocol that reached the payment step (all but
 * the rate limiter's 429s).
 */
final class Reconciliation {
    /**
     * The gateway counts a request when its response is complete, a moment after the client has read it, so the
     * last counts may lag. The totals are re-read every {@link #SETTLE_POLL} until they meet, for at most this long.
     */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SETTLE_POLL = Duration.ofMillis(100);

    private final GatewayMetrics metrics;
    private final List<String> bases;
    private final List<ServerCounters> before;

    private Reconciliation(GatewayMetrics metrics, List<String> bases, List<ServerCounters> before) {
        this.metrics = metrics;
        this.bases = bases;
        this.before = before;
    }

    /** Reads every gateway's counters before the run; fails, before any traffic, when one cannot be read. */
    static Reconciliation before(GatewayMetrics metrics, List<String> bases) {
        return new Reconciliation(metrics, bases, metrics.read(bases));
    }

    /** A paid retry the rate limiter refused never reached the payment step, so no payment was counted for it. */
    static final String RATE_LIMITED = "429";

    /**
     * @param server the summed per-status deltas of the fleet; {@code agree} when they equal the client's counts
     * @param byGateway each gateway's deltas, by base URL
     * @param serverPayments the fleet's paid attempts by protocol (all outcomes), empty when not exported
     * @param clientPayments the client's paid retries by protocol that reached the payment step
     * @param paymentsAgree whether the two are equal; true when the gateways do not count payments by protocol
     */
    record Result(Map<String, Long> server, boolean agree, ServerCounters before, ServerCounters after,
                  Map<String, Map<String, Long>> byGateway, Map<String, Long> serverPayments,
                  Map<String, Long> clientPayments, boolean paymentsAgree) {
    }

    /** Reads the counters again once they have caught up with the {@code stats} of the run, and compares. */
    Result after(LoadStats stats) throws InterruptedException {
        ServerCounters beforeSum = ServerCounters.sum(before);
        List<ServerCounters> afterEach = settle(beforeSum, stats.requests());
        ServerCounters after = ServerCounters.sum(afterEach);
        Map<String, Long> server = after.minus(beforeSum);
        Map<String, Long> client = new LinkedHashMap<>(stats.statuses());
        client.remove(LoadStats.TRANSPORT_ERROR); // never reached the gateway, so it cannot have counted them
        Map<String, Map<String, Long>> byGateway = new LinkedHashMap<>();
        for (int g = 0; g < bases.size(); g++) {
            byGateway.put(bases.get(g), afterEach.get(g).minus(before.get(g)));
        }
        Map<String, Long> serverPayments = new TreeMap<>();
        after.paymentsMinus(beforeSum).forEach((protocol, outcomes) ->
                serverPayments.put(protocol, ServerCounters.total(outcomes)));
        Map<String, Long> clientPayments = new TreeMap<>();
        stats.paidStatusesByProtocol().forEach((protocol, statuses) -> {
            long counted = statuses.entrySet().stream().filter(e -> !e.getKey().equals(RATE_LIMITED))
                    .mapToLong(Map.Entry::getValue).sum();
            if (counted != 0) {
                clientPayments.put(protocol, counted);
            }
        });
        boolean exported = !after.payments().isEmpty();
        return new Result(server, server.equals(client), beforeSum, after, byGateway, serverPayments, clientPayments,
                !exported || serverPayments.equals(clientPayments));
    }

    private List<ServerCounters> settle(ServerCounters beforeSum, long requests) throws InterruptedException {
        List<ServerCounters> after = metrics.read(bases);
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (ServerCounters.total(ServerCounters.sum(after).minus(beforeSum)) < requests && System.nanoTime() < deadline) {
            Thread.sleep(SETTLE_POLL.toMillis());
            after = metrics.read(bases);
        }
        return after;
    }
}
