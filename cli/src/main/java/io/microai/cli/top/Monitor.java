package io.microai.cli.top;

import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.api.VerifierFamilies;
import io.microai.shared.scrape.History;
import io.microai.shared.scrape.Scrape;
import io.microai.shared.scrape.ScrapeResult;
import io.microai.shared.scrape.Scraper;
import io.microai.shared.scrape.StackFigures;
import io.microai.shared.scrape.TargetFigures;
import io.microai.shared.scrape.TargetState;
import io.microai.shared.scrape.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's model: scrapes every target each refresh, gives targets of unknown role one by the
 * families they export, records into a {@link History} and keeps the sparkline rings. Thread-safe:
 * a scrape thread calls {@link #refresh()} while the UI thread takes {@link #snapshot}s.
 */
final class Monitor {
    static final String GATEWAY_FAMILY = GatewayFamilies.REQUESTS;
    static final String VERIFIER_FAMILY = VerifierFamilies.REQUESTS;
    static final String UNKNOWN_ROLE = "unknown";

    private final List<String> urls;
    private final Map<String, Target.Role> roles = new LinkedHashMap<>();
    private final Scraper scraper;
    /** Every scrape, as deep as the short window needs; also feeds the per-interval sparklines. */
    private final History history;
    /**
     * For windows longer than {@link #history} covers: at most one scrape per {@link #coarseStep} and
     * target, so that a 5 min window at a 500 ms interval keeps ~150 scrapes per target instead of
     * 600 (memory is scrapes × targets × exposition). Null when one history covers everything.
     */
    private final History coarse;
    private final Duration coarseStep;
    private final Duration fineCoverage;
    private final Map<String, Long> coarseLastNanos = new java.util.HashMap<>();
    private final Sparks sparks;
    private final Duration interval;
    private volatile double lastScrapeMillis = Double.NaN;
    private volatile double lastRecordCpuMillis;

    /** Keeps the last {@code longestWindow} of history; scrapes are thinned to ≥ longestWindow/150 apart beyond 1 min. */
    Monitor(List<Target> targets, Scraper scraper, Duration interval, Duration longestWindow, int sparkCapacity) {
        this(targets, scraper, interval, longestWindow, COARSE_POINTS, sparkCapacity);
    }

    static final int COARSE_POINTS = 150;

    Monitor(List<Target> targets, Scraper scraper, Duration interval, Duration longestWindow, int coarsePoints, int sparkCapacity) {
        List<String> u = new ArrayList<>();
        for (Target t : targets) {
            if (!roles.containsKey(t.url())) {
                u.add(t.url());
                roles.put(t.url(), t.role());
            } else if (t.role() != Target.Role.AUTO) {
                roles.put(t.url(), t.role());
            }
        }
        this.urls = List.copyOf(u);
        this.scraper = scraper;
        Duration fine = longestWindow.compareTo(ViewState.SHORT_WINDOW) < 0 ? longestWindow : ViewState.SHORT_WINDOW;
        Duration step = longestWindow.dividedBy(Math.max(1, coarsePoints));
        if (step.compareTo(interval) > 0 && longestWindow.compareTo(fine) > 0) {
            this.history = new History(capacityFor(fine, interval));
            this.fineCoverage = fine;
            this.coarseStep = step;
            this.coarse = new History(capacityFor(longestWindow, step) + 1);
        } else {
            this.history = new History(capacityFor(longestWindow, interval));
            this.fineCoverage = longestWindow;
            this.coarseStep = null;
            this.coarse = null;
        }
        this.sparks = new Sparks(Math.max(1, sparkCapacity));
        this.interval = interval;
    }

    /** History depth that covers {@code window} at {@code interval}, plus the two ends. */
    static int capacityFor(Duration window, Duration interval) {
        long n = window.toNanos() / Math.max(1, interval.toNanos());
        return (int) Math.min(10_000, n + 2);
    }

    /** One scrape round of all targets (concurrent); returns the results in target order. */
    List<ScrapeResult> refresh() {
        long t0 = System.nanoTime();
        List<ScrapeResult> results = scraper.scrapeAll(urls);
        lastScrapeMillis = (System.nanoTime() - t0) / 1e6;
        record(results);
        return results;
    }

    /** Records a round of results (also for tests that feed recorded expositions). */
    synchronized void record(List<ScrapeResult> results) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        for (ScrapeResult r : results) {
            if (r instanceof ScrapeResult.Success s && roles.get(r.target()) == Target.Role.AUTO) {
                roles.put(r.target(), infer(s.scrape()));
            }
        }
        history.recordAll(results);
        if (coarse != null) {
            recordCoarse(results);
        }
        sparks.push(compute(history.window(interval)));
        lastRecordCpuMillis = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6;
    }

    /** CPU the last {@link #record} took on its thread (history + sparkline figures), in ms. */
    double lastRecordCpuMillis() {
        return lastRecordCpuMillis;
    }

    private void recordCoarse(List<ScrapeResult> results) {
        // Half an interval of slack: rounds are a fixed rate apart, give or take scheduling jitter.
        long step = coarseStep.toNanos() - interval.toNanos() / 2;
        for (ScrapeResult r : results) {
            Long previous = coarseLastNanos.get(r.target());
            boolean wasDown = !(coarse.last(r.target()) instanceof ScrapeResult.Success);
            // Failures always go in (they only update up/down and the last error); a success when the
            // step has passed, or when the target just came back (else it would look down until then).
            if (!r.ok() || previous == null || wasDown || r.startedNanos() - previous >= step) {
                coarse.record(r);
                if (r.ok()) {
                    coarseLastNanos.put(r.target(), r.startedNanos());
                }
            }
        }
    }

    /** Gateway if the scrape has the gateway's request counter, verifier if the verifier's, else AUTO. */
    static Target.Role infer(Scrape scrape) {
        if (has(scrape, GATEWAY_FAMILY)) {
            return Target.Role.GATEWAY;
        }
        if (has(scrape, VERIFIER_FAMILY)) {
            return Target.Role.VERIFIER;
        }
        return Target.Role.AUTO;
    }

    private static boolean has(Scrape scrape, String counter) {
        // Counters get their label children on first use: before the first request only the
        // # TYPE line is there (typed x_total in 0.0.4, x in OpenMetrics).
        String family = counter.substring(0, counter.length() - "_total".length());
        return scrape.names().contains(counter) || scrape.types().containsKey(counter) || scrape.types().containsKey(family);
    }

    /**
     * The figures over {@code window}. Windows longer than the fine history are computed from the
     * thinned one: their newest scrape may be up to one step (window/150) older than the latest.
     */
    synchronized Snapshot snapshot(Duration window) {
        History h = coarse != null && window.compareTo(fineCoverage) > 0 ? coarse : history;
        return new Snapshot(compute(h.window(window)), sparks.snapshot(), interval, lastScrapeMillis, Double.NaN);
    }

    synchronized Map<String, Target.Role> roles() {
        return Map.copyOf(roles);
    }

    List<String> urls() {
        return urls;
    }

    Duration interval() {
        return interval;
    }

    /**
     * {@link StackFigures#compute} over the targets whose role is known; targets whose role could not
     * be told yet (down since the start, or exporting neither family) are listed after them with
     * role {@value #UNKNOWN_ROLE} so that the header still shows them and why.
     */
    private StackFigures compute(Window w) {
        List<String> gateways = new ArrayList<>();
        List<String> verifiers = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String url : urls) {
            switch (roles.get(url)) {
                case GATEWAY -> gateways.add(url);
                case VERIFIER -> verifiers.add(url);
                default -> unknown.add(url);
            }
        }
        StackFigures f = StackFigures.compute(w, gateways, verifiers);
        if (unknown.isEmpty()) {
            return f;
        }
        List<TargetFigures> all = new ArrayList<>(f.targets());
        for (String url : unknown) {
            TargetState s = w.state(url);
            ScrapeResult last = s.last();
            all.add(new TargetFigures(url, UNKNOWN_ROLE, s.up(),
                    last instanceof ScrapeResult.Failure fail ? fail.error()
                            : last == null ? "not scraped yet" : null,
                    s.lastError(), s.lastErrorMillis(),
                    last == null ? null : last.epochMillis(),
                    last == null ? null : last.duration().toNanos() / 1e6,
                    null,
                    s.later() == null ? null : s.later().size(),
                    null, null));
        }
        return new StackFigures(f.timestampMs(), f.windowSeconds(), f.gateway(), f.verifier(), all);
    }
}
