package io.microai.cli.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microai.cli.Main;
import io.microai.shared.scrape.ScrapeResult;
import io.microai.shared.scrape.Scraper;
import io.microai.shared.testing.Http;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code metrics top --once} and {@code --json} against a real gateway and verifier in this JVM. */
class TopCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LiveStack stack;

    @BeforeAll
    static void startStack() {
        stack = new LiveStack();
        stack.startTraffic();
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    /** Runs {@code microai metrics <args>} with its output captured. */
    static Run metrics(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MetricsCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void onceJsonPrintsExactlyOneObjectWithTheFiguresOfARealGatewayAndVerifier() throws Exception {
        long before = System.currentTimeMillis();
        Run run = metrics("top", "--once", "--json", "--interval", "500ms", "--timeout", "10s",
                "--target", stack.gatewayMetrics, "--target", stack.verifierMetrics);
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().strip().lines().toList();
        assertEquals(1, lines.size(), "exactly one object: " + run.out());
        JsonNode doc = JSON.readTree(lines.get(0));
        assertEquals(0.5, doc.get("window_seconds").asDouble(), 1e-9);
        assertTrue(doc.get("timestamp_ms").asLong() >= before, doc.toString());

        JsonNode g = doc.get("gateway");
        assertEquals(1, g.get("targets_up").asInt());
        assertEquals(1, g.get("targets_total").asInt());
        assertTrue(g.get("requests_per_second").asDouble() > 0, g.toString());
        assertTrue(g.get("payment_required_ratio").asDouble() > 0, "x402 challenges were answered: " + g);
        assertTrue(g.get("error_4xx_ratio").asDouble() >= g.get("payment_required_ratio").asDouble(), g.toString());
        assertEquals(0.0, g.get("error_5xx_ratio").asDouble(), 1e-9, g.toString());
        assertTrue(g.get("in_flight").asDouble() >= 0, g.toString());
        assertTrue(g.get("latency_seconds").get("p99").asDouble() > 0, g.toString());
        double verifyOk = g.get("verification_success_ratio").asDouble();
        assertTrue(verifyOk > 0 && verifyOk <= 1, g.toString());
        JsonNode summarize = null;
        for (JsonNode p : g.get("paths")) {
            if (p.get("path").asText().equals("/api/ai/summarize")) {
                summarize = p;
            }
        }
        assertNotNull(summarize, g.toString());
        assertTrue(summarize.get("requests_per_second").asDouble() > 0, summarize.toString());
        JsonNode payments = g.get("payments_by_protocol");
        List<String> protocols = new ArrayList<>();
        payments.fieldNames().forEachRemaining(protocols::add);
        assertEquals(List.of("x402", "x402-v1", "legacy"), protocols, "every protocol, in the closed order: " + payments);
        for (JsonNode p : payments) {
            assertTrue(p.get("per_second").isNumber() && p.get("per_second").asDouble() >= 0, payments.toString());
            JsonNode share = p.get("verified_ratio");
            assertTrue(share.isNull() || share.asDouble() >= 0 && share.asDouble() <= 1, payments.toString());
            assertEquals(share.isNull(), p.get("per_second").asDouble() == 0, "a share exactly when there are payments: " + payments);
        }

        JsonNode v = doc.get("verifier");
        assertEquals(1, v.get("targets_up").asInt());
        assertTrue(v.get("verifications_per_second").asDouble() > 0, v.toString());
        double success = v.get("success_ratio").asDouble();
        assertTrue(success > 0 && success <= 1, v.toString());
        assertTrue(v.get("latency_seconds").get("p99").asDouble() > 0, v.toString());

        JsonNode targets = doc.get("targets");
        assertEquals(2, targets.size());
        assertEquals(stack.gatewayMetrics, targets.get(0).get("url").asText());
        assertEquals("gateway", targets.get(0).get("role").asText(), "role inferred from gateway_requests_total");
        assertEquals("verifier", targets.get(1).get("role").asText(), "role inferred from verifier_requests_total");
        for (JsonNode t : targets) {
            assertTrue(t.get("up").asBoolean(), t.toString());
            assertTrue(t.get("scrape_duration_ms").asDouble() > 0, t.toString());
            assertTrue(t.get("span_seconds").asDouble() >= 0.4, "two scrapes about 500ms apart: " + t);
        }
    }

    @Test
    void oncePrintsOnePlainTextFrameWithoutEscapes() {
        Run run = metrics("top", "--once", "--interval", "500ms", "--timeout", "10s", "--width", "100",
                "--gateway-target", stack.gatewayMetrics, "--verifier-target", stack.verifierMetrics);
        assertEquals(0, run.exit(), run.err());
        String frame = run.out();
        assertFalse(frame.contains("\u001b"), "no ANSI escapes when not a terminal");
        assertTrue(frame.startsWith("microai metrics top  window 500ms · every 500ms"), frame);
        for (String s : List.of("gateway", "verifier", "GATEWAY  1/1 up", "VERIFIER  1/1 up", "req/s", "p99", "verif/s",
                "success", "/api/ai/summarize", "REQ/S", "payments", "x402-v1")) {
            assertTrue(frame.contains(s), s + " in\n" + frame);
        }
        assertFalse(frame.contains("q quit"), "no key hints in a --once frame");
        for (String line : frame.split("\n")) {
            assertTrue(line.codePointCount(0, line.length()) <= 100, "--width 100: " + line);
        }
    }

    @Test
    void aDownTargetIsReportedNextToTheReachableOnes() throws Exception {
        String down = "http://127.0.0.1:" + closedPort() + "/metrics";
        Run run = metrics("top", "--once", "--json", "--interval", "500ms", "--timeout", "10s",
                "--target", stack.gatewayMetrics, "--verifier-target", down);
        assertEquals(0, run.exit(), run.err());
        JsonNode doc = JSON.readTree(run.out());
        assertEquals(0, doc.get("verifier").get("targets_up").asInt());
        assertEquals(1, doc.get("verifier").get("targets_total").asInt());
        JsonNode t = doc.get("targets").get(1);
        assertEquals(down, t.get("url").asText());
        assertFalse(t.get("up").asBoolean());
        assertEquals("connection refused", t.get("error").asText());

        Run unknown = metrics("top", "--once", "--interval", "500ms", "--timeout", "10s", "--width", "120",
                "--target", stack.gatewayMetrics, "--target", down);
        assertEquals(0, unknown.exit(), unknown.err());
        assertTrue(unknown.out().matches("(?s).*unknown\\s+127\\.0\\.0\\.1:\\d+/metrics\\s+DOWN\\s.*connection refused.*"), unknown.out());
    }

    @Test
    void noReachableTargetExitsOneWithAClearMessage() throws Exception {
        String a = "http://127.0.0.1:" + closedPort() + "/metrics";
        String b = "http://127.0.0.1:" + closedPort() + "/metrics";
        Run run = metrics("top", "--once", "--json", "--interval", "500ms", "--target", a, "--target", b);
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        String err = run.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("microai: no metrics target is reachable: "), err);
        assertTrue(err.contains(a + " (connection refused)") && err.contains(b + " (connection refused)"), err);
        assertEquals(1, Main.run("metrics", "top", "--once", "--interval", "500ms", "--target", a), "through the microai command");
    }

    @Test
    void withoutTargetsOrAStackItExitsOneAndSaysWhatToDo(@TempDir Path empty) {
        Run run = metrics("top", "--once", "--state-dir", empty.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("no metrics targets: pass --target URL"), run.err());
        assertTrue(run.err().contains("microai stack up"), run.err());
        assertTrue(run.err().contains(empty.toString()), run.err());
    }

    @Test
    void defaultTargetsAreTheRunningStacksFromItsStateDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stack.json"), "{\"version\":1,\"mode\":\"detached\",\"services\":["
                + "{\"name\":\"verifier\",\"pid\":1,\"port\":1,\"metrics_url\":\"" + stack.verifierMetrics + "\"},"
                + "{\"name\":\"prometheus\",\"pid\":2,\"port\":2},"
                + "{\"name\":\"gateway\",\"pid\":3,\"port\":3,\"metrics_url\":\"" + stack.gatewayMetrics + "\",\"future\":true}]}");
        Run run = metrics("top", "--once", "--json", "--interval", "500ms", "--timeout", "10s", "--state-dir", dir.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode targets = JSON.readTree(run.out()).get("targets");
        assertEquals(2, targets.size(), targets.toString());
        assertEquals(stack.gatewayMetrics, targets.get(0).get("url").asText());
        assertEquals("gateway", targets.get(0).get("role").asText());
        assertEquals(stack.verifierMetrics, targets.get(1).get("url").asText());
        assertEquals("verifier", targets.get(1).get("role").asText());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, metrics("top", "--once", "--interval", "soon", "--target", stack.gatewayMetrics).exit());
        assertEquals(2, metrics("top", "--once", "--interval", "10ms", "--target", stack.gatewayMetrics).exit());
        assertEquals(2, metrics("top", "--once", "--target", "127.0.0.1:3000").exit());
        assertEquals(2, metrics("top", "--once", "--success-warn", "120", "--target", stack.gatewayMetrics).exit());
        assertEquals(2, metrics().exit(), "a metrics command is required");
        assertEquals(0, metrics("top", "--help").exit());
    }

    /**
     * The cost of one refresh of 3 targets (2 gateways, 1 verifier) on the thread that does it:
     * parsing the three real expositions, recording them, the per-interval sparkline figures, the
     * figures over the window and rendering a 120×40 frame. HTTP I/O is left out (it is wall time,
     * not CPU, and happens in the HTTP client's threads).
     */
    @Test
    void oneRefreshOfThreeTargetsCostsWellUnderFiftyMillisecondsOfCpu() throws Exception {
        String ver = Http.get(stack.verifierMetrics).body();
        // The in-process gateway has no JVM/process families (those come with the process); a real
        // one does, so lend it the verifier's to parse a realistically sized exposition.
        StringBuilder jvm = new StringBuilder();
        ver.lines().filter(l -> !l.contains("verifier_")).forEach(l -> jvm.append(l).append('\n'));
        String gw = Http.get(stack.gatewayMetrics).body() + jvm;
        String gw1 = "http://10.0.0.1:3000/metrics";
        String gw2 = "http://10.0.0.2:3000/metrics";
        String v1 = "http://10.0.0.3:3001/metrics";
        Monitor monitor = new Monitor(List.of(new Target(gw1, Target.Role.AUTO), new Target(gw2, Target.Role.GATEWAY),
                new Target(v1, Target.Role.AUTO)), new Scraper(), Duration.ofMillis(500), Duration.ofMinutes(5), 60);
        ViewState view = new ViewState();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int warmup = 400;
        int measured = 200;
        List<Double> cpuMillis = new ArrayList<>();
        int samples = 0;
        for (int i = 0; i < warmup + measured; i++) {
            double t = i * 0.5;
            long cpu0 = mx.getCurrentThreadCpuTime();
            List<ScrapeResult> round = List.of(Synthetic.ok(gw1, t, gw), Synthetic.ok(gw2, t, gw), Synthetic.ok(v1, t, ver));
            monitor.record(round);
            view.window = i % 2 == 0 ? ViewState.SHORT_WINDOW : ViewState.LONG_WINDOW;
            Snapshot snap = monitor.snapshot(view.window);
            samples = Renderer.render(snap, view, 120, 40).size();
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            if (i >= warmup) {
                cpuMillis.add(cpu / 1e6);
            }
        }
        assertTrue(samples > 20 && samples <= 40, "a full frame: " + samples);
        assertEquals(Target.Role.GATEWAY, monitor.roles().get(gw1));
        assertEquals(Target.Role.VERIFIER, monitor.roles().get(v1));
        double avg = cpuMillis.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        List<Double> sorted = new ArrayList<>(cpuMillis);
        sorted.sort(null);
        double p95 = sorted.get((int) (sorted.size() * 0.95));
        System.out.printf(Locale.ROOT, "metrics top: one refresh of 3 targets (%d + %d bytes of exposition): "
                + "avg %.2f ms CPU, p95 %.2f ms CPU (parse + record + figures + render 120x40)%n", gw.length(), ver.length(), avg, p95);
        assertTrue(avg < 50, "average CPU per refresh " + avg + " ms");
        assertTrue(avg < 25, "well under 50 ms: " + avg + " ms");
    }
}
