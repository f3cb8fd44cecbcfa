package io.microai.cli.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.scrape.StackFigures;
import io.microai.shared.scrape.TargetFigures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class RendererTest {
    private static ViewState view() {
        ViewState v = new ViewState();
        v.interactive = true;
        return v;
    }

    private static String text(List<AttributedString> lines) {
        return Renderer.plain(lines);
    }

    private static AttributedString lineWith(List<AttributedString> lines, String needle) {
        for (AttributedString l : lines) {
            if (l.toString().contains(needle)) {
                return l;
            }
        }
        throw new AssertionError("no line contains '" + needle + "':\n" + text(lines));
    }

    private static int row(List<AttributedString> lines, String startsWith) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).toString().startsWith("  " + startsWith + " ")) {
                return i;
            }
        }
        return -1;
    }

    private static AttributedStyle styleOf(AttributedString line, String value) {
        int at = line.toString().indexOf(value);
        assertTrue(at >= 0, value + " in " + line);
        return line.styleAt(at);
    }

    @Test
    void rendersTheHeadlineNumbersOfTheSummedGatewaysAndTheVerifier() {
        List<AttributedString> lines = Renderer.render(Synthetic.snapshot(), view(), 120, 40);
        String t = text(lines);
        assertTrue(lineWith(lines, "req/s").toString().contains("18.5"), t);
        assertTrue(lineWith(lines, "5xx").toString().contains("8.1%"), t);
        assertTrue(lineWith(lines, "in-flight").toString().contains(" 5"), "4 + 1 in flight:\n" + t);
        assertTrue(lineWith(lines, "cache hit").toString().contains("75.0%"), t);
        assertTrue(lineWith(lines, "verify ok").toString().contains("90.0%"), t);
        assertTrue(lineWith(lines, "rate-limit/s").toString().contains("0.30"), t);
        assertTrue(t.contains("GATEWAY  2/2 up"), t);
        assertTrue(t.contains("VERIFIER  1/1 up"), t);
        assertTrue(lineWith(lines, "verif/s").toString().contains("4.00"), t);
        assertTrue(lineWith(lines, "success").toString().contains("75.0%"), t);
        AttributedString invalid = lineWith(lines, "invalid by");
        assertTrue(invalid.toString().contains("high_s 0.60/s · bad_signature 0.40/s"), invalid.toString());
        assertFalse(invalid.toString().contains("invalid_json"), "reasons that did not happen are not listed");
        for (String url : List.of("10.0.0.1:3000/metrics", "10.0.0.2:3000/metrics", "10.0.0.3:3001/metrics")) {
            assertTrue(lineWith(lines, url).toString().contains("up"), t);
        }
        assertTrue(t.startsWith("microai metrics top  window 1m · every 2s · sort rate"), t);
    }

    @Test
    void showsEachProtocolsPaymentRateAndVerifiedShareInTheClosedOrderOnOneLine() {
        List<AttributedString> lines = Renderer.render(Synthetic.snapshot(), view(), 120, 40);
        AttributedString payments = lineWith(lines, "payments");
        assertEquals("  payments    x402 3.00/s 93.3% · x402-v1 0.40/s 100% · legacy 1.00/s 90.0%",
                payments.toString().stripTrailing());
        assertFalse(payments.toString().contains("x402-v9"), "a protocol outside the closed set has no place");
        int gateway = lines.indexOf(lineWith(lines, "GATEWAY  2/2 up"));
        int verifier = lines.indexOf(lineWith(lines, "VERIFIER  1/1 up"));
        int at = lines.indexOf(payments);
        assertTrue(gateway < at && at < verifier, "in the gateway section:\n" + text(lines));
    }

    @Test
    void aProtocolsVerifiedShareBelowTheSuccessThresholdIsYellow() {
        ViewState v = view();
        AttributedString payments = lineWith(Renderer.render(Synthetic.snapshot(), v, 120, 40), "payments");
        assertEquals(Renderer.YELLOW, styleOf(payments, "93.3%"), "below 99%");
        assertEquals(Renderer.YELLOW, styleOf(payments, "90.0%"));
        assertEquals(AttributedStyle.DEFAULT, styleOf(payments, "100%"));
        v.thresholds = Thresholds.of(Duration.ofMillis(250), 90, 1);
        AttributedString relaxed = lineWith(Renderer.render(Synthetic.snapshot(), v, 120, 40), "payments");
        assertEquals(AttributedStyle.DEFAULT, styleOf(relaxed, "93.3%"), "--success-warn 90");
        assertEquals(AttributedStyle.DEFAULT, styleOf(relaxed, "90.0%"), "90% is not below 90%");
    }

    @Test
    void paymentsAreADashBeforeTheSecondScrapeAndAProtocolWithoutPaymentsHasNoShare() {
        io.microai.shared.scrape.History h = new io.microai.shared.scrape.History(5);
        h.record(Synthetic.ok(Synthetic.GW_B, 0, Synthetic.gatewayB(0)));
        StackFigures one = StackFigures.compute(h.window(Duration.ofMinutes(1)), List.of(Synthetic.GW_B), List.of());
        AttributedString first = lineWith(Renderer.render(Snapshot.of(one, Duration.ofSeconds(2)), view(), 120, 40), "payments");
        assertEquals("  payments    –", first.toString().stripTrailing());
        h.record(Synthetic.ok(Synthetic.GW_B, 10, Synthetic.gatewayB(1)));
        StackFigures two = StackFigures.compute(h.window(Duration.ofMinutes(1)), List.of(Synthetic.GW_B), List.of());
        AttributedString second = lineWith(Renderer.render(Snapshot.of(two, Duration.ofSeconds(2)), view(), 120, 40), "payments");
        assertEquals("  payments    x402 0.80/s 100% · x402-v1 0.00/s – · legacy 0.00/s –", second.toString().stripTrailing());
    }

    @Test
    void rendersOneRowPerPathWithRateErrorsAndLatencies() {
        List<AttributedString> lines = Renderer.render(Synthetic.snapshot(), view(), 120, 40);
        String header = lineWith(lines, "  PATH ").toString();
        for (String col : List.of("REQ/S", "5XX%", "4XX%", "P50", "P95", "P99")) {
            assertTrue(header.contains(col), header);
        }
        String api = lineWith(lines, "/api/ai/summarize").toString();
        assertTrue(api.matches(".*/api/ai/summarize\\s+12\\.0\\s+8\\.3%\\s+8\\.3%\\s+\\S+\\s+\\S+\\s+970ms.*"), api);
        String health = lineWith(lines, "  /health").toString();
        assertTrue(health.matches(".*/health\\s+5\\.00\\s+0%\\s+0%.*"), health);
        assertTrue(lineWith(lines, "/admin/boom").toString().contains("100%"), "5xx of /admin/boom");
        assertTrue(text(lines).contains("PATHS  4 · sort rate"), text(lines));
    }

    @Test
    void drawsSparklinesBesideHeadlineFiguresWithTheNewestOnTheRight() {
        List<AttributedString> lines = Renderer.render(Synthetic.snapshot(), view(), 120, 40);
        assertTrue(lineWith(lines, "req/s").toString().contains("▁▂▃▄▅▆▇█"), text(lines));
        assertTrue(lineWith(lines, "p99").toString().contains("███"), "latency is drawn on 0..max: flat 900ms is full height");
        ViewState ascii = view();
        ascii.ascii = true;
        List<AttributedString> plain = Renderer.render(Synthetic.snapshot(), ascii, 120, 40);
        assertTrue(lineWith(plain, "req/s").toString().contains("_.-:=+*#"), text(plain));
        for (AttributedString l : plain) {
            assertTrue(l.toString().chars().allMatch(c -> c < 128), "ASCII only: " + l);
        }
    }

    @Test
    void colorsFiguresBeyondTheirThresholds() {
        ViewState v = view();
        List<AttributedString> lines = Renderer.render(Synthetic.snapshot(), v, 120, 40);
        AttributedStyle p99 = styleOf(lineWith(lines, "p99"), "954ms");
        assertEquals(Renderer.RED_BOLD, p99, "p99 above 250ms is red");
        assertEquals(AttributedStyle.RED, (p99.getStyle() >>> 15) & 0xFF, "foreground is red");
        assertEquals(Renderer.RED_BOLD, styleOf(lineWith(lines, "5xx"), "8.1%"), "5xx above 1% is red");
        assertEquals(Renderer.YELLOW, styleOf(lineWith(lines, "success"), "75.0%"), "verifier success below 99% is yellow");
        assertEquals(Renderer.YELLOW, styleOf(lineWith(lines, "verify ok"), "90.0%"));
        AttributedString api = lineWith(lines, "/api/ai/summarize");
        assertEquals(Renderer.RED_BOLD, api.styleAt(api.toString().lastIndexOf("970ms")), "a path's p99 too");
        AttributedString health = lineWith(lines, "  /health");
        assertEquals(AttributedStyle.DEFAULT, health.styleAt(health.toString().lastIndexOf("0%")), "below thresholds: plain");

        v.thresholds = Thresholds.of(Duration.ofSeconds(2), 50, 10);
        List<AttributedString> relaxed = Renderer.render(Synthetic.snapshot(), v, 120, 40);
        assertEquals(AttributedStyle.DEFAULT, styleOf(lineWith(relaxed, "p99"), "954ms"), "--p99-warn 2s");
        assertEquals(AttributedStyle.DEFAULT, styleOf(lineWith(relaxed, "success"), "75.0%"), "--success-warn 50");
        assertEquals(AttributedStyle.DEFAULT, styleOf(lineWith(relaxed, "5xx"), "8.1%"), "--error-warn 10");
    }

    @Test
    void noColorRendersEveryCharacterInTheDefaultStyle() {
        ViewState v = view();
        v.color = false;
        for (AttributedString l : Renderer.render(Synthetic.snapshot(), v, 120, 40)) {
            for (int i = 0; i < l.length(); i++) {
                assertEquals(AttributedStyle.DEFAULT, l.styleAt(i), l.toString());
            }
            assertFalse(l.toAnsi().contains("\u001b"), l.toAnsi());
        }
    }

    @Test
    void cyclesThroughTheSortOrders() {
        ViewState v = view();
        List<AttributedString> byRate = Renderer.render(Synthetic.snapshot(), v, 120, 40);
        assertTrue(row(byRate, "/api/ai/summarize") < row(byRate, "/health"));
        assertTrue(row(byRate, "/health") < row(byRate, "/metrics"));
        assertTrue(row(byRate, "/metrics") < row(byRate, "/admin/boom"));

        v.onKey(Key.of('s'));
        assertEquals(ViewState.Sort.P99, v.sort);
        List<AttributedString> byP99 = Renderer.render(Synthetic.snapshot(), v, 120, 40);
        assertTrue(row(byP99, "/api/ai/summarize") < row(byP99, "/metrics"), text(byP99));
        assertTrue(row(byP99, "/metrics") < row(byP99, "/health"), text(byP99));

        v.onKey(Key.of('s'));
        assertEquals(ViewState.Sort.ERRORS, v.sort);
        List<AttributedString> byErrors = Renderer.render(Synthetic.snapshot(), v, 120, 40);
        assertTrue(row(byErrors, "/admin/boom") < row(byErrors, "/api/ai/summarize"), text(byErrors));
        assertTrue(row(byErrors, "/api/ai/summarize") < row(byErrors, "/health"), text(byErrors));

        v.onKey(Key.of('s'));
        assertEquals(ViewState.Sort.NAME, v.sort);
        List<AttributedString> byName = Renderer.render(Synthetic.snapshot(), v, 120, 40);
        assertTrue(row(byName, "/admin/boom") < row(byName, "/api/ai/summarize"));
        assertTrue(row(byName, "/health") < row(byName, "/metrics"));
        assertTrue(text(byName).contains("sort name"));
    }

    @Test
    void filtersPathsBySubstring() {
        ViewState v = view();
        v.onKey(Key.of('/'));
        for (char c : "HEAL".toCharArray()) {
            v.onKey(Key.of(c));
        }
        List<AttributedString> typing = Renderer.render(Synthetic.snapshot(), v, 120, 40);
        assertTrue(typing.get(typing.size() - 1).toString().startsWith("filter paths: /HEAL"), text(typing));
        assertTrue(row(typing, "/metrics") >= 0, "not applied before Enter");
        v.onKey(Key.of(Key.Kind.ENTER));
        List<AttributedString> lines = Renderer.render(Synthetic.snapshot(), v, 120, 40);
        assertTrue(row(lines, "/health") >= 0, text(lines));
        assertEquals(-1, row(lines, "/metrics"));
        assertEquals(-1, row(lines, "/api/ai/summarize"));
        assertTrue(text(lines).contains("PATHS  1 of 4 · sort rate · filter \"HEAL\""), text(lines));

        v.filter = "nothing-like-this";
        assertTrue(text(Renderer.render(Synthetic.snapshot(), v, 120, 40)).contains("no path matches \"nothing-like-this\""));
        v.onKey(Key.of(Key.Kind.ESCAPE));
        assertTrue(row(Renderer.render(Synthetic.snapshot(), v, 120, 40), "/metrics") >= 0, "Esc clears the filter");
    }

    @Test
    void truncatesCleanlyAtFortyColumns() {
        ViewState v = view();
        for (int height : new int[] {40, 24, 12, 6, 3, 1}) {
            List<AttributedString> lines = Renderer.render(Synthetic.snapshot(), v, 40, height);
            assertTrue(lines.size() <= height, height + " rows: " + lines.size());
            for (AttributedString l : lines) {
                assertTrue(l.columnLength() <= 40, "too wide (" + l.columnLength() + "): " + l);
            }
            if (height >= 2) {
                assertTrue(lines.get(lines.size() - 1).toString().startsWith("q quit"), "the key hints stay: " + text(lines));
            }
        }
        List<AttributedString> tall = Renderer.render(Synthetic.snapshot(), v, 40, 60);
        String header = lineWith(tall, "  PATH ").toString();
        assertTrue(header.contains("REQ/S") && header.contains("P99") && header.contains("5XX%"), header);
        assertFalse(header.contains("P50"), "the least important columns go first: " + header);
        assertTrue(lineWith(tall, "req/s").toString().contains("18.5"), "one headline column still shows values");
        assertTrue(lineWith(tall, "/api/ai/summ").toString().contains("…"), "a long path is cut with an ellipsis: " + text(tall));
        assertTrue(text(tall).contains("…"), text(tall));
    }

    @Test
    void theShorterTheScreenTheFewerPathRowsAndScrollingReachesTheRest() {
        ViewState v = view();
        List<AttributedString> full = Renderer.render(Synthetic.snapshot(), v, 120, 60);
        int paths = 4;
        int fixed = full.size() - paths;
        Renderer.Frame twoRows = Renderer.frame(Synthetic.snapshot(), v, 120, fixed + 2);
        assertEquals(fixed + 2, twoRows.lines().size());
        assertEquals(2, twoRows.maxScroll(), "4 rows, 2 visible");
        assertTrue(row(twoRows.lines(), "/api/ai/summarize") >= 0);
        assertEquals(-1, row(twoRows.lines(), "/metrics"));
        assertTrue(text(twoRows.lines()).contains("rows 1–2 ↓"), text(twoRows.lines()));

        v.onKey(Key.of(Key.Kind.DOWN));
        v.onKey(Key.of(Key.Kind.DOWN));
        List<AttributedString> scrolled = Renderer.render(Synthetic.snapshot(), v, 120, fixed + 2);
        assertEquals(-1, row(scrolled, "/api/ai/summarize"));
        assertTrue(row(scrolled, "/metrics") >= 0 && row(scrolled, "/admin/boom") >= 0, text(scrolled));
        v.scroll = 99;
        assertTrue(row(Renderer.render(Synthetic.snapshot(), v, 120, fixed + 2), "/admin/boom") >= 0, "scroll is clamped");

        List<AttributedString> tiny = Renderer.render(Synthetic.snapshot(), view(), 120, 10);
        assertEquals(10, tiny.size());
        assertTrue(tiny.get(0).toString().startsWith("microai metrics top"));
    }

    @Test
    void theHelpOverlayListsTheKeysOverTheDashboard() {
        ViewState v = view();
        v.onKey(Key.of('?'));
        List<AttributedString> lines = Renderer.render(Synthetic.snapshot(), v, 120, 40);
        String t = text(lines);
        assertTrue(t.contains("help: keys"), t);
        for (String k : List.of("quit", "pause", "sort paths", "filter paths", "scroll", "window 1m", "per-instance")) {
            assertTrue(t.contains(k), k + " in\n" + t);
        }
        assertTrue(t.contains("microai metrics top"), "the dashboard stays around the box");
        for (AttributedString l : Renderer.render(Synthetic.snapshot(), v, 40, 12)) {
            assertTrue(l.columnLength() <= 40, l.toString());
        }
        v.onKey(Key.of('x'));
        assertFalse(text(Renderer.render(Synthetic.snapshot(), v, 120, 40)).contains("help: keys"), "any key closes it");
    }

    @Test
    void thePerInstanceBreakdownShowsEachTarget() {
        ViewState v = view();
        v.onKey(Key.of('i'));
        List<AttributedString> lines = Renderer.render(Synthetic.snapshot(), v, 120, 60);
        String t = text(lines);
        assertTrue(t.contains("INSTANCES"), t);
        String a = lines.stream().map(Object::toString).filter(l -> l.startsWith("  10.0.0.1:3000/metrics")).findFirst().orElseThrow();
        assertTrue(a.matches(".*gateway\\s+up\\s+16\\.5\\s+9\\.1%\\s+90\\.0%.*"), a);
        String b = lines.stream().map(Object::toString).filter(l -> l.startsWith("  10.0.0.2:3000/metrics")).findFirst().orElseThrow();
        assertTrue(b.matches(".*gateway\\s+up\\s+2\\.00\\s+0%.*"), b);
        String ver = lines.stream().map(Object::toString).filter(l -> l.startsWith("  10.0.0.3:3001/metrics")).findFirst().orElseThrow();
        assertTrue(ver.matches(".*verifier\\s+up\\s+4\\.00\\s+–\\s+75\\.0%.*"), ver);
    }

    @Test
    void aDownTargetShowsItsErrorAndALastErrorIsKept() {
        StackFigures f = Synthetic.figures();
        List<TargetFigures> targets = new ArrayList<>(f.targets());
        TargetFigures v = targets.get(2);
        targets.set(2, new TargetFigures(v.url(), v.role(), false, "connection refused", "connection refused",
                v.lastScrapeMs(), v.lastScrapeMs(), 1.0, null, null, null, null));
        TargetFigures a = targets.get(0);
        targets.set(0, new TargetFigures(a.url(), a.role(), true, null, "HTTP 503", a.lastScrapeMs(), a.lastScrapeMs(),
                2.0, a.spanSeconds(), a.samples(), a.gateway(), null));
        StackFigures down = new StackFigures(f.timestampMs(), f.windowSeconds(), f.gateway(), f.verifier(), targets);
        List<AttributedString> lines = Renderer.render(Snapshot.of(down, Duration.ofSeconds(2)), view(), 120, 40);
        AttributedString ver = lineWith(lines, "10.0.0.3:3001/metrics");
        assertTrue(ver.toString().contains("DOWN") && ver.toString().contains("connection refused"), ver.toString());
        assertEquals(Renderer.RED_BOLD, styleOf(ver, "DOWN"));
        assertTrue(lineWith(lines, "10.0.0.1:3000/metrics").toString().contains("last error"), text(lines));
    }

    @Test
    void rendersFiguresReadBackFromJsonTheSameWay() {
        StackFigures f = Synthetic.figures();
        Snapshot fromJson = new Snapshot(StackFigures.fromJson(f.toJson()), Map.of(), Duration.ofSeconds(2), 0, 0);
        Snapshot direct = new Snapshot(f, Map.of(), Duration.ofSeconds(2), 0, 0);
        assertEquals(text(Renderer.render(direct, view(), 100, 40)), text(Renderer.render(fromJson, view(), 100, 40)));
    }

    @Test
    void waitingForTheFirstScrapeAndNoTrafficShowDashesNotZeros() {
        String waiting = text(Renderer.render(Snapshot.of(null, Duration.ofSeconds(2)), view(), 80, 20));
        assertTrue(waiting.contains("waiting for the first scrape"), waiting);
        io.microai.shared.scrape.History h = new io.microai.shared.scrape.History(5);
        h.record(Synthetic.ok(Synthetic.GW_A, 0, Synthetic.gatewayA(0)));
        StackFigures one = StackFigures.compute(h.window(Duration.ofMinutes(1)), List.of(Synthetic.GW_A), List.of());
        List<AttributedString> lines = Renderer.render(Snapshot.of(one, Duration.ofSeconds(2)), view(), 120, 40);
        assertTrue(lineWith(lines, "req/s").toString().contains("–"), text(lines));
        assertFalse(text(lines).contains("VERIFIER"), "no verifier targets, no verifier section");
    }

    @Test
    void theDebugTimingFooterShowsTheCost() {
        ViewState v = view();
        v.debugTiming = true;
        String t = text(Renderer.render(Synthetic.snapshot(), v, 120, 40));
        assertTrue(t.contains("timing: scrape round 3.0 ms wall · compute+render 0.50 ms CPU"), t);
        assertNotEquals(-1, t.indexOf("q quit"));
    }

    private static List<AttributedString> settlementStack(String modeNone, String modeFacilitator, int up) {
        io.microai.shared.scrape.History h = new io.microai.shared.scrape.History(5);
        for (int k = 0; k <= 1; k++) {
            String text = "gateway_settlement_mode{mode=\"none\"} " + modeNone + "\n"
                    + "gateway_settlement_mode{mode=\"facilitator\"} " + modeFacilitator + "\n"
                    + "gateway_payment_asset_info{asset=\"0xA0\",decimals=\"6\",network=\"eip155:31337\"} 1\n"
                    + "gateway_settled_amount_total " + (k * 60 * 1000) + "\n"
                    + "gateway_settlements_total{outcome=\"settled\",protocol=\"x402\"} " + (k * 60) + "\n"
                    + "gateway_settlements_total{outcome=\"failed\",protocol=\"x402\"} " + (k * 20) + "\n"
                    + "gateway_facilitator_request_duration_seconds_bucket{operation=\"settle\",outcome=\"ok\",le=\"0.5\"} " + (k * 80) + "\n"
                    + "gateway_facilitator_request_duration_seconds_bucket{operation=\"settle\",outcome=\"ok\",le=\"+Inf\"} " + (k * 80) + "\n"
                    + "gateway_facilitator_up " + up + "\n";
            h.record(Synthetic.ok(Synthetic.GW_B, k * 60, text));
        }
        StackFigures f = StackFigures.compute(h.window(Duration.ofMinutes(1)), List.of(Synthetic.GW_B), List.of());
        return Renderer.render(Snapshot.of(f, Duration.ofSeconds(2)), view(), 140, 40);
    }

    @Test
    void showsRevenuePerMinuteInTokenUnitsSettlementSuccessAndFacilitatorP99() {
        // 60 settlements of 1000 atomic units in 60 s with 6 decimals: 0.06 tokens a minute; 60 of 80 settled.
        AttributedString line = lineWith(settlementStack("0", "1", 1), "settlement");
        assertEquals("  settlement  revenue 0.06/min · settled 75.0% · facilitator p99 495ms", line.toString().stripTrailing());
        assertEquals(Renderer.RED_BOLD, styleOf(line, "75.0%"));
    }

    @Test
    void aFacilitatorThatIsDownIsRedAndAGatewayThatSettlesNothingSaysSo() {
        AttributedString down = lineWith(settlementStack("0", "1", 0), "settlement");
        assertTrue(down.toString().contains("facilitator DOWN at 1/1"), down.toString());
        AttributedString none = lineWith(settlementStack("1", "0", 0), "settlement");
        assertEquals("  settlement  none: payments are verified but not settled, no funds move", none.toString().stripTrailing());
        assertEquals(Renderer.YELLOW, styleOf(none, "none: payments"));
    }

    /**
     * One gateway, 10 s apart: 20 streams ended (16 completed, 3 client_gone, 1 provider_error), first chunks
     * 10 under 0.1 s, 8 under 0.5 s, 2 under 1 s; 3 open now.
     */
    private static List<AttributedString> streamStack() {
        io.microai.shared.scrape.History h = new io.microai.shared.scrape.History(5);
        String p = "path=\"" + io.microai.shared.api.GatewayApi.SUMMARIZE_STREAM_PATH + "\"";
        for (int k = 0; k <= 1; k++) {
            String text = "gateway_stream_first_chunk_seconds_bucket{" + p + ",le=\"0.1\"} " + (k * 10) + "\n"
                    + "gateway_stream_first_chunk_seconds_bucket{" + p + ",le=\"0.5\"} " + (k * 18) + "\n"
                    + "gateway_stream_first_chunk_seconds_bucket{" + p + ",le=\"1.0\"} " + (k * 20) + "\n"
                    + "gateway_stream_first_chunk_seconds_bucket{" + p + ",le=\"+Inf\"} " + (k * 20) + "\n"
                    + "gateway_streams_total{" + p + ",outcome=\"completed\"} " + (k * 16) + "\n"
                    + "gateway_streams_total{" + p + ",outcome=\"client_gone\"} " + (k * 3) + "\n"
                    + "gateway_streams_total{" + p + ",outcome=\"provider_error\"} " + k + "\n"
                    + "gateway_streams_in_flight{" + p + "} 3\n";
            h.record(Synthetic.ok(Synthetic.GW_B, k * 10, text));
        }
        StackFigures f = StackFigures.compute(h.window(Duration.ofMinutes(1)), List.of(Synthetic.GW_B), List.of());
        return Renderer.render(Snapshot.of(f, Duration.ofSeconds(2)), view(), 140, 40);
    }

    @Test
    void showsTimeToFirstChunkStreamRateInFlightAndEveryWayAStreamEndsBadly() {
        AttributedString line = lineWith(streamStack(), "  streams ");
        assertEquals("  streams     first chunk p99 950ms p50 100ms · 2.00/s · in flight 3 · client_gone 15.0%"
                + " · provider_error 5.0% · timeout 0%", line.toString().stripTrailing());
        assertFalse(line.toString().contains("completed"), "the good outcome takes no room");
    }

    @Test
    void aSlowFirstChunkAndProviderFailuresAreRedAClientThatLeftIsYellow() {
        AttributedString line = lineWith(streamStack(), "  streams ");
        assertEquals(Renderer.RED_BOLD, styleOf(line, "950ms"), "p99 above the 250ms default");
        assertEquals(Renderer.RED_BOLD, styleAfter(line, "provider_error "), "provider_error above the 1% 5xx threshold");
        assertEquals(Renderer.YELLOW, styleAfter(line, "client_gone "));
        assertEquals(AttributedStyle.DEFAULT, styleAfter(line, "timeout "), "no timeout");
    }

    private static AttributedStyle styleAfter(AttributedString line, String label) {
        int at = line.toString().indexOf(label);
        assertTrue(at >= 0, label + " in " + line);
        return line.styleAt(at + label.length());
    }

    @Test
    void aStackWhoseGatewaysExportNoStreamFamiliesSaysNoStreamsInTheGatewaySection() {
        List<AttributedString> lines = Renderer.render(Synthetic.snapshot(), view(), 120, 40);
        AttributedString streams = lineWith(lines, "  streams ");
        assertEquals("  streams     no streams", streams.toString().stripTrailing());
        int at = lines.indexOf(streams);
        assertTrue(lines.indexOf(lineWith(lines, "GATEWAY  2/2 up")) < at && at < lines.indexOf(lineWith(lines, "VERIFIER  1/1 up")),
                text(lines));
    }
}
