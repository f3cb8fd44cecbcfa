package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.cli.Durations;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import io.microai.shared.http.Json;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Send concurrent paid traffic through the x402 flow and check the gateway counted it.",
                "Each flow is a challenge request (402) and a paid retry. At the end the client's counts by",
                "status are compared with the gateway's gateway_requests_total deltas; they must agree.",
                "Repeat --gateway for a fleet: flows go round-robin over the gateways and the deltas are summed;",
                "--spread sends each paid retry to the next gateway, so the nonce store must be shared."})
public final class LoadCommand implements Callable<Integer> {
    private static final String[] HOT_TEXTS = {
        "Caching pays off when the same question comes back. The gateway still asks for payment on every hit. Receipts prove each payment.",
        "Prometheus scrapes every target on a schedule. Histograms keep buckets so quantiles can be computed later. Alerts fire on burn rates.",
        "A nonce is issued with each challenge. It can be paid exactly once. Replays are refused with a conflict.",
        "Rate limits keep one client from starving the rest. Buckets refill at a steady rate. Idle buckets are evicted.",
        "The verifier recovers the signer of a typed message. It keeps no state. The gateway decides what is valid.",
    };

    @Spec
    CommandSpec spec;

    @Option(names = "--gateway", paramLabel = "URL",
            description = "Gateway base URL; repeat for a fleet (round-robin; default: $MICROAI_GATEWAY, else http://127.0.0.1:3000).")
    List<String> gateways = new ArrayList<>();

    @Option(names = "--spread", description = "Send each flow's paid retry to the next gateway than its challenge (needs two --gateway and a shared nonce store).")
    boolean spread;

    @Option(names = "--garbled-ratio", defaultValue = "0",
            description = "Share of flows whose paid retry carries garbled payment headers: junk or truncated signatures, junk nonces (default: ${DEFAULT-VALUE}).")
    double garbledRatio;

    @Option(names = "--timeline", paramLabel = "FILE",
            description = "Write one line per response: epoch_ms gateway_index step status (status 'error' for a transport error).")
    java.nio.file.Path timelineFile;

    @Option(names = {"-n", "--requests"}, description = "Number of paid flows to run (default 200 unless --duration).")
    Long flows;

