package io.microai.cli.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExportedFamiliesTest {
    private static final Pattern METRIC_CELL = Pattern.compile("`([a-z_:]+)`");

    @Test
    void gatewayListMatchesTheGatewayReadmeMetricTable() throws IOException {
        assertEquals(readmeFamilies(RepoFiles.root().resolve("gateway/README.md")), ExportedFamilies.GATEWAY.keySet());
    }

    @Test
    void verifierListMatchesTheVerifierReadmeMetricTable() throws IOException {
        assertEquals(readmeFamilies(RepoFiles.root().resolve("verifier/README.md")), ExportedFamilies.VERIFIER.keySet());
    }

    @Test
    void histogramAndSummarySeriesResolveToTheirFamilies() {
        assertTrue(ExportedFamilies.exports("gateway_request_duration_seconds_bucket"));
        assertTrue(ExportedFamilies.exports("jvm_gc_collection_seconds_count"));
        assertFalse(ExportedFamilies.exports("jvm_gc_collection_seconds_bucket"));
        assertFalse(ExportedFamilies.exports("gateway_requests_total_count"));
        assertFalse(ExportedFamilies.exports("gateway_http_requests_total"));
    }

    /** Names in the first column of the "## Metrics" table (the `jvm_*`, `process_*` wildcard row adds none). */
    private static Set<String> readmeFamilies(Path readme) throws IOException {
        Set<String> names = new TreeSet<>();
        boolean inMetrics = false;
        for (String line : Files.readAllLines(readme)) {
            if (line.startsWith("## ")) {
                inMetrics = line.trim().equals("## Metrics");
                continue;
            }
            if (!inMetrics || !line.startsWith("| `")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            Matcher m = METRIC_CELL.matcher(firstCell);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
