package io.microai.cli.client;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What the load generator saw: HTTP status counts (in all and by payment protocol), latencies, and 429 tiers. Thread-safe. */
final class LoadStats {
    /** The status key of a flow that got no answer at all (refused, reset, timed out). */
    static final String TRANSPORT_ERROR = "error";

    private final ConcurrentHashMap<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> limitedTiers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> byProtocol = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> paidByProtocol = new ConcurrentHashMap<>();
    private final LongAdder unpayable = new LongAdder();
    private final AtomicReference<String> firstUnpayable = new AtomicReference<>();
    private final LongAdder flows = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final Latencies flowLatency = new Latencies();
    private final Latencies paidLatency = new Latencies();

    void request(int status) {
        requests.increment();
        statuses.computeIfAbsent(Integer.toString(status), k -> new LongAdder()).increment();
    }

    /**
     * A response to a flow of {@code protocol}, counted in the totals too; {@code paidRetry} tells the answer to a
     * payment from the challenge before it, which in x402 has the same status as a refused payment (402).
     */
    void request(String protocol, boolean paidRetry, int status) {
        request(status);
        count(byProtocol, protocol, status);
        if (paidRetry) {
            count(paidByProtocol, protocol, status);
        }
    }

    private static void count(ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> table, String protocol, int status) {
        table.computeIfAbsent(protocol, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(Integer.toString(status), k -> new LongAdder()).increment();
    }

    /** A 402 the flow could not pay in its protocol; the first reason is kept for the report. */
    void unpayable(String reason) {
        unpayable.increment();
        firstUnpayable.compareAndSet(null, reason);
    }

    long unpayableFlows() {
        return unpayable.sum();
    }

    Optional<String> firstUnpayableReason() {
        return Optional.ofNullable(firstUnpayable.get());
    }

    /** Status counts of each protocol's flows, by protocol name. */
    Map<String, Map<String, Long>> statusesByProtocol() {
        return snapshot(byProtocol);
    }

    /** Status counts of each protocol's paid retries only. */
    Map<String, Map<String, Long>> paidStatusesByProtocol() {
        return snapshot(paidByProtocol);
    }

    private static Map<String, Map<String, Long>> snapshot(ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> table) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        table.forEach((protocol, counts) -> {
            Map<String, Long> statuses = new TreeMap<>();
            counts.forEach((k, v) -> statuses.put(k, v.sum()));
            out.put(protocol, statuses);
        });
        return out;
    }

    void transportError() {
        statuses.computeIfAbsent(TRANSPORT_ERROR, k -> new LongAdder()).increment();
    }

    /** The X-Cache answer (HIT or MISS) of a paid request. */
    void cache(String outcome) {
        cache.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    Map<String, Long> cacheOutcomes() {
        Map<String, Long> out = new TreeMap<>();
        cache.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    void rateLimited(String tier) {
        limitedTiers.computeIfAbsent(tier, k -> new LongAdder()).increment();
    }

    void flowDone(long nanos) {
        flows.increment();
        flowLatency.add(nanos);
    }

    void paidDone(long nanos) {
        paidLatency.add(nanos);
    }

    long flows() {
        return flows.sum();
    }

    long requests() {
        return requests.sum();
    }

    Map<String, Long> statuses() {
        Map<String, Long> out = new TreeMap<>();
        statuses.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    Map<String, Long> limitedTiers() {
        Map<String, Long> out = new TreeMap<>();
        limitedTiers.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    Latencies flowLatency() {
        return flowLatency;
    }

    Latencies paidLatency() {
        return paidLatency;
    }

    /** Every observation kept (a load run is bounded), so percentiles are exact, not estimated. */
    static final class Latencies {
        /** Grows by doubling; a short run never needs to. */
        private static final int INITIAL_CAPACITY = 1024;
        private long[] values = new long[INITIAL_CAPACITY];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        /** Milliseconds at quantile q (nearest rank), NaN with no observations. */
        synchronized double percentileMillis(double q) {
            if (size == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * size) - 1;
            return sorted[Math.max(0, Math.min(size - 1, rank))] / 1e6;
        }

        synchronized int count() {
            return size;
        }
    }
}