    @Option(names = "--duration", converter = Durations.Converter.class, description = "Run for this long instead (e.g. 30s, 2m).")
    Duration duration;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "8", description = "Concurrent flows (closed loop), or the cap on in-flight flows with --rate (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate", description = "Open loop: start this many flows per second regardless of how fast answers come (no coordinated omission).")
    Double rate;

    @Option(names = "--wallets", defaultValue = "4", description = "Distinct payer keys (default: ${DEFAULT-VALUE}).")
    int wallets;

    @Option(names = "--repeat-ratio", defaultValue = "0.3", description = "Share of flows that reuse a popular text, exercising the cache (default: ${DEFAULT-VALUE}).")
    double repeatRatio;

    @Option(names = "--invalid-ratio", defaultValue = "0", description = "Share of flows sent with an invalid (malleated) signature (default: ${DEFAULT-VALUE}).")
    double invalidRatio;

    @Option(names = "--unpaid", description = "Send only the unpaid first request of each flow (the 402 challenge path).")
    boolean unpaid;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        validate();
        long target = duration == null ? (flows == null ? 200 : flows) : Long.MAX_VALUE;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(Math.max(4, concurrency))).build();
        List<String> bases = bases();
        List<String> metricsUrls = bases.stream().map(b -> b + "/metrics").toList();
        List<X402Client> clients = bases.stream().map(b -> new X402Client(http, b, Duration.ofSeconds(60))).toList();
        List<Wallet> keys = new ArrayList<>();
        for (int i = 0; i < wallets; i++) {
            keys.add(Wallet.random());
        }
        List<ServerCounters> before = new ArrayList<>();
        for (int g = 0; g < bases.size(); g++) {
            try {
                before.add(ServerCounters.read(http, metricsUrls.get(g)));
            } catch (java.net.ConnectException e) {
                throw new IllegalStateException("cannot reach the gateway at " + bases.get(g) + " (is the stack up? scripts/microai stack up)");
            }
        }
        timeline = timelineFile == null ? null : new Timeline(timelineFile);
        LoadStats stats = new LoadStats();
        AtomicLong issued = new AtomicLong();
        Progress progress = new Progress(stats, target == Long.MAX_VALUE ? -1 : target, spec.commandLine().getErr(), !noProgress);
        long started = System.nanoTime();
        long deadline = duration == null ? Long.MAX_VALUE : started + duration.toNanos();
        progress.start();
        try {
            if (rate != null) {
                openLoop(clients, keys, stats, issued, target, deadline);
            } else {
                closedLoop(clients, keys, stats, issued, target, deadline);
            }
        } finally {
            progress.stop();
            if (timeline != null) {
                timeline.close();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<ServerCounters> afterEach = settle(http, metricsUrls, before, stats);
        ServerCounters beforeSum = ServerCounters.sum(before);
        ServerCounters after = ServerCounters.sum(afterEach);
        Map<String, Long> server = after.minus(beforeSum);
        Map<String, Long> client4xx = new LinkedHashMap<>(stats.statuses());
        client4xx.remove("error");
        boolean agree = server.equals(client4xx);
        Map<String, Map<String, Long>> byGateway = new LinkedHashMap<>();
        for (int g = 0; g < bases.size(); g++) {
            byGateway.put(bases.get(g), afterEach.get(g).minus(before.get(g)));
        }
        report(stats, seconds, server, agree, after, beforeSum, byGateway);
        return agree ? 0 : 1;
    }

    private volatile Timeline timeline;

    /** The gateways, without trailing slashes; the default when none is given. */
    private List<String> bases() {
        List<String> given = gateways.isEmpty() ? List.of(defaultGateway()) : gateways;
        List<String> out = new ArrayList<>();
        for (String g : given) {
            String base = g.strip().replaceFirst("/+$", "");
            if (!base.matches("(?i)https?://\\S+")) {
                throw new ParameterException(spec.commandLine(), "--gateway expects an http(s) URL, got '" + g + "'");
            }
            if (out.contains(base)) {
                throw new ParameterException(spec.commandLine(), "--gateway " + base + " is given twice");
            }
            out.add(base);
        }
        if (spread && out.size() < 2) {
            throw new ParameterException(spec.commandLine(), "--spread needs at least two --gateway URLs");
        }
        return out;
    }

    private static String defaultGateway() {
        String env = System.getenv("MICROAI_GATEWAY");
        return env != null && !env.isBlank() ? env.strip() : "http://127.0.0.1:3000";
    }

    /** One line per response, for scripts that time a recovery. */
    static final class Timeline {
        private final java.io.BufferedWriter out;

        Timeline(java.nio.file.Path file) throws java.io.IOException {
            java.nio.file.Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            out = java.nio.file.Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8);
        }

        synchronized void add(int gateway, String step, String status) {
            try {
                out.write(System.currentTimeMillis() + " " + gateway + " " + step + " " + status + "\n");
            } catch (java.io.IOException e) {
                // best effort: the summary still counts everything
            }
        }

        synchronized void close() {
            try {
                out.close();
            } catch (java.io.IOException e) {
                // best effort
            }
        }
    }

    private void validate() {
        if (flows != null && duration != null) {
            throw new ParameterException(spec.commandLine(), "give -n or --duration, not both");
        }
        if (flows != null && flows < 1 || concurrency < 1 || wallets < 1 || rate != null && !(rate > 0)) {
            throw new ParameterException(spec.commandLine(), "-n, -c, --wallets and --rate must be positive");
        }
        if (repeatRatio < 0 || repeatRatio > 1 || invalidRatio < 0 || invalidRatio > 1 || garbledRatio < 0 || garbledRatio > 1) {
            throw new ParameterException(spec.commandLine(), "--repeat-ratio, --invalid-ratio and --garbled-ratio must be between 0 and 1");
        }
        if (invalidRatio + garbledRatio > 1) {
            throw new ParameterException(spec.commandLine(), "--invalid-ratio and --garbled-ratio together must not exceed 1");
        }
        if (spread && unpaid) {
            throw new ParameterException(spec.commandLine(), "--spread needs paid retries; it cannot go with --unpaid");
        }
    }

    private void closedLoop(List<X402Client> client, List<Wallet> keys, LoadStats stats, AtomicLong issued, long target, long deadline)
            throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        for (int w = 0; w < concurrency; w++) {
            workers.execute(() -> {
                long i;
                while (System.nanoTime() < deadline && (i = issued.getAndIncrement()) < target) {
                    flow(client, keys, stats, i, System.nanoTime());
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(365, TimeUnit.DAYS);
    }

    /** Starts flow i at t0 + i/rate; its latency counts from that planned start, so a slow server cannot hide its queueing. */
    private void openLoop(List<X402Client> client, List<Wallet> keys, LoadStats stats, AtomicLong issued, long target, long deadline)
            throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(concurrency * 4);
        long t0 = System.nanoTime();
        double interval = 1e9 / rate;
        for (long i = 0; i < target; i++) {
            long planned = t0 + (long) (i * interval);
            if (planned >= deadline) {
                break;
            }
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inFlight.acquire();
            long index = issued.getAndIncrement();
            workers.execute(() -> {
                try {
                    flow(client, keys, stats, index, planned);
                } finally {
                    inFlight.release();
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(365, TimeUnit.DAYS);
    }

    private void flow(List<X402Client> clients, List<Wallet> keys, LoadStats stats, long i, long startNanos) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String text = random.nextDouble() < repeatRatio ? HOT_TEXTS[(int) (i % HOT_TEXTS.length)]
                : "Flow " + i + " asks for a summary. It carries a unique sentence " + random.nextLong()
                + ". The cache cannot have seen it before.";
        double dice = random.nextDouble();
        UnaryOperator<String> tamper = UnaryOperator.identity();
        UnaryOperator<String> nonceTamper = UnaryOperator.identity();
        if (dice < invalidRatio) {
            tamper = LoadCommand::malleate;
        } else if (dice < invalidRatio + garbledRatio) {
            int kind = random.nextInt(GARBLED_KINDS);
            if (kind < 4) {
                tamper = s -> garble(s, kind, ThreadLocalRandom.current());
            } else {
                nonceTamper = s -> garble(s, kind, ThreadLocalRandom.current());
            }
        }
        int first = (int) (i % clients.size());
        int second = spread ? (first + 1) % clients.size() : first;
        X402Client client = clients.get(first);
        try {
            X402Client.Flow flow = unpaid ? client.challengeOnly(text)
                    : client.summarize(text, keys.get((int) (i % keys.size())), false, tamper, nonceTamper, clients.get(second));
            for (int k = 0; k < flow.steps().size(); k++) {
                X402Client.Step step = flow.steps().get(k);
                int status = step.response().statusCode();
                stats.request(status);
                if (timeline != null) {
                    timeline.add(k == 0 ? first : second, k == 0 ? "challenge" : "paid", Integer.toString(status));
                }
                if (status == 429) {
                    stats.rateLimited(tier(step.response()));
                }
            }
            if (flow.steps().size() == 2) {
                X402Client.Step paid = flow.steps().get(1);
                stats.paidDone(paid.nanos());
                paid.response().headers().firstValue("X-Cache").ifPresent(stats::cache);
            }
            stats.flowDone(System.nanoTime() - startNanos);
        } catch (Exception e) {
            stats.transportError();
            if (timeline != null) {
                timeline.add(first, "flow", "error");
            }
        }
    }

    static final int GARBLED_KINDS = 7;

    /**
     * Garbled payment headers, as a broken or hostile client sends them. Kinds 0-3 alter the
     * signature (not hex, truncated, far too long, a bare "0x"), 4-6 the nonce (junk text, very long,
     * path and quote characters). Every kind must get a 4xx, never a 500.
     */
    static String garble(String value, int kind, java.util.Random random) {
        return switch (kind) {
            case 0 -> "0x" + "zz".repeat(65);
            case 1 -> value.substring(0, Math.min(value.length(), 2 + random.nextInt(40)));
            case 2 -> value + "ab".repeat(200 + random.nextInt(200));
            case 3 -> "0x";
            case 4 -> "garbled-" + Long.toHexString(random.nextLong());
            case 5 -> "n".repeat(2000 + random.nextInt(2000));
            default -> "../../%00'\";{}$(x)" + random.nextInt(1000);
        };
    }

    /** The high-s twin of a valid signature: well-formed, recovers nothing the verifier accepts. */
    static String malleate(String signature) {
        Signature s = Signature.parse(signature);
        return new Signature(s.r(), Secp256k1.N.subtract(s.s()), s.v() == 27 ? 28 : 27).toHex();
    }

    private static String tier(HttpResponse<String> response) {
        try {
            JsonNode body = Json.MAPPER.readTree(response.body());
            return body.path("tier").asText("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }

    /**
     * The gateway counts a request when its response is complete, a moment after the client has
     * read it; re-read briefly until the totals meet, so the comparison is not a race.
     */
    private static List<ServerCounters> settle(HttpClient http, List<String> metricsUrls, List<ServerCounters> before, LoadStats stats)
            throws Exception {
        ServerCounters beforeSum = ServerCounters.sum(before);
        List<ServerCounters> after = readAll(http, metricsUrls);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (total(ServerCounters.sum(after).minus(beforeSum)) < stats.requests() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            after = readAll(http, metricsUrls);
        }
        return after;
    }

    private static List<ServerCounters> readAll(HttpClient http, List<String> metricsUrls) throws Exception {
        List<ServerCounters> out = new ArrayList<>();
        for (String url : metricsUrls) {
            out.add(ServerCounters.read(http, url));
        }
        return out;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private void report(LoadStats stats, double seconds, Map<String, Long> server, boolean agree, ServerCounters after, ServerCounters before,
                        Map<String, Map<String, Long>> byGateway) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("flows", stats.flows());
        summary.put("requests", stats.requests());
        summary.put("seconds", round(seconds));
        summary.put("flows_per_second", round(stats.flows() / seconds));
        summary.put("requests_per_second", round(stats.requests() / seconds));
        summary.put("client_status_counts", stats.statuses());
        summary.put("client_cache", stats.cacheOutcomes());
        summary.put("flow_latency_ms", percentiles(stats.flowLatency()));
        summary.put("paid_request_latency_ms", percentiles(stats.paidLatency()));
        summary.put("server_status_deltas", server);
        if (byGateway.size() > 1) {
            summary.put("gateways", List.copyOf(byGateway.keySet()));
            summary.put("spread", spread);
            summary.put("server_status_deltas_by_gateway", byGateway);
        }
        summary.put("server_cache_hits", round(after.cacheHits() - before.cacheHits()));
        summary.put("server_cache_misses", round(after.cacheMisses() - before.cacheMisses()));
        summary.put("server_verification_success", round(after.verifiedOk() - before.verifiedOk()));
        summary.put("server_verification_failure", round(after.verifiedFailed() - before.verifiedFailed()));
        summary.put("counts_agree", agree);
        summary.put("rate_limited_by_tier", stats.limitedTiers());
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        } else {
            out.printf("flows     %d in %.1f s: %.1f flows/s, %d HTTP requests (%.1f req/s)%n",
                    stats.flows(), seconds, stats.flows() / seconds, stats.requests(), stats.requests() / seconds);
            out.printf("client    %s%n", stats.statuses());
            out.printf("server    %s  (gateway_requests_total{path=\"%s\"} deltas%s)%n", server, ServerCounters.PATH,
                    byGateway.size() > 1 ? ", summed over " + byGateway.size() + " gateways" : "");
            if (byGateway.size() > 1) {
                byGateway.forEach((g, d) -> out.printf("          %s %s%n", g, d));
                if (spread) {
                    out.println("spread    each paid retry went to the next gateway than its challenge");
                }
            }
            out.printf("agree     %s%n", agree ? "yes: every request sent was counted once" : "NO: client and server counts differ");
            out.printf("latency   full flow %s; paid request %s%n", format(stats.flowLatency()), format(stats.paidLatency()));
            out.printf("cache     client saw %s; server %.0f hits, %.0f misses;  verification %.0f ok, %.0f failed%n",
                    stats.cacheOutcomes(),
                    after.cacheHits() - before.cacheHits(), after.cacheMisses() - before.cacheMisses(),
                    after.verifiedOk() - before.verifiedOk(), after.verifiedFailed() - before.verifiedFailed());
        }
        stats.limitedTiers().forEach((tier, count) -> spec.commandLine().getErr().printf(
                "note: %d requests were rate limited by the %s tier; raise it with -e RATE_LIMIT_%s_BURST=<n> -e RATE_LIMIT_%s_RPM=<n> on stack up (or the same env vars on the gateway)%n",
                count, tier, tier.toUpperCase(java.util.Locale.ROOT), tier.toUpperCase(java.util.Locale.ROOT)));
        out.flush();
    }

    private static Map<String, Double> percentiles(LoadStats.Latencies latencies) {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("p50", round(latencies.percentileMillis(0.50)));
        p.put("p95", round(latencies.percentileMillis(0.95)));
        p.put("p99", round(latencies.percentileMillis(0.99)));
        return p;
    }

    private static String format(LoadStats.Latencies l) {
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", l.percentileMillis(0.5), l.percentileMillis(0.95), l.percentileMillis(0.99));
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
    }
}
