package io.microai.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.testing.Http;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code microai stack} as operators use it: the real jar, real processes, real ports. */
class StackCommandIT {
    private Path stateDir;
    private final List<Long> pids = new ArrayList<>();
    private final List<Process> helpers = new ArrayList<>();

    @BeforeEach
    void stateDir() throws Exception {
        stateDir = Files.createTempDirectory("microai-stack-it").toRealPath();
    }

    @AfterEach
    void stopEverything() {
        StackCli.killEverythingOf(stateDir, pids);
        for (Process p : helpers) {
            p.destroyForcibly();
        }
        StackCli.deleteTree(stateDir);
    }

    @Test
    void upDetachedServesPaidRequestsAndMetricsAndDownStopsBothAndRemovesTheState() throws Exception {
        int gatewayPort = StackCli.freePort();
        int verifierPort = StackCli.freePort();
        StackCli.Result up = StackCli.run("stack", "up", "-d", "--gateway-port", "" + gatewayPort,
                "--verifier-port", "" + verifierPort, "--state-dir", stateDir.toString());
        recordPids();
        assertEquals(0, up.exit(), up.all());
        assertTrue(up.out().matches("(?s).*stack healthy in \\d+\\.\\d s.*"), up.all());
        assertTrue(up.out().contains("http://127.0.0.1:" + gatewayPort + "/metrics"), up.all());
        assertTrue(up.out().contains("http://127.0.0.1:" + verifierPort + "/metrics"), up.all());

        StackCli.Result status = StackCli.run("stack", "status", "--json", "--state-dir", stateDir.toString());
        assertEquals(0, status.exit(), status.all());
        JsonNode doc = StackCli.JSON.readTree(status.out());
        assertTrue(doc.path("healthy").asBoolean(), status.out());
        JsonNode verifier = service(doc, "verifier");
        JsonNode gateway = service(doc, "gateway");
        assertEquals("healthy", verifier.path("status").asText(), status.out());
        assertEquals("healthy", gateway.path("status").asText(), status.out());
        assertEquals(verifierPort, verifier.path("port").asInt());
        assertEquals(gatewayPort, gateway.path("port").asInt());
        long verifierPid = verifier.path("pid").asLong();
        long gatewayPid = gateway.path("pid").asLong();
        assertTrue(StackCli.alive(verifierPid) && StackCli.alive(gatewayPid), status.out());
        assertTrue(gateway.path("uptime_seconds").asLong() >= 0, status.out());

        // With no configuration: the embedded provider, a 402 challenge for an unpaid request, metrics on both.
        String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        HttpResponse<String> challenge = Http.post(gatewayUrl + "/api/ai/summarize", "{\"text\":\"Stacks start services.\"}",
                "Content-Type", "application/json");
        assertEquals(402, challenge.statusCode(), challenge.body());
        assertTrue(challenge.body().contains("paymentContext"), challenge.body());
        HttpResponse<String> gatewayMetrics = Http.get(gatewayUrl + "/metrics");
        assertEquals(200, gatewayMetrics.statusCode());
        assertTrue(gatewayMetrics.body().contains("gateway_requests_total"), gatewayMetrics.body());
        HttpResponse<String> verifierMetrics = Http.get("http://127.0.0.1:" + verifierPort + "/metrics");
        assertEquals(200, verifierMetrics.statusCode());
        assertTrue(verifierMetrics.body().contains("verifier_"), verifierMetrics.body());

        StackCli.Result logs = StackCli.run("stack", "logs", "gateway", "--state-dir", stateDir.toString());
        assertEquals(0, logs.exit(), logs.all());
        assertTrue(logs.out().contains("gateway listening on http://127.0.0.1:" + gatewayPort), logs.all());

        StackCli.Result again = StackCli.run("stack", "up", "-d", "--gateway-port", "" + StackCli.freePort(),
                "--verifier-port", "" + StackCli.freePort(), "--state-dir", stateDir.toString());
        assertEquals(1, again.exit(), again.all());
        assertTrue(again.err().contains("already running"), again.all());

        StackCli.Result down = StackCli.run("stack", "down", "--state-dir", stateDir.toString());
        assertEquals(0, down.exit(), down.all());
        assertTrue(down.out().contains("stack stopped"), down.all());
        assertFalse(StackCli.alive(gatewayPid), "gateway pid " + gatewayPid + " is gone");
        assertFalse(StackCli.alive(verifierPid), "verifier pid " + verifierPid + " is gone");
        assertTrue(StackCli.portFree(gatewayPort) && StackCli.portFree(verifierPort), "ports are free again");
        assertFalse(Files.exists(stateDir.resolve(StackFiles.STATE_FILE)), "state file removed");
        assertEquals(List.of(), StackCli.processesMentioning(stateDir.toString()));

        StackCli.Result downAgain = StackCli.run("stack", "down", "--state-dir", stateDir.toString());
        assertEquals(0, downAgain.exit(), downAgain.all());
        assertTrue(downAgain.out().contains("no stack running"), downAgain.all());
        StackCli.Result statusAfter = StackCli.run("stack", "status", "--json", "--state-dir", stateDir.toString());
        assertEquals(1, statusAfter.exit(), statusAfter.all());
        assertFalse(StackCli.JSON.readTree(statusAfter.out()).path("running").asBoolean(), statusAfter.all());
    }

