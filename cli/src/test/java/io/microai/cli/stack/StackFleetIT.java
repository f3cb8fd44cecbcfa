package io.microai.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code microai stack up --gateways 2 --with-redis}: a fleet sharing nonces in a private Redis. A
 * nonce issued by gateway-1 is paid at gateway-2. Needs {@code redis-server} (Debian package
 * redis-server, scripts/install-test-tools): without it this test fails rather than skips.
 */
class StackFleetIT {
    private Path stateDir;
    private final List<Long> pids = new ArrayList<>();

    @BeforeEach
    void stateDir() throws Exception {
        stateDir = Files.createTempDirectory("microai-stack-fleet-it").toRealPath();
    }

    @AfterEach
    void stopEverything() {
        StackCli.killEverythingOf(stateDir, pids);
        StackCli.deleteTree(stateDir);
    }

    @Test
    void aTwoGatewayFleetWithRedisSharesNoncesAndDownStopsEverything() throws Exception {
        assertTrue(Processes.onPath("redis-server").isPresent(),
                "redis-server is not installed: apt-get install -y redis-server (scripts/install-test-tools)");
        int gatewayPort = freeConsecutivePorts(2);
        int verifierPort = StackCli.freePort();
        int redisPort = StackCli.freePort();
        StackCli.Result up = StackCli.run("stack", "up", "-d", "--gateways", "2", "--with-redis",
                "--gateway-port", "" + gatewayPort, "--verifier-port", "" + verifierPort, "--redis-port", "" + redisPort,
                // The buckets are shared too: one client gets one burst over the whole fleet, so open them.
                "-e", "RATE_LIMIT_ANONYMOUS_BURST=1000", "-e", "RATE_LIMIT_ANONYMOUS_RPM=100000",
                "-e", "RATE_LIMIT_STANDARD_BURST=1000", "-e", "RATE_LIMIT_STANDARD_RPM=100000",
                "--state-dir", stateDir.toString());
        recordPids();
        assertEquals(0, up.exit(), up.all());
        assertEquals(4, pids.size(), up.all());
        String g1 = "http://127.0.0.1:" + gatewayPort;
        String g2 = "http://127.0.0.1:" + (gatewayPort + 1);
        assertTrue(up.out().contains(g1 + "/metrics") && up.out().contains(g2 + "/metrics"), up.all());

        // status: every process, healthy; redis checked with PING.
        StackCli.Result status = StackCli.run("stack", "status", "--json", "--state-dir", stateDir.toString());
        assertEquals(0, status.exit(), status.all());
        JsonNode doc = StackCli.JSON.readTree(status.out());
        assertTrue(doc.path("healthy").asBoolean(), status.out());
        Map<String, JsonNode> services = new LinkedHashMap<>();
        for (JsonNode s : doc.path("services")) {
            services.put(s.path("name").asText(), s);
        }
        assertEquals(List.of("redis", "verifier", "gateway-1", "gateway-2"), List.copyOf(services.keySet()), status.out());
        for (JsonNode s : services.values()) {
            assertEquals("healthy", s.path("status").asText(), status.out());
        }
        assertEquals(gatewayPort, services.get("gateway-1").path("port").asInt());
        assertEquals(gatewayPort + 1, services.get("gateway-2").path("port").asInt());
        assertEquals(redisPort, services.get("redis").path("port").asInt());

        // The state lists each gateway's metrics URL in the same fields as a single-gateway stack.
        JsonNode state = StackCli.readState(stateDir);
        List<String> metricsUrls = new ArrayList<>();
        for (JsonNode s : state.path("services")) {
            if ("gateway".equals(s.path("role").asText())) {
                metricsUrls.add(s.path("metrics_url").asText());
            }
        }
        assertEquals(List.of(g1 + "/metrics", g2 + "/metrics"), metricsUrls, state.toString());

        // Each flow's paid retry goes to the other gateway: only a shared nonce store can accept an
        // upstream-format payment there (an x402 payment carries its own nonce and needs no issuer).
        StackCli.Result load = StackCli.run("load", "-n", "20", "--gateway", g1, "--gateway", g2, "--spread",
                "--protocol", "legacy", "--no-progress", "--json");
        assertEquals(0, load.exit(), load.all());
        JsonNode summary = StackCli.JSON.readTree(load.out());
        assertTrue(summary.path("counts_agree").asBoolean(), load.all());
        assertEquals(20, summary.path("client_status_counts").path("200").asLong(), load.all());
        assertEquals(20, summary.path("client_status_counts").path("402").asLong(), load.all());
        assertEquals(summary.path("client_status_counts"), summary.path("server_status_deltas"), load.all());
        JsonNode byGateway = summary.path("server_status_deltas_by_gateway");
        assertEquals(10, byGateway.path(g1).path("200").asLong(), load.all());
        assertEquals(10, byGateway.path(g2).path("200").asLong(), load.all());

        StackCli.Result logs = StackCli.run("stack", "logs", "gateway-2", "-n", "200", "--state-dir", stateDir.toString());
        assertEquals(0, logs.exit(), logs.all());
        assertTrue(logs.out().contains("gateway listening on " + g2), logs.all());

        StackCli.Result down = StackCli.run("stack", "down", "--state-dir", stateDir.toString());
        assertEquals(0, down.exit(), down.all());
        for (String name : List.of("gateway-2", "gateway-1", "verifier", "redis")) {
            assertTrue(down.out().contains(name + ": stopped"), down.all());
        }
        for (long pid : pids) {
            assertFalse(StackCli.alive(pid), "pid " + pid + " stopped: " + down.all());
        }
        for (int port : List.of(gatewayPort, gatewayPort + 1, verifierPort, redisPort)) {
            assertTrue(StackCli.portFree(port), "port " + port + " is free again");
        }
        assertFalse(Files.exists(stateDir.resolve(StackFiles.STATE_FILE)), "state file removed");
        assertEquals(List.of(), StackCli.processesMentioning(stateDir.toString()));
    }

    @Test
    void aFleetWithoutSharedStateIsAUsageError() throws Exception {
        StackCli.Result up = StackCli.run("stack", "up", "-d", "--gateways", "2", "--state-dir", stateDir.toString());
        assertEquals(2, up.exit(), up.all());
        assertTrue(up.err().contains("--with-redis") && up.err().contains("--redis"), up.all());
        StackCli.Result both = StackCli.run("stack", "up", "-d", "--gateways", "2", "--with-redis", "--redis", "redis://127.0.0.1:1",
                "--state-dir", stateDir.toString());
        assertEquals(2, both.exit(), both.all());
        assertEquals(List.of(), StackCli.processesMentioning(stateDir.toString()));
        assertFalse(Files.exists(stateDir.resolve(StackFiles.STATE_FILE)));
    }

    private void recordPids() {
        try {
            for (JsonNode s : StackCli.readState(stateDir).path("services")) {
                pids.add(s.path("pid").asLong());
            }
        } catch (Exception noState) {
            // nothing was recorded
        }
    }

    /** The first of n consecutive ports that are free now (the fleet takes --gateway-port, +1, ...). */
    private static int freeConsecutivePorts(int n) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = StackCli.freePort();
            if (first + n - 1 > 65535) {
                continue;
            }
            boolean all = true;
            for (int i = 1; i < n; i++) {
                all &= StackCli.portFree(first + i);
            }
            if (all) {
                return first;
            }
        }
        throw new AssertionError("no " + n + " consecutive free ports");
    }
}
