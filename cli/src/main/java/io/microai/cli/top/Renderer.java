package io.microai.cli.top;

import io.microai.shared.api.SettlementLabels;
import io.microai.shared.api.StreamLabels;
import io.microai.shared.scrape.GatewayFigures;
import io.microai.shared.scrape.Latency;
import io.microai.shared.scrape.PathFigures;
import io.microai.shared.scrape.PaymentFigures;
import io.microai.shared.scrape.SettlementFigures;
import io.microai.shared.scrape.SlowRequest;
import io.microai.shared.scrape.StackFigures;
import io.microai.shared.scrape.StreamFigures;
import io.microai.shared.scrape.TargetFigures;
import io.microai.shared.scrape.VerifierFigures;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws one frame: a pure function of (snapshot, view state, width, height) to at most
 * {@code height} lines of at most {@code width} columns each. No terminal, no clock, no I/O, so the
 * whole layout is unit-testable.
 *
 * <p>Layout, top to bottom: title; one line per target (role, URL, up/down, scrape time, errors);
 * the gateway's headline figures with sparklines, then its payments by protocol, settlement, streams
 * and slowest request; the verifier's; optionally the per-instance table; the per-path table, which
 * takes whatever height is left and scrolls; a key-hint line. When the screen is too short the path
 * table shrinks first, then the body is cut, the hint line stays.
 */
final class Renderer {
    /** The frame and how far the path table can scroll (for clamping the view state). */
    record Frame(List<AttributedString> lines, int maxScroll) {
    }

    static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;
    static final AttributedStyle BOLD = AttributedStyle.BOLD;
    static final AttributedStyle INVERSE = AttributedStyle.INVERSE;
    static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
    static final AttributedStyle RED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    static final AttributedStyle RED_BOLD = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
    static final AttributedStyle YELLOW = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    static final AttributedStyle GREEN = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle SPARK = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final int LABEL_W = 12;
    private static final int VALUE_W = 10;
    private static final int ITEM_MIN_W = 44;
    private static final int NUM_W = 8;
    private static final int PATH_MIN_W = 14;

    private final Snapshot snap;
    private final ViewState view;
    private final int width;
    private final int height;

    private Renderer(Snapshot snap, ViewState view, int width, int height) {
        this.snap = snap;
        this.view = view;
        this.width = Math.max(1, width);
        this.height = Math.max(1, height);
    }

    static List<AttributedString> render(Snapshot snap, ViewState view, int width, int height) {
        return frame(snap, view, width, height).lines();
    }

    static Frame frame(Snapshot snap, ViewState view, int width, int height) {
        return new Renderer(snap, view, width, height).draw();
    }

