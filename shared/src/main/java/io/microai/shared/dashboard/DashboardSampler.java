package io.microai.shared.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.scrape.History;
import io.microai.shared.scrape.Scrape;
import io.microai.shared.scrape.ScrapeResult;
import io.microai.shared.scrape.Scraper;
import io.microai.shared.scrape.StackFigures;
import io.microai.shared.scrape.TargetFigures;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dashboard's figures engine loop: every {@code interval} it scrapes its sources (the service's
 * own registry, rendered in-process, and any peers over HTTP), records them in a bounded
 * {@link History}, computes {@link StackFigures} over {@code window} and keeps the last
 * {@code keep} of headline {@link Frame}s for the charts. One daemon thread; {@link #close()} stops it.
 */
public final class DashboardSampler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DashboardSampler.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One scrape target of a role ({@link TargetFigures#GATEWAY} or {@link TargetFigures#VERIFIER}). */
    public interface Source {
        String target();

        String role();

        /** Never completes exceptionally: a failure is a {@link ScrapeResult.Failure}. */
        CompletableFuture<ScrapeResult> scrape();
    }

    private final String service;
    private final List<Source> sources;
    private final Duration interval;
    private final Duration window;
    private final int maxFrames;
    private final History history;
    private final List<String> gatewayTargets = new ArrayList<>();
    private final List<String> verifierTargets = new ArrayList<>();
    /** Guards history and frames; start/close synchronise on {@code this}, so closing never waits on a round. */
    private final Object lock = new Object();
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private volatile StackFigures latest;
    private ScheduledExecutorService executor;

    /**
     * @param keep how much chart history to keep; scrapes are kept only as far back as the rate window
     *     needs (plus a little), so memory stays small whatever {@code keep} is
     */
    public DashboardSampler(String service, List<Source> sources, Duration interval, Duration window, Duration keep) {
        this.service = service;
        this.sources = List.copyOf(sources);
        this.interval = interval;
        this.window = window;
        this.maxFrames = (int) Math.max(2, keep.toMillis() / interval.toMillis());
        this.history = new History((int) Math.max(2, window.toMillis() / interval.toMillis() + 6));
        for (Source s : sources) {
            (TargetFigures.GATEWAY.equals(s.role()) ? gatewayTargets : verifierTargets).add(s.target());
        }
    }

    /** The service's own registry, rendered with client_java's OpenMetrics writer (for its exemplars) and parsed: no HTTP to itself. */
    public static Source local(String target, String role, PrometheusRegistry registry, Predicate<String> names) {
        OpenMetricsTextFormatWriter writer = OpenMetricsTextFormatWriter.create();
        return new Source() {
            @Override
            public String target() {
                return target;
            }

            @Override
            public String role() {
                return role;
            }

            @Override
            public CompletableFuture<ScrapeResult> scrape() {
                long nanos = System.nanoTime();
                long millis = System.currentTimeMillis();
                try {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
                    writer.write(out, registry.scrape(names));
                    Scrape scrape = Scrape.parse(target, nanos, millis, out.toString(StandardCharsets.UTF_8));
                    return CompletableFuture.completedFuture(new ScrapeResult.Success(scrape, Duration.ofNanos(System.nanoTime() - nanos)));
                } catch (Exception | LinkageError e) {
                    LOG.log(Level.WARNING, "dashboard: rendering the own registry failed", e);
                    return CompletableFuture.completedFuture(new ScrapeResult.Failure(target,
                            "render failed: " + e.getClass().getSimpleName(), Duration.ofNanos(System.nanoTime() - nanos), nanos, millis));
                }
            }
        };
    }

    /** A peer's metrics endpoint, scraped over HTTP. */
    public static Source remote(String url, String role, Scraper scraper) {
        return new Source() {
            @Override
            public String target() {
                return url;
            }

            @Override
            public String role() {
                return role;
            }

            @Override
            public CompletableFuture<ScrapeResult> scrape() {
                return scraper.scrapeAsync(url);
            }
        };
    }

    public Duration interval() {
        return interval;
    }

    /** Starts sampling now and then every interval. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, service + "-dashboard-sampler");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sampleQuietly() {
        try {
            sampleNow();
        } catch (RuntimeException e) {
            // A thrown exception would cancel the schedule: the dashboard would freeze for good.
            LOG.log(Level.WARNING, "dashboard: sampling failed", e);
        }
    }

    /** One round: scrape every source (concurrently), record, compute, remember the frame. */
    public StackFigures sampleNow() {
        List<CompletableFuture<ScrapeResult>> pending = new ArrayList<>(sources.size());
        for (Source s : sources) {
            pending.add(s.scrape());
        }
        List<ScrapeResult> results = new ArrayList<>(pending.size());
        for (CompletableFuture<ScrapeResult> f : pending) {
            results.add(f.join());
        }
        synchronized (lock) {
            history.recordAll(results);
            StackFigures figures = StackFigures.compute(history.window(window), gatewayTargets, verifierTargets);
            if (frames.size() == maxFrames) {
                frames.removeFirst();
            }
            frames.addLast(Frame.of(figures));
            latest = figures;
            return figures;
        }
    }

    /** The latest figures; samples once if nothing was sampled yet. */
    public StackFigures latest() {
        StackFigures f = latest;
        return f != null ? f : sampleNow();
    }

    /** Frames newer than {@code sinceMs} (all with 0), oldest first. */
    public List<Frame> frames(long sinceMs) {
        synchronized (lock) {
            List<Frame> out = new ArrayList<>(frames.size());
            for (Frame f : frames) {
                if (f.timestampMs() > sinceMs) {
                    out.add(f);
                }
            }
            return out;
        }
    }

    /**
     * The snapshot document: every top-level field of {@link StackFigures#toJson()} unchanged, then
     * {@code service}, {@code interval_seconds}, {@code history_seconds} and {@code history} (frames
     * newer than {@code sinceMs}, oldest first).
     */
    public String snapshotJson(long sinceMs) {
        StackFigures figures = latest();
        try {
            ObjectNode doc = (ObjectNode) MAPPER.readTree(figures.toJson());
            doc.put("service", service);
            doc.put("interval_seconds", interval.toMillis() / 1000.0);
            doc.put("history_seconds", maxFrames * interval.toMillis() / 1000.0);
            ArrayNode h = doc.putArray("history");
            for (Frame f : frames(sinceMs)) {
                h.add(MAPPER.valueToTree(f));
            }
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }
}
