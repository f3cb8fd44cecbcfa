package io.microai.gateway.support;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/** Sends many requests from a small thread pool, each worker on its own keep-alive HTTP/1.1 client, and tallies statuses. */
public final class Load {
    private Load() {
    }

    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Sends requests {@code 0..count-1}, built by {@code request}, on {@code threads} threads; returns
     * status → how many. Transport errors fail the run (they are not statuses).
     */
    public static Map<Integer, Long> run(int count, int threads, IntFunction<HttpRequest> request)
            throws Exception {
        Map<Integer, LongAdder> tally = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    // One client per worker: a shared pool under this much churn can hand a request a
                    // connection it is closing itself ("connection closed locally"), a JDK client race
                    // that has nothing to do with the server under test.
                    HttpClient client = client();
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        HttpResponse<Void> response = client.send(request.apply(i), HttpResponse.BodyHandlers.discarding());
                        tally.computeIfAbsent(response.statusCode(), k -> new LongAdder()).increment();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Integer, Long> result = new TreeMap<>();
        tally.forEach((status, n) -> result.put(status, n.sum()));
        return result;
    }
}