    /** The frame as plain text, one line each, trailing blanks trimmed. */
    static String plain(List<AttributedString> lines) {
        StringBuilder sb = new StringBuilder();
        for (AttributedString l : lines) {
            sb.append(l.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** The frame with ANSI colours (256-colour palette). */
    static String ansi(List<AttributedString> lines) {
        StringBuilder sb = new StringBuilder();
        for (AttributedString l : lines) {
            sb.append(l.toAnsi()).append('\n');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------

    private Frame draw() {
        List<AttributedString> footer = footer();
        List<AttributedString> body = new ArrayList<>();
        body.add(title());
        StackFigures f = snap.figures();
        if (f == null) {
            body.add(line().styled(DIM, "waiting for the first scrape…").toAttributedString());
        } else {
            for (TargetFigures t : f.targets()) {
                body.add(target(t));
            }
            if (f.gateway() != null && f.gateway().targetsTotal() > 0) {
                body.add(AttributedString.EMPTY);
                gateway(f.gateway(), body);
            }
            if (f.verifier() != null && f.verifier().targetsTotal() > 0) {
                body.add(AttributedString.EMPTY);
                verifier(f.verifier(), body);
            }
            if (view.perInstance) {
                body.add(AttributedString.EMPTY);
                instances(f.targets(), body);
            }
        }
        int maxScroll = 0;
        if (f != null && f.gateway() != null && f.gateway().targetsTotal() > 0) {
            int room = height - footer.size() - body.size() - 1; // minus the blank line before the table
            List<PathFigures> rows = sortedFilteredPaths(f.gateway().paths());
            // title + header + at least one row, else no table at all
            if (room >= 3) {
                body.add(AttributedString.EMPTY);
                maxScroll = paths(rows, f.gateway().paths().size(), room, body);
            }
        }
        int bodyRoom = Math.max(0, height - footer.size());
        List<AttributedString> out = new ArrayList<>();
        for (int i = 0; i < Math.min(bodyRoom, body.size()); i++) {
            out.add(fit(body.get(i)));
        }
        for (AttributedString l : footer) {
            if (out.size() < height) {
                out.add(fit(l));
            }
        }
        if (view.help) {
            out = overlay(out, help());
        }
        if (view.ascii) {
            out.replaceAll(Renderer::ascii);
        }
        return new Frame(List.copyOf(out), maxScroll);
    }

    private AttributedString title() {
        AttributedStringBuilder b = line();
        b.styled(st(BOLD), "microai metrics top");
        StringBuilder info = new StringBuilder();
        info.append("  window ").append(Fmt.duration(view.window));
        if (snap.interval() != null) {
            info.append(" · every ").append(Fmt.duration(snap.interval()));
        }
        info.append(" · sort ").append(view.sort.label);
        if (!view.filter.isEmpty()) {
            info.append(" · filter \"").append(view.filter).append('"');
        }
        if (snap.figures() != null && snap.figures().timestampMs() > 0) {
            info.append(" · ").append(CLOCK.format(Instant.ofEpochMilli(snap.figures().timestampMs()).atZone(ZoneId.systemDefault())));
        }
        b.append(info.toString());
        if (view.paused) {
            b.append("  ");
            b.styled(st(INVERSE.foreground(AttributedStyle.YELLOW)), " PAUSED ");
        }
        return b.toAttributedString();
    }

    private AttributedString target(TargetFigures t) {
        AttributedStringBuilder b = line();
        b.append("  ");
        b.styled(st(BOLD), pad(t.role() == null ? "?" : t.role(), 9));
        int urlW = Math.max(10, Math.min(36, width / 3));
        b.append(pad(Fmt.shortUrl(t.url()), urlW)).append(' ');
        if (t.up()) {
            b.styled(st(GREEN), "up  ");
        } else {
            b.styled(st(RED_BOLD), "DOWN");
        }
        b.append(' ');
        b.append(padLeft(t.scrapeDurationMs() == null ? Fmt.NONE : String.format(Locale.ROOT, "%.1fms", t.scrapeDurationMs()), 8));
        if (!t.up() && t.error() != null) {
            b.append("  ");
            b.styled(st(RED), t.error());
        } else if (t.up() && Monitor.UNKNOWN_ROLE.equals(t.role())) {
            b.append("  ");
            b.styled(st(YELLOW), "neither a gateway nor a verifier (no " + Monitor.GATEWAY_FAMILY + " / " + Monitor.VERIFIER_FAMILY + ")");
        } else if (t.lastError() != null) {
            b.append("  ");
            String when = t.lastErrorMs() == null ? "" : " " + CLOCK.format(Instant.ofEpochMilli(t.lastErrorMs()).atZone(ZoneId.systemDefault()));
            b.styled(st(YELLOW), "last error" + when + ": " + t.lastError());
        }
        return b.toAttributedString();
    }

    private record Item(String label, String value, AttributedStyle style, Spark spark) {
    }

    private void gateway(GatewayFigures g, List<AttributedString> out) {
        out.add(sectionTitle("GATEWAY", g.targetsUp(), g.targetsTotal()));
        Thresholds th = view.thresholds;
        Latency l = g.latencySeconds() == null ? Latency.NONE : g.latencySeconds();
        List<Item> items = List.of(
                new Item("req/s", Fmt.rate(g.requestsPerSecond()), PLAIN, Spark.GW_RPS),
                new Item("in-flight", Fmt.count(g.inFlight()), PLAIN, Spark.GW_IN_FLIGHT),
                new Item("5xx", Fmt.percent(g.error5xxRatio()), th.error5xxBad(g.error5xxRatio()) ? RED_BOLD : PLAIN, Spark.GW_5XX),
                new Item("4xx", Fmt.percent(g.error4xxRatio()), PLAIN, Spark.GW_4XX),
                new Item("p99", Fmt.seconds(l.p99()), th.p99Bad(l.p99()) ? RED_BOLD : PLAIN, Spark.GW_P99),
                new Item("p95", Fmt.seconds(l.p95()), PLAIN, null),
                new Item("p50", Fmt.seconds(l.p50()), PLAIN, null),
                new Item("verify ok", Fmt.percent(g.verificationSuccessRatio()),
                        th.successBad(g.verificationSuccessRatio()) ? YELLOW : PLAIN, Spark.GW_VERIFY_OK),
                new Item("cache hit", Fmt.percent(g.cacheHitRatio()), PLAIN, Spark.GW_CACHE_HIT),
                new Item("rate-limit/s", Fmt.rate(g.rateLimitedPerSecond()), PLAIN, Spark.GW_RATE_LIMITED),
                new Item("402 share", Fmt.percent(g.paymentRequiredRatio()), PLAIN, null));
        grid(items, out);
        out.add(payments(g.paymentsByProtocol()));
        out.add(settlement(g.settlement()));
        out.add(streams(g.streams()));
        out.add(slowest(g.slowestRecent()));
    }

    /**
     * Money: revenue per minute in token units, settlement success and the facilitator's p99; or, loudly, that
     * payments are verified but never settled.
     */
    private AttributedString settlement(SettlementFigures s) {
        AttributedStringBuilder b = line();
        b.append("  ");
        b.styled(st(DIM), pad("settlement", LABEL_W));
        if (s == null || s.mode() == null) {
            return b.append(Fmt.NONE).toAttributedString();
        }
        if (SettlementLabels.MODE_NONE.equals(s.mode())) {
            return b.styled(st(YELLOW), "none: payments are verified but not settled, no funds move").toAttributedString();
        }
        if (SettlementFigures.MIXED.equals(s.mode())) {
            b.styled(st(YELLOW), "mixed (some gateways settle nothing)").append(" · ");
        }
        b.append("revenue ").append(Fmt.tokens(s.revenuePerMinute())).append("/min");
        b.append(" · settled ");
        Thresholds th = view.thresholds;
        b.styled(st(th.successBad(s.successRatio()) ? RED_BOLD : PLAIN), Fmt.percent(s.successRatio()));
        b.append(" · facilitator p99 ").append(Fmt.seconds(s.facilitatorP99Seconds()));
        if (s.facilitatorTotal() != null && s.facilitatorUp() != null && s.facilitatorUp() < s.facilitatorTotal()) {
            b.append(" · ");
            b.styled(st(RED_BOLD), "facilitator DOWN at " + (s.facilitatorTotal() - s.facilitatorUp()) + "/" + s.facilitatorTotal());
        }
        return b.toAttributedString();
    }

    /**
     * The streaming route: time to first chunk (what a reader of the stream waits for), streams per second,
     * those open now, and the share of each way a stream can end badly. A stream that ends without its
     * {@code done} event for the provider's sake (error, timeout) is red like a 5xx; a client that left is yellow.
     */
    private AttributedString streams(StreamFigures s) {
        AttributedStringBuilder b = line();
        b.append("  ");
        b.styled(st(DIM), pad("streams", LABEL_W));
        if (s == null) {
            return b.styled(st(DIM), "no streams").toAttributedString();
        }
        Thresholds th = view.thresholds;
        Latency first = s.firstChunkSeconds();
        b.append("first chunk p99 ");
        b.styled(st(th.p99Bad(first.p99()) ? RED_BOLD : PLAIN), Fmt.seconds(first.p99()));
        b.append(" p50 ").append(Fmt.seconds(first.p50()));
        b.append(" · ").append(s.perSecond() == null ? Fmt.NONE : Fmt.rate(s.perSecond()) + "/s");
        b.append(" · in flight ").append(Fmt.count(s.inFlight()));
        for (Map.Entry<String, Double> e : s.outcomeRatio().entrySet()) {
            if (StreamLabels.COMPLETED.equals(e.getKey())) {
                continue;
            }
            AttributedStyle bad = StreamLabels.CLIENT_GONE.equals(e.getKey()) ? YELLOW : RED_BOLD;
            b.append(" · ").append(e.getKey()).append(' ');
            b.styled(st(th.error5xxBad(e.getValue()) ? bad : PLAIN), Fmt.percent(e.getValue()));
        }
        return b.toAttributedString();
    }

    /** The slowest recent request the exemplars name: its correlation id finds its access line in the log. */
    private AttributedString slowest(SlowRequest slow) {
        AttributedStringBuilder b = line();
        b.append("  ");
        b.styled(st(DIM), pad("slowest", LABEL_W));
        if (slow == null) {
            return b.append(Fmt.NONE).toAttributedString();
        }
        b.append(Fmt.seconds(slow.seconds())).append("  ");
        b.append(slow.method() == null ? "" : slow.method() + " ").append(slow.path() == null ? "" : slow.path()).append("  cid ");
        b.styled(st(YELLOW), slow.correlationId());
        return b.toAttributedString();
    }

    /** Each protocol's paid attempts per second and the share that passed, in the closed protocol order. */
    private AttributedString payments(Map<String, PaymentFigures> byProtocol) {
        AttributedStringBuilder b = line();
        b.append("  ");
        b.styled(st(DIM), pad("payments", LABEL_W));
        if (byProtocol.values().stream().allMatch(p -> p.perSecond() == null)) {
            return b.append(Fmt.NONE).toAttributedString();
        }
        Thresholds th = view.thresholds;
        boolean first = true;
        for (Map.Entry<String, PaymentFigures> e : byProtocol.entrySet()) {
            if (!first) {
                b.append(" · ");
            }
            first = false;
            PaymentFigures p = e.getValue();
            b.append(e.getKey()).append(' ').append(p.perSecond() == null ? Fmt.NONE : Fmt.rate(p.perSecond()) + "/s").append(' ');
            b.styled(st(th.successBad(p.verifiedRatio()) ? YELLOW : PLAIN), Fmt.percent(p.verifiedRatio()));
        }
        return b.toAttributedString();
    }

    private void verifier(VerifierFigures v, List<AttributedString> out) {
        out.add(sectionTitle("VERIFIER", v.targetsUp(), v.targetsTotal()));
        Thresholds th = view.thresholds;
        Latency l = v.latencySeconds() == null ? Latency.NONE : v.latencySeconds();
        double invalid = v.invalidPerSecondByReason().values().stream().mapToDouble(Double::doubleValue).sum();
        List<Item> items = List.of(
                new Item("verif/s", Fmt.rate(v.verificationsPerSecond()), PLAIN, Spark.V_RPS),
                new Item("success", Fmt.percent(v.successRatio()), th.successBad(v.successRatio()) ? YELLOW : PLAIN, Spark.V_SUCCESS),
                new Item("p99", Fmt.seconds(l.p99()), th.p99Bad(l.p99()) ? RED_BOLD : PLAIN, Spark.V_P99),
                new Item("p95", Fmt.seconds(l.p95()), PLAIN, null),
                new Item("p50", Fmt.seconds(l.p50()), PLAIN, null),
                new Item("invalid/s", v.verificationsPerSecond() == null ? Fmt.NONE : Fmt.rate(invalid), PLAIN, Spark.V_INVALID));
        grid(items, out);
        AttributedStringBuilder b = line();
        b.append("  ");
        b.styled(st(DIM), pad("invalid by", LABEL_W));
        // The verifier pre-creates a series per reason; only the ones that happened are news.
        List<Map.Entry<String, Double>> reasons = new ArrayList<>();
        for (Map.Entry<String, Double> e : v.invalidPerSecondByReason().entrySet()) {
            if (e.getValue() != null && e.getValue() > 0) {
                reasons.add(e);
            }
        }
        reasons.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        if (reasons.isEmpty()) {
            b.append(v.verificationsPerSecond() == null ? Fmt.NONE : "none");
        } else {
            boolean first = true;
            for (Map.Entry<String, Double> e : reasons) {
                if (!first) {
                    b.append(" · ");
                }
                first = false;
                b.append(e.getKey().isEmpty() ? "(no reason)" : e.getKey()).append(' ');
                b.styled(st(YELLOW), Fmt.rate(e.getValue()) + "/s");
            }
        }
        out.add(b.toAttributedString());
    }

    private AttributedString sectionTitle(String name, int up, int total) {
        AttributedStringBuilder b = line();
        b.styled(st(BOLD), name).append("  ");
        b.styled(st(up < total ? RED_BOLD : GREEN), up + "/" + total + " up");
        return b.toAttributedString();
    }

    /** Headline items in as many columns of ≥ 44 characters as fit, row-major, sparkline last. */
    private void grid(List<Item> items, List<AttributedString> out) {
        int cols = Math.max(1, Math.min(3, width / ITEM_MIN_W));
        int colW = width / cols;
        int sparkW = colW - 2 - LABEL_W - VALUE_W - 2;
        if (sparkW < 4) {
            sparkW = 0;
        }
        for (int i = 0; i < items.size(); i += cols) {
            AttributedStringBuilder b = line();
            for (int c = 0; c < cols && i + c < items.size(); c++) {
                Item it = items.get(i + c);
                int start = b.columnLength();
                b.append("  ");
                b.styled(st(DIM), pad(it.label(), LABEL_W));
                b.styled(st(it.style()), padLeft(it.value(), VALUE_W));
                if (sparkW > 0 && it.spark() != null) {
                    b.append(' ');
                    b.styled(st(it.style() == PLAIN ? SPARK : it.style()),
                            Sparkline.draw(snap.spark(it.spark()), sparkW, it.spark().fromZero, view.ascii));
                }
                if (c < cols - 1) {
                    b.append(" ".repeat(Math.max(0, colW - (b.columnLength() - start))));
                }
            }
            out.add(b.toAttributedString());
        }
    }

    private void instances(List<TargetFigures> targets, List<AttributedString> out) {
        out.add(line().styled(st(BOLD), "INSTANCES").styled(st(DIM), "  (i to hide)").toAttributedString());
        String[] heads = {"RATE/S", "5XX%", "OK%", "P99", "IN-FL"};
        int nameW = Math.max(PATH_MIN_W, width - 2 - 9 - 5 - heads.length * NUM_W);
        AttributedStringBuilder h = line();
        h.append("  ").append(pad("INSTANCE", nameW)).append(pad("ROLE", 9)).append(pad("UP", 5));
        for (String head : heads) {
            h.append(padLeft(head, NUM_W));
        }
        out.add(pad(st(INVERSE), pad(h.toString(), width)));
        for (TargetFigures t : targets) {
            AttributedStringBuilder b = line();
            b.append("  ").append(pad(Fmt.shortUrl(t.url()), nameW)).append(pad(t.role() == null ? "?" : t.role(), 9));
            b.styled(st(t.up() ? GREEN : RED_BOLD), pad(t.up() ? "up" : "DOWN", 5));
            Thresholds th = view.thresholds;
            if (t.gateway() != null) {
                GatewayFigures g = t.gateway();
                Double p99 = g.latencySeconds() == null ? null : g.latencySeconds().p99();
                b.append(padLeft(Fmt.rate(g.requestsPerSecond()), NUM_W));
                b.styled(st(th.error5xxBad(g.error5xxRatio()) ? RED_BOLD : PLAIN), padLeft(Fmt.percent(g.error5xxRatio()), NUM_W));
                b.styled(st(th.successBad(g.verificationSuccessRatio()) ? YELLOW : PLAIN), padLeft(Fmt.percent(g.verificationSuccessRatio()), NUM_W));
                b.styled(st(th.p99Bad(p99) ? RED_BOLD : PLAIN), padLeft(Fmt.seconds(p99), NUM_W));
                b.append(padLeft(Fmt.count(g.inFlight()), NUM_W));
            } else if (t.verifier() != null) {
                VerifierFigures v = t.verifier();
                Double p99 = v.latencySeconds() == null ? null : v.latencySeconds().p99();
                b.append(padLeft(Fmt.rate(v.verificationsPerSecond()), NUM_W));
                b.append(padLeft(Fmt.NONE, NUM_W));
                b.styled(st(th.successBad(v.successRatio()) ? YELLOW : PLAIN), padLeft(Fmt.percent(v.successRatio()), NUM_W));
                b.styled(st(th.p99Bad(p99) ? RED_BOLD : PLAIN), padLeft(Fmt.seconds(p99), NUM_W));
                b.append(padLeft(Fmt.NONE, NUM_W));
            } else if (!t.up() && t.error() != null) {
                b.styled(st(RED), "  " + t.error());
            }
            out.add(b.toAttributedString());
        }
    }

    private enum Col {
        // In display order; priority: which columns survive a narrow screen (lower survives longer).
        REQ("REQ/S", 0), E5("5XX%", 2), E4("4XX%", 3), P50("P50", 5), P95("P95", 4), P99("P99", 1);

        final String head;
        final int priority;

        Col(String head, int priority) {
            this.head = head;
            this.priority = priority;
        }
    }

    List<PathFigures> sortedFilteredPaths(List<PathFigures> paths) {
        String needle = view.filter.toLowerCase(Locale.ROOT);
        List<PathFigures> rows = new ArrayList<>();
        for (PathFigures p : paths) {
            if (needle.isEmpty() || p.path().toLowerCase(Locale.ROOT).contains(needle)) {
                rows.add(p);
            }
        }
        rows.sort(comparator(view.sort));
        return rows;
    }

    static Comparator<PathFigures> comparator(ViewState.Sort sort) {
        Comparator<PathFigures> byName = Comparator.comparing(PathFigures::path);
        return switch (sort) {
            case NAME -> byName;
            case RATE -> Comparator.comparing((PathFigures p) -> p.requestsPerSecond(), descNullsLast()).thenComparing(byName);
            case P99 -> Comparator.comparing((PathFigures p) -> p99(p), descNullsLast()).thenComparing(byName);
            case ERRORS -> Comparator.comparing((PathFigures p) -> p.error5xxRatio(), descNullsLast())
                    .thenComparing(p -> p.error4xxRatio(), descNullsLast()).thenComparing(byName);
        };
    }

    private static Comparator<Double> descNullsLast() {
        return Comparator.nullsLast(Comparator.<Double>reverseOrder());
    }

    private static Double p99(PathFigures p) {
        return p.latencySeconds() == null ? null : p.latencySeconds().p99();
    }

    /** Appends the path table into at most {@code room} lines; returns the largest useful scroll. */
    private int paths(List<PathFigures> rows, int total, int room, List<AttributedString> out) {
        int visible = room - 2;
        int maxScroll = Math.max(0, rows.size() - visible);
        int scroll = Math.min(Math.max(0, view.scroll), maxScroll);

        StringBuilder t = new StringBuilder("PATHS");
        AttributedStringBuilder title = line();
        title.styled(st(BOLD), t.toString());
        String info = "  " + (rows.size() == total ? total + "" : rows.size() + " of " + total) + " · sort " + view.sort.label
                + (view.filter.isEmpty() ? "" : " · filter \"" + view.filter + "\"");
        if (rows.size() > visible) {
            info += " · rows " + (scroll + 1) + "–" + Math.min(rows.size(), scroll + visible) + (scroll < maxScroll ? " ↓" : "") + (scroll > 0 ? " ↑" : "");
        }
        title.styled(st(DIM), info);
        out.add(title.toAttributedString());

        int n = Math.max(0, Math.min(Col.values().length, (width - 2 - PATH_MIN_W) / NUM_W));
        List<Col> cols = new ArrayList<>();
        for (Col c : Col.values()) {
            if (c.priority < n) {
                cols.add(c);
            }
        }
        int pathW = Math.max(1, width - 2 - cols.size() * NUM_W);
        StringBuilder h = new StringBuilder("  ").append(pad("PATH", pathW));
        for (Col c : cols) {
            h.append(padLeft(c.head, NUM_W));
        }
        out.add(pad(st(INVERSE), pad(h.toString(), width)));
        if (rows.isEmpty()) {
            out.add(line().styled(st(DIM), total == 0 ? "  no requests yet" : "  no path matches \"" + view.filter + "\"").toAttributedString());
            return 0;
        }
        Thresholds th = view.thresholds;
        for (int i = scroll; i < Math.min(rows.size(), scroll + visible); i++) {
            PathFigures p = rows.get(i);
            AttributedStringBuilder b = line();
            b.append("  ").append(fitText(p.path(), pathW));
            Latency l = p.latencySeconds() == null ? Latency.NONE : p.latencySeconds();
            for (Col c : cols) {
                switch (c) {
                    case REQ -> b.append(padLeft(Fmt.rate(p.requestsPerSecond()), NUM_W));
                    case E5 -> b.styled(st(th.error5xxBad(p.error5xxRatio()) ? RED_BOLD : PLAIN), padLeft(Fmt.percent(p.error5xxRatio()), NUM_W));
                    case E4 -> b.append(padLeft(Fmt.percent(p.error4xxRatio()), NUM_W));
                    case P50 -> b.append(padLeft(Fmt.seconds(l.p50()), NUM_W));
                    case P95 -> b.append(padLeft(Fmt.seconds(l.p95()), NUM_W));
                    case P99 -> b.styled(st(th.p99Bad(l.p99()) ? RED_BOLD : PLAIN), padLeft(Fmt.seconds(l.p99()), NUM_W));
                }
            }
            out.add(b.toAttributedString());
        }
        return maxScroll;
    }

    private List<AttributedString> footer() {
        List<AttributedString> out = new ArrayList<>();
        if (view.debugTiming) {
            out.add(line().styled(st(DIM), String.format(Locale.ROOT, "timing: scrape round %s wall · compute+render %s CPU",
                    Double.isNaN(snap.scrapeMillis()) ? Fmt.NONE : String.format(Locale.ROOT, "%.1f ms", snap.scrapeMillis()),
                    Double.isNaN(snap.cpuMillis()) ? Fmt.NONE : String.format(Locale.ROOT, "%.2f ms", snap.cpuMillis()))).toAttributedString());
        }
        if (!view.interactive) {
            return out;
        }
        AttributedStringBuilder b = line();
        if (view.filterInput != null) {
            b.styled(st(BOLD), "filter paths: /").append(view.filterInput);
            b.styled(st(INVERSE), " ");
            b.styled(st(DIM), "  Enter apply · Esc clear");
        } else {
            b.styled(st(DIM), "q quit · p pause · s sort · / filter · ↑↓ scroll · w window · i instances · ? help");
        }
        out.add(b.toAttributedString());
        return out;
    }

    private List<String> help() {
        Thresholds th = view.thresholds;
        return List.of(
                "q, Ctrl-C   quit",
                "p, space    pause / resume",
                "s / S       sort paths: rate, p99, errors, name",
                "/           filter paths: type, Enter applies",
                "Esc         clear the filter",
                "↑ ↓ PgUp PgDn Home End   scroll paths",
                "w           window 1m ⇄ 5m",
                "i           per-instance breakdown",
                "?           this help (any key closes it)",
                "",
                "red: p99 > " + Fmt.seconds(th.p99WarnSeconds()) + ", 5xx > " + Fmt.percent(th.error5xxWarnRatio()),
                "yellow: success < " + Fmt.percent(th.successWarnRatio()));
    }

    /** Draws a framed box over the middle of the frame, keeping what is left and right of it. */
    private List<AttributedString> overlay(List<AttributedString> base, List<String> text) {
        List<AttributedString> lines = new ArrayList<>(base);
        String h = view.ascii ? "-" : "─";
        String v = view.ascii ? "|" : "│";
        int inner = 0;
        for (String s : text) {
            inner = Math.max(inner, new AttributedString(s).columnLength());
        }
        int boxW = Math.min(width, inner + 4);
        int innerW = Math.max(0, boxW - 4);
        List<AttributedString> box = new ArrayList<>();
        String titleText = " help: keys ";
        String top = (view.ascii ? "+" : "┌") + h + titleText + h.repeat(Math.max(0, boxW - 3 - titleText.length())) + (view.ascii ? "+" : "┐");
        box.add(new AttributedString(top, st(BOLD)));
        for (String s : text) {
            box.add(new AttributedStringBuilder().styled(st(BOLD), v).append(" ").append(fitText(s, innerW)).append(" ")
                    .styled(st(BOLD), v).toAttributedString());
        }
        box.add(new AttributedString((view.ascii ? "+" : "└") + h.repeat(Math.max(0, boxW - 2)) + (view.ascii ? "+" : "┘"), st(BOLD)));
        int rows = Math.min(box.size(), height);
        while (lines.size() < rows) {
            lines.add(AttributedString.EMPTY);
        }
        int top0 = Math.max(0, Math.min((lines.size() - rows) / 2, height - rows));
        int left = Math.max(0, (width - boxW) / 2);
        for (int i = 0; i < rows; i++) {
            AttributedString under = lines.get(top0 + i);
            AttributedStringBuilder b = new AttributedStringBuilder();
            int ul = under.columnLength();
            b.append(under.columnSubSequence(0, Math.min(left, ul)));
            b.append(" ".repeat(Math.max(0, left - ul)));
            b.append(box.get(i).columnSubSequence(0, Math.min(boxW, box.get(i).columnLength())));
            if (ul > left + boxW) {
                b.append(under.columnSubSequence(left + boxW, ul));
            }
            lines.set(top0 + i, fit(b.toAttributedString()));
        }
        return lines;
    }

    /** For terminals that cannot encode them: the few non-ASCII characters of the layout, transliterated. */
    static AttributedString ascii(AttributedString s) {
        String text = s.toString();
        boolean plain = true;
        for (int i = 0; i < text.length() && plain; i++) {
            plain = text.charAt(i) < 128;
        }
        if (plain) {
            return s;
        }
        AttributedStringBuilder b = new AttributedStringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String r = switch (c) {
                case '–', '─' -> "-";
                case '…' -> "~";
                case '·' -> "|";
                case '│' -> "|";
                case '┌', '┐', '└', '┘' -> "+";
                case '↑' -> "^";
                case '↓' -> "v";
                case '⇄' -> "<>";
                default -> c < 128 ? String.valueOf(c) : "?";
            };
            b.styled(s.styleAt(i), r);
        }
        return b.toAttributedString();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private AttributedStyle st(AttributedStyle s) {
        return view.color ? s : PLAIN;
    }

    private static AttributedStringBuilder line() {
        return new AttributedStringBuilder();
    }

    /** Cuts a line to the width, marking the cut with "…". */
    private AttributedString fit(AttributedString s) {
        int len = s.columnLength();
        if (len <= width) {
            return s;
        }
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.append(s.columnSubSequence(0, width - 1));
        b.append("…");
        return b.toAttributedString();
    }

    private static String fitText(String s, int w) {
        AttributedString a = new AttributedString(s);
        int len = a.columnLength();
        if (len <= w) {
            return s + " ".repeat(w - len);
        }
        if (w <= 1) {
            return w == 1 ? "…" : "";
        }
        return a.columnSubSequence(0, w - 2).toString() + "… ";
    }

    private static AttributedString pad(AttributedStyle style, String s) {
        return new AttributedString(s, style);
    }

    private static String pad(String s, int w) {
        int len = new AttributedString(s).columnLength();
        return len >= w ? s : s + " ".repeat(w - len);
    }

    private static String padLeft(String s, int w) {
        int len = new AttributedString(s).columnLength();
        return len >= w ? " " + s : " ".repeat(w - len) + s;
    }
}
