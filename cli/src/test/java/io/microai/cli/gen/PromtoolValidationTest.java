package io.microai.cli.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Prometheus itself thinks of the generated files, through promtool (required, never skipped). */
class PromtoolValidationTest {
    @TempDir
    Path dir;

    @Test
    void generatedConfigWithItsRulesPassesCheckConfig() throws Exception {
        generate("gen", "alert-rules", "-o", dir.resolve("rules.yml").toString());
        generate("gen", "prometheus-config", "--rules", "rules.yml", "-o", dir.resolve("prometheus.yml").toString());
        assertPromtoolSucceeds("check", "config", "prometheus.yml");
    }

    @Test
    void fileSdConfigForAFleetPassesCheckConfigIncludingItsTargetFiles() throws Exception {
        generate("gen", "prometheus-config", "--gateway", "gw-1:3000", "--gateway", "gw-2:3000",
                "--gateway", "10.0.0.7:3000", "--verifier", "[::1]:3002", "--scrape-interval", "500ms",
                "--file-sd", dir.resolve("targets").toString(), "-o", dir.resolve("prometheus.yml").toString());
        String config = Files.readString(dir.resolve("prometheus.yml"));
        assertTrue(config.contains("- " + dir.resolve("targets/microai-gateway.json")), config);
        // promtool check config also parses every file_sd file the config names.
        assertPromtoolSucceeds("check", "config", "prometheus.yml");
    }

    @Test
    void generatedRulesPassCheckRules() throws Exception {
        generate("gen", "alert-rules", "-o", dir.resolve("rules.yml").toString());
        assertPromtoolSucceeds("check", "rules", "rules.yml");
    }

    @Test
    void checkedInRuleUnitTestsPass() throws Exception {
        Promtool.Result result = Promtool.run(RepoFiles.scrapeConfigs(), "test", "rules", "rules_test.yml");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    private void assertPromtoolSucceeds(String... args) throws Exception {
        Promtool.Result result = Promtool.run(dir, args);
        assertEquals(0, result.exitCode(), result.output());
    }

    private static void generate(String... args) {
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), result.err());
    }
}
