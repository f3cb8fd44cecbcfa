package io.microai.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Prometheus process of {@code stack up --with-prometheus}: its config comes from the generator
 * behind {@code microai gen prometheus-config}, and a target it cannot write fails the start. Needs
 * {@code prometheus} on PATH (scripts/install-test-tools): without it this test fails rather than skips.
 */
class PrometheusServiceTest {
    @TempDir
    Path dir;

    private ServiceSpec plan(Map<String, String> inherited, String... args) throws Exception {
        assertTrue(Processes.onPath(PrometheusService.BINARY).isPresent(),
                "prometheus is not installed: apt-get install -y prometheus (scripts/install-test-tools)");
        StackUpCommand command = new StackUpCommand();
        new CommandLine(command).parseArgs(args);
        List<ServiceSpec> specs = new PrometheusService().plan(StackLayout.from(command.options, new StackFiles(dir), inherited));
        assertEquals(1, specs.size());
        return specs.get(0);
    }

    @Test
    void withoutTheOptionThereIsNoPrometheus() throws Exception {
        StackUpCommand command = new StackUpCommand();
        new CommandLine(command).parseArgs();
        assertEquals(List.of(), new PrometheusService().plan(StackLayout.from(command.options, new StackFiles(dir), Map.of())));
    }

    @Test
    void aSingleGatewayIsListedInlineWithBothJobsEveryFiveSeconds() throws Exception {
        ServiceSpec prometheus = plan(Map.of(), "--with-prometheus", "--prometheus-port", "4900",
                "--gateway-port", "4100", "--verifier-port", "4200");
        assertEquals("http://127.0.0.1:4900/-/ready", prometheus.healthUrl());
        prometheus.beforeStart().run();
        String config = Files.readString(dir.resolve("prometheus.yml"));
        assertTrue(config.contains("scrape_interval: 5s"), config);
        assertTrue(config.contains("job_name: microai-gateway") && config.contains("job_name: microai-verifier"), config);
        assertTrue(config.contains("127.0.0.1:4100") && config.contains("127.0.0.1:4200"), config);
        assertTrue(config.contains("metrics_path: /metrics"), config);
        assertFalse(Files.exists(dir.resolve("prometheus-targets")), "no file_sd lists for one gateway");
        assertTrue(Files.isDirectory(dir.resolve("prometheus-data")));
        assertTrue(prometheus.startedNote().endsWith("(microai gen prometheus-config)"), prometheus.startedNote());
    }

    @Test
    void aFleetsGatewaysGoToFileSdListsPrometheusRereads() throws Exception {
        ServiceSpec prometheus = plan(Map.of(), "--with-prometheus", "--prometheus-port", "4900", "--gateways", "2",
                "--redis", "redis://127.0.0.1:4300", "--gateway-port", "4100", "--verifier-port", "4200");
        prometheus.beforeStart().run();
        String config = Files.readString(dir.resolve("prometheus.yml"));
        assertTrue(config.contains("file_sd_configs") && config.contains(dir.resolve("prometheus-targets").toString()), config);
        JsonNode gateways = StackCli.JSON.readTree(Files.readString(dir.resolve("prometheus-targets/microai-gateway.json")));
        assertEquals("[\"127.0.0.1:4100\",\"127.0.0.1:4101\"]", gateways.get(0).get("targets").toString());
        assertTrue(prometheus.startedNote().contains("--file-sd " + dir.resolve("prometheus-targets")), prometheus.startedNote());
    }

    @Test
    void aTargetTheGeneratorRefusesFailsTheStartInsteadOfFallingBack() throws Exception {
        ServiceSpec prometheus = plan(Map.of("GATEWAY_HOST", "no_such_host"), "--with-prometheus", "--prometheus-port", "4900",
                "--gateway-port", "4100", "--verifier-port", "4200");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> prometheus.beforeStart().run());
        assertTrue(e.getMessage().contains("no_such_host"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("prometheus.yml")), "no hand-written config instead");
    }
}