    @Test
    void aTakenGatewayPortFailsWithOneLineNamingThePortAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            StackCli.Result up = StackCli.run("stack", "up", "-d", "--gateway-port", "" + port,
                    "--verifier-port", "" + StackCli.freePort(), "--state-dir", stateDir.toString());
            recordPids();
            assertEquals(1, up.exit(), up.all());
            String error = up.err().strip();
            assertTrue(error.contains("port " + port), up.all());
            assertEquals(1, error.lines().count(), "one line: " + error);
            assertFalse(error.contains("\tat "), "no stack trace: " + error);
            assertEquals(List.of(), StackCli.processesMentioning(stateDir.toString()), "nothing left running");
            assertFalse(Files.exists(stateDir.resolve(StackFiles.STATE_FILE)), "no state file");
        }
    }

    @Test
    void aGatewayThatFailsToStartStopsTheVerifierItStartedAndQuotesItsLog() throws Exception {
        StackCli.Result up = StackCli.run("stack", "up", "-d", "--gateway-port", "" + StackCli.freePort(),
                "--verifier-port", "" + StackCli.freePort(), "-e", "RECIPIENT_ADDRESS=not-an-address",
                "--state-dir", stateDir.toString());
        recordPids();
        assertEquals(1, up.exit(), up.all());
        String error = up.err().strip();
        assertEquals(1, error.lines().count(), "one line: " + error);
        assertTrue(error.contains("gateway exited during start"), error);
        assertTrue(error.contains("RECIPIENT_ADDRESS"), "quotes the gateway's log: " + error);
        assertEquals(List.of(), StackCli.processesMentioning(stateDir.toString()), "the verifier was stopped");
        assertFalse(Files.exists(stateDir.resolve(StackFiles.STATE_FILE)), "no state file");
        assertTrue(Files.readString(stateDir.resolve("logs/verifier.log")).contains("verifier listening"),
                "the verifier did start before the gateway failed");
    }

    @Test
    void aServiceThatIsNotHealthyInTimeFailsTheStartAndIsStopped() throws Exception {
        // A JVM told to wait for a debugger before running main stays alive but never answers, so the
        // health wait runs out for certain, however fast the machine (an interpreted-only JVM does not:
        // the verifier can start within a second even then).
        StackCli.Result up = StackCli.run(Duration.ofSeconds(150), Map.of(JavaService.JAVA_OPTS,
                        "-XX:+UseSerialGC -agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:0"),
                "stack", "up", "-d", "--timeout", "1", "--gateway-port", "" + StackCli.freePort(),
                "--verifier-port", "" + StackCli.freePort(), "--state-dir", stateDir.toString());
        recordPids();
        assertEquals(1, up.exit(), up.all());
        String error = up.err().strip();
        assertEquals(1, error.lines().count(), "one line: " + error);
        assertTrue(error.contains("verifier was not healthy") && error.contains("within 1 s"), error);
        assertEquals(List.of(), StackCli.processesMentioning(stateDir.toString()), "the verifier was stopped");
        assertFalse(Files.exists(stateDir.resolve(StackFiles.STATE_FILE)), "no state file");
    }

    @Test
    void logsFollowPrintsNewLinesAsTheyAreWritten() throws Exception {
        Path log = stateDir.resolve("logs/gateway.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "old line 1\nold line 2\n");
        StackCli.Result tail = StackCli.run("stack", "logs", "gateway", "-n", "1", "--state-dir", stateDir.toString());
        assertEquals(0, tail.exit(), tail.all());
        assertEquals("old line 2", tail.out().strip());

        Path out = stateDir.resolve("follow.out");
        Process follow = new ProcessBuilder(StackCli.command("stack", "logs", "-f", "--state-dir", stateDir.toString()))
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(new File("/dev/null")).start();
        helpers.add(follow);
        StackCli.awaitTrue(Duration.ofSeconds(30), "the tail is printed", () -> read(out).contains("old line 2"));
        Files.writeString(log, "new line\n", java.nio.file.StandardOpenOption.APPEND);
        StackCli.awaitTrue(Duration.ofSeconds(10), "the new line is followed", () -> read(out).contains("new line"));
        assertTrue(follow.isAlive(), "follows until stopped");
        follow.destroy();
        assertTrue(follow.waitFor(10, TimeUnit.SECONDS));
    }

    @Test
    void downLeavesAloneAPidThatIsNoLongerOurs() throws Exception {
        Process wrongStart = sleeper();
        Process wrongCommand = sleeper();
        String realStart = wrongCommand.toHandle().info().startInstant().orElseThrow().toString();
        String stateJson = """
                {"version":1,"mode":"detached","state_dir":"%1$s","services":[
                 {"name":"verifier","pid":%2$d,"host":"127.0.0.1","port":1,"url":"http://127.0.0.1:1",
                  "health_url":"http://127.0.0.1:1/health","log":"%1$s/logs/verifier.log",
                  "process_start":"%3$s","command":"%4$s verifier"},
                 {"name":"gateway","pid":%5$d,"host":"127.0.0.1","port":2,"url":"http://127.0.0.1:2",
                  "health_url":"http://127.0.0.1:2/healthz","log":"%1$s/logs/gateway.log",
                  "process_start":"%6$s","command":"%4$s gateway"}]}
                """.formatted(stateDir, wrongStart.pid(), Instant.now().minus(Duration.ofHours(1)),
                String.join(" ", StackCli.command()), wrongCommand.pid(), realStart);
        Files.writeString(stateDir.resolve(StackFiles.STATE_FILE), stateJson, StandardCharsets.UTF_8);

        StackCli.Result status = StackCli.run("stack", "status", "--json", "--state-dir", stateDir.toString());
        assertEquals(1, status.exit(), status.all());
        assertFalse(StackCli.JSON.readTree(status.out()).path("running").asBoolean(), status.all());

        StackCli.Result down = StackCli.run("stack", "down", "--state-dir", stateDir.toString());
        assertEquals(0, down.exit(), down.all());
        assertTrue(down.out().contains("left alone"), down.all());
        Thread.sleep(500);
        assertTrue(wrongStart.isAlive(), "a pid with another start time is not ours: " + down.all());
        assertTrue(wrongCommand.isAlive(), "a pid with another command line is not ours: " + down.all());
        assertFalse(Files.exists(stateDir.resolve(StackFiles.STATE_FILE)), "the stale state is removed");
    }

    @Test
    void ctrlCInTheForegroundStopsBothServicesAndRemovesTheState() throws Exception {
        int gatewayPort = StackCli.freePort();
        int verifierPort = StackCli.freePort();
        Path out = stateDir.resolve("foreground.out");
        ProcessBuilder pb = new ProcessBuilder(StackCli.command("stack", "up", "--gateway-port", "" + gatewayPort,
                "--verifier-port", "" + verifierPort, "--state-dir", stateDir.toString()))
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(new File("/dev/null"));
        pb.environment().putAll(StackCli.TEST_ENV);
        Process foreground = pb.start();
        helpers.add(foreground);
        StackCli.awaitTrue(Duration.ofSeconds(120), "stack healthy", () -> {
            assertTrue(foreground.isAlive(), () -> "stack up exited early: " + read(out));
            return read(out).contains("stack healthy in");
        });
        recordPids();
        assertEquals(2, pids.size(), read(out));
        assertEquals("foreground", StackCli.readState(stateDir).path("mode").asText());
        assertEquals(200, Http.get("http://127.0.0.1:" + gatewayPort + "/healthz").statusCode());
        StackCli.awaitTrue(Duration.ofSeconds(10), "the gateway's log is followed", () -> read(out).contains("gateway  | "));

        foreground.destroy(); // SIGTERM, which the JVM handles like Ctrl-C's SIGINT
        assertTrue(foreground.waitFor(60, TimeUnit.SECONDS), read(out));
        String output = read(out);
        assertTrue(output.contains("stack stopped"), output);
        for (long pid : pids) {
            assertFalse(StackCli.alive(pid), "pid " + pid + " stopped: " + output);
        }
        assertTrue(StackCli.portFree(gatewayPort) && StackCli.portFree(verifierPort), "ports are free again");
        assertFalse(Files.exists(stateDir.resolve(StackFiles.STATE_FILE)), "state file removed");
    }

    @Test
    void badSettingsAreUsageErrors() throws Exception {
        StackCli.Result noEquals = StackCli.run("stack", "up", "-e", "NOEQUALS", "--state-dir", stateDir.toString());
        assertEquals(2, noEquals.exit(), noEquals.all());
        assertTrue(noEquals.err().contains("KEY=VALUE"), noEquals.all());

        Path envFile = stateDir.resolve("bad.env");
        Files.writeString(envFile, "# settings\nGOOD=1\nthis line has no equals sign\n");
        StackCli.Result badFile = StackCli.run("stack", "up", "--env-file", envFile.toString(), "--state-dir", stateDir.toString());
        assertEquals(2, badFile.exit(), badFile.all());
        assertTrue(badFile.err().contains("bad.env:3"), badFile.all());

        StackCli.Result samePort = StackCli.run("stack", "up", "--gateway-port", "4100", "--verifier-port", "4100",
                "--state-dir", stateDir.toString());
        assertEquals(2, samePort.exit(), samePort.all());

        StackCli.Result unknownService = StackCli.run("stack", "logs", "nosuch", "--state-dir", stateDir.toString());
        assertEquals(2, unknownService.exit(), unknownService.all());
        assertEquals(List.of(), StackCli.processesMentioning(stateDir.toString()));
    }

    @Test
    void everyStackCommandHasHelp() throws Exception {
        for (String command : List.of("", "up", "status", "logs", "down")) {
            List<String> args = new ArrayList<>(List.of("stack"));
            if (!command.isEmpty()) {
                args.add(command);
            }
            args.add("--help");
            StackCli.Result help = StackCli.run(args.toArray(String[]::new));
            assertEquals(0, help.exit(), help.all());
            assertTrue(help.out().contains("Usage: microai stack" + (command.isEmpty() ? "" : " " + command)), help.all());
        }
        StackCli.Result bare = StackCli.run("stack");
        assertEquals(2, bare.exit(), bare.all());
    }

    private Process sleeper() throws Exception {
        Process p = new ProcessBuilder("sleep", "120").start();
        helpers.add(p);
        return p;
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

    private static JsonNode service(JsonNode status, String name) {
        for (JsonNode s : status.path("services")) {
            if (name.equals(s.path("name").asText())) {
                return s;
            }
        }
        throw new AssertionError("no " + name + " in " + status);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "";
        }
    }
}
