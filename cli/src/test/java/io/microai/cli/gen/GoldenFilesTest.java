package io.microai.cli.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The checked-in files are exactly what the generators print, so a change to a generator that is not
 * followed by regenerating them fails here. Regenerate with:
 * {@code microai gen prometheus-config --rules rules.yml -o scrape-configs/prometheus.yml},
 * {@code microai gen alert-rules -o scrape-configs/rules.yml},
 * {@code microai gen grafana-dashboard -o dashboards/microai.json}.
 */
class GoldenFilesTest {
    @Test
    void checkedInPrometheusConfigIsTheGeneratedOne() throws IOException {
        // --metrics-path pinned so a METRICS_PATH in the test environment cannot change the output.
        assertGolden(RepoFiles.scrapeConfigs().resolve("prometheus.yml"),
                "gen", "prometheus-config", "--rules", "rules.yml", "--metrics-path", "/metrics");
    }

    @Test
    void checkedInRulesAreTheGeneratedOnes() throws IOException {
        assertGolden(RepoFiles.scrapeConfigs().resolve("rules.yml"), "gen", "alert-rules");
    }

    @Test
    void checkedInDashboardIsTheGeneratedOne() throws IOException {
        assertGolden(RepoFiles.dashboards().resolve("microai.json"), "gen", "grafana-dashboard");
    }

    @Test
    void generatorsPrintTheSameBytesEveryRun() {
        for (String command : new String[] {"prometheus-config", "alert-rules", "grafana-dashboard"}) {
            assertEquals(Cli.run("gen", command).out(), Cli.run("gen", command).out(), command);
        }
    }

    private static void assertGolden(Path checkedIn, String... args) throws IOException {
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(Files.readString(checkedIn), result.out(),
                checkedIn + " is stale: regenerate it with 'microai " + String.join(" ", args) + " -o " + checkedIn + "'");
    }
}
