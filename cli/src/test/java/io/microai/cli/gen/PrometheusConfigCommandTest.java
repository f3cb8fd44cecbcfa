package io.microai.cli.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

class PrometheusConfigCommandTest {
    @TempDir
    Path dir;

    @Test
    void defaultsScrapeLocalGatewayAndVerifierEvery15Seconds() {
        Cli.Result result = Cli.run("gen", "prometheus-config", "--metrics-path", "/metrics");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("""
                global:
                  scrape_interval: 15s
                  evaluation_interval: 15s
                scrape_configs:
                  - job_name: microai-gateway
                    metrics_path: /metrics
                    static_configs:
                      - targets:
                          - localhost:3000
                  - job_name: microai-verifier
                    metrics_path: /metrics
                    static_configs:
                      - targets:
                          - localhost:3002
                """, result.out());
        assertEquals("", result.err());
    }

    @Test
    void repeatedTargetsIntervalRulesAndMetricsPathAreHonoured() {
        Cli.Result result = Cli.run("gen", "prometheus-config", "--gateway", "gw-1:3000", "--gateway", "gw-2:3100",
                "--verifier", "[::1]:3002", "--scrape-interval", "1m", "--rules", "rules.yml", "--metrics-path", "/internal/metrics");
        assertEquals(0, result.exitCode(), result.err());
        Map<String, Object> config = new Yaml().load(result.out());
        assertEquals(Map.of("scrape_interval", "1m", "evaluation_interval", "1m"), config.get("global"));
        assertEquals(List.of("rules.yml"), config.get("rule_files"));
        assertEquals(List.of(
                Map.of("job_name", "microai-gateway", "metrics_path", "/internal/metrics",
                        "static_configs", List.of(Map.of("targets", List.of("gw-1:3000", "gw-2:3100")))),
                Map.of("job_name", "microai-verifier", "metrics_path", "/internal/metrics",
                        "static_configs", List.of(Map.of("targets", List.of("[::1]:3002"))))),
                config.get("scrape_configs"));
    }

    @Test
    void fileSdWritesTargetListsAndPointsTheJobsAtThemRelativeToTheConfig() throws Exception {
        Path config = dir.resolve("prometheus/prometheus.yml");
        Path targets = dir.resolve("prometheus/targets");
        Cli.Result result = Cli.run("gen", "prometheus-config", "--gateway", "gw-1:3000", "--gateway", "gw-2:3000",
                "--file-sd", targets.toString(), "-o", config.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.out(), "with -o nothing goes to stdout");
        Map<String, Object> doc = new Yaml().load(Files.readString(config));
        @SuppressWarnings("unchecked")
        Map<String, Object> gatewayJob = ((List<Map<String, Object>>) doc.get("scrape_configs")).get(0);
        assertEquals(List.of(Map.of("files", List.of(targets + "/microai-gateway.json"))), gatewayJob.get("file_sd_configs"));
        assertFalse(gatewayJob.containsKey("static_configs"));
        assertEquals(List.of(Map.of("targets", List.of("gw-1:3000", "gw-2:3000"))),
                new ObjectMapper().readValue(targets.resolve("microai-gateway.json").toFile(), List.class));
        assertEquals(List.of(Map.of("targets", List.of("localhost:3002"))),
                new ObjectMapper().readValue(targets.resolve("microai-verifier.json").toFile(), List.class));
    }

    @Test
    void aRelativeFileSdDirIsRewrittenRelativeToTheConfigFile() {
        // Prometheus resolves relative paths against the config file's directory, not the working directory.
        assertEquals("targets", PrometheusConfigCommand.referenceFromConfig(Path.of("out/targets"), Path.of("out/prometheus.yml")));
        assertEquals("../sd", PrometheusConfigCommand.referenceFromConfig(Path.of("sd"), Path.of("out/prometheus.yml")));
        assertEquals("sd", PrometheusConfigCommand.referenceFromConfig(Path.of("sd"), null));
        assertEquals("/etc/sd", PrometheusConfigCommand.referenceFromConfig(Path.of("/etc/sd"), Path.of("out/p.yml")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:", ":3000", "localhost:0", "localhost:65536", "localhost:http",
            "bad_host:3000", "::1:3000", "[zz]:3000", "http://localhost:3000", "lead-.example:3000"})
    void aBadHostPortIsAUsageError(String target) {
        Cli.Result result = Cli.run("gen", "prometheus-config", "--gateway", target);
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("microai: Invalid value for option '--gateway'"), result.err());
        assertEquals("", result.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"15", "0s", "0m0s", "1.5s", "-1s", "15 s", "1m5h", "s", "1sec", ""})
    void aBadDurationIsAUsageError(String interval) {
        Cli.Result result = Cli.run("gen", "prometheus-config", "--scrape-interval", interval);
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains("--scrape-interval"), result.err());
    }

    @Test
    void aMetricsPathWithoutLeadingSlashIsAUsageError() {
        assertEquals(2, Cli.run("gen", "prometheus-config", "--metrics-path", "metrics").exitCode());
    }

    @Test
    void theSameTargetTwiceIsAUsageError() {
        Cli.Result result = Cli.run("gen", "prometheus-config", "--verifier", "v:3002", "--verifier", "v:3002");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--verifier v:3002 is given twice"), result.err());
    }

    @Test
    void genWithoutASubcommandIsAUsageError() {
        Cli.Result result = Cli.run("gen");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("prometheus-config, alert-rules or grafana-dashboard"), result.err());
    }

    @Test
    void anUnwritableOutputFailsWithOneLineAndExitCode1() throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        Cli.Result result = Cli.run("gen", "alert-rules", "-o", blocker.resolve("rules.yml").toString());
        assertEquals(1, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().startsWith("microai: cannot write "), result.err());
    }
}
