package io.microai.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code stack up --with-prometheus}: a real Prometheus scraping both services. Needs {@code prometheus}
 * (Debian package prometheus, scripts/install-test-tools): without it this test fails rather than skips.
 */
class StackPrometheusIT {

    @Test
    void withPrometheusTheStackIsScrapedAndDownStopsAllThree() throws Exception {
        assertTrue(Processes.onPath(PrometheusService.BINARY).isPresent(),
                "prometheus is not installed: apt-get install -y prometheus (scripts/install-test-tools)");
        Path stateDir = Files.createTempDirectory("microai-stack-prom-it").toRealPath();
        List<Long> pids = new ArrayList<>();
        try {
            int prometheusPort = StackCli.freePort();
            StackCli.Result up = StackCli.run("stack", "up", "-d", "--with-prometheus", "--prometheus-port", "" + prometheusPort,
                    "--gateway-port", "" + StackCli.freePort(), "--verifier-port", "" + StackCli.freePort(),
                    "--state-dir", stateDir.toString());
            if (Files.exists(stateDir.resolve(StackFiles.STATE_FILE))) {
                for (JsonNode s : StackCli.readState(stateDir).path("services")) {
                    pids.add(s.path("pid").asLong());
                }
            }
            assertEquals(0, up.exit(), up.all());
            assertEquals(3, pids.size(), up.all());
            String prometheus = "http://127.0.0.1:" + prometheusPort;
            assertTrue(up.out().contains(prometheus), up.all());
            assertEquals(200, Http.get(prometheus + "/-/ready").statusCode());
            String config = Files.readString(stateDir.resolve("prometheus.yml"));
            assertTrue(config.contains("microai-gateway") && config.contains("microai-verifier") && config.contains("5s"), config);

            // Both jobs are scraped (every 5 s) and up.
            StackCli.awaitTrue(Duration.ofSeconds(30), "both targets up", () -> {
                try {
                    Map<String, String> health = new HashMap<>();
                    for (JsonNode t : StackCli.JSON.readTree(Http.get(prometheus + "/api/v1/targets").body()).path("data").path("activeTargets")) {
                        health.put(t.path("labels").path("job").asText(), t.path("health").asText());
                    }
                    return "up".equals(health.get("microai-gateway")) && "up".equals(health.get("microai-verifier"));
                } catch (Exception e) {
                    return false;
                }
            });

            StackCli.Result status = StackCli.run("stack", "status", "--json", "--state-dir", stateDir.toString());
            assertEquals(0, status.exit(), status.all());
            assertTrue(status.out().contains("\"prometheus\""), status.all());

            StackCli.Result logs = StackCli.run("stack", "logs", "prometheus", "--state-dir", stateDir.toString());
            assertEquals(0, logs.exit(), logs.all());
            assertTrue(logs.out().contains("Server is ready to receive web requests"), logs.all());

            StackCli.Result down = StackCli.run("stack", "down", "--state-dir", stateDir.toString());
            assertEquals(0, down.exit(), down.all());
            assertTrue(down.out().contains("prometheus: stopped"), down.all());
            for (long pid : pids) {
                assertFalse(StackCli.alive(pid), "pid " + pid + " stopped");
            }
            assertTrue(StackCli.portFree(prometheusPort), "Prometheus's port is free again");
            assertFalse(Files.exists(stateDir.resolve(StackFiles.STATE_FILE)));
        } finally {
            StackCli.killEverythingOf(stateDir, pids);
            StackCli.deleteTree(stateDir);
        }
    }
}
