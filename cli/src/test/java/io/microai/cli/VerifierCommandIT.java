package io.microai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.testing.Http;
import io.microai.shared.testing.Promtool;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier as operators run it: {@code microai verifier} in its own JVM. */
class VerifierCommandIT {

    @Test
    void theVerifierServesHealthAndMetricsAndStopsCleanlyOnSigterm() throws Exception {
        int port = ServiceProcess.freePort();
        try (ServiceProcess verifier = ServiceProcess.start(Map.of("VERIFIER_PORT", Integer.toString(port), "VERIFIER_HOST", "127.0.0.1"), "verifier")) {
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(base + "/health", verifier);
            HttpResponse<String> bad = Http.post(base + "/verify", "{}");
            assertEquals(400, bad.statusCode());
            String scrape = Http.get(base + "/metrics").body();
            assertTrue(scrape.contains("verifier_requests_total{status=\"400\"} 1.0"), scrape);
            assertTrue(scrape.contains("jvm_memory_used_bytes"), "JVM families are exported");
            assertTrue(scrape.contains("process_cpu_seconds_total"), "process families are exported");
            assertEquals("", Promtool.checkMetrics(scrape));
            verifier.process.destroy();
            int exit = verifier.waitForExit(Duration.ofSeconds(20));
            assertTrue(exit == 0 || exit == 143, "graceful stop, exit " + exit);
        }
    }

    @Test
    void aBadMetricsPathIsRefusedWithOneLineNamingTheVariable() throws Exception {
        try (ServiceProcess verifier = ServiceProcess.start(Map.of("VERIFIER_PORT", Integer.toString(ServiceProcess.freePort()), "METRICS_PATH", "metrics"), "verifier")) {
            assertEquals(2, verifier.waitForExit(Duration.ofSeconds(30)));
            String out = verifier.output().strip();
            assertTrue(out.contains("METRICS_PATH"), out);
            assertEquals(1, out.lines().count(), "one line: " + out);
            assertFalse(out.contains("Exception"), out);
        }
    }

    @Test
    void aPortInUseIsAClearFailure() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            try (ServiceProcess verifier = ServiceProcess.start(Map.of("VERIFIER_PORT", Integer.toString(port), "VERIFIER_HOST", "127.0.0.1"), "verifier")) {
                assertEquals(1, verifier.waitForExit(Duration.ofSeconds(30)));
                String out = verifier.output();
                assertTrue(out.contains("cannot listen on port " + port), out);
                assertFalse(out.contains("\tat "), "no stack trace without --debug: " + out);
            }
        }
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        try (ServiceProcess cli = ServiceProcess.start(Map.of(), "no-such-command")) {
            assertEquals(2, cli.waitForExit(Duration.ofSeconds(30)));
        }
        try (ServiceProcess cli = ServiceProcess.start(Map.of(), "--help")) {
            assertEquals(0, cli.waitForExit(Duration.ofSeconds(30)));
            assertTrue(cli.output().contains("verifier"));
        }
    }

    static void awaitHealthy(String url, ServiceProcess process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.process.isAlive()) {
                throw new AssertionError("service exited early:\n" + process.output());
            }
            try {
                if (Http.get(url).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not healthy within 30 s:\n" + process.output());
    }
}
