package io.microai.cli.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GrafanaDashboardTest {
    private static JsonNode dashboard;

    @BeforeAll
    static void generate() throws Exception {
        Cli.Result result = Cli.run("gen", "grafana-dashboard");
        assertEquals(0, result.exitCode(), result.err());
        dashboard = new ObjectMapper().readTree(result.out());
    }

    @Test
    void everyPanelQueryReadsOnlyExportedMetricFamilies() {
        Set<String> unknown = new TreeSet<>();
        for (JsonNode target : targets()) {
            Set<String> names = PromqlNames.of(target.get("expr").asText());
            assertFalse(names.isEmpty(), "no metric in " + target);
            for (String name : names) {
                if (!ExportedFamilies.exports(name)) {
                    unknown.add(name + " in " + target.get("expr").asText());
                }
            }
        }
        assertEquals(Set.of(), unknown);
    }

    @Test
    void isImportableWithAPrometheusDataSourceInput() {
        JsonNode input = dashboard.get("__inputs").get(0);
        assertEquals("DS_PROMETHEUS", input.get("name").asText());
        assertEquals("datasource", input.get("type").asText());
        assertEquals("prometheus", input.get("pluginId").asText());
        Set<String> required = new HashSet<>();
        dashboard.get("__requires").forEach(r -> required.add(r.get("type").asText() + "/" + r.get("id").asText()));
        Set<String> panelTypes = new TreeSet<>();
        panels().forEach(p -> panelTypes.add(p.get("type").asText()));
        panelTypes.remove("row");
        assertTrue(required.contains("grafana/grafana"), required.toString());
        assertTrue(required.contains("datasource/prometheus"), required.toString());
        for (String type : panelTypes) {
            assertTrue(required.contains("panel/" + type), "__requires lacks panel " + type);
        }
        assertTrue(dashboard.get("id").isNull(), "an exported dashboard has no database id");
    }

    @Test
    void everyPanelAndQueryUsesTheDataSourceInput() {
        for (JsonNode panel : panels()) {
            if (panel.get("type").asText().equals("row")) {
                continue;
            }
            assertEquals("${DS_PROMETHEUS}", panel.at("/datasource/uid").asText(), panel.get("title").asText());
            assertTrue(panel.get("targets").size() > 0, panel.get("title").asText());
            for (JsonNode target : panel.get("targets")) {
                assertEquals("${DS_PROMETHEUS}", target.at("/datasource/uid").asText(), panel.get("title").asText());
            }
        }
    }

    @Test
    void hasTheRowsTheIssueAsksFor() {
        List<String> rows = new ArrayList<>();
        panels().forEach(p -> {
            if (p.get("type").asText().equals("row")) {
                rows.add(p.get("title").asText());
            }
        });
        assertEquals(List.of("Overview", "Revenue and settlement", "Gateway: rate, errors, duration", "Gateway: cache, rate limits, load",
                "Streaming", "Payment verification", "Verifier: rate, errors, duration", "JVM and process"), rows);
        String allQueries = String.join("\n", targets().stream().map(t -> t.get("expr").asText()).toList());
        for (String needed : List.of("histogram_quantile(0.5, sum by (path, le)", "histogram_quantile(0.95, sum by (path, le)",
                "histogram_quantile(0.99, sum by (path, le)", "gateway_cache_misses_total", "gateway_rate_limit_hits_total",
                "gateway_active_requests", "verifier_signature_valid_total", "sum by (reason) (rate(verifier_signature_invalid_total",
                "jvm_memory_used_bytes", "jvm_threads_current", "process_cpu_seconds_total")) {
            assertTrue(allQueries.contains(needed), "no panel queries " + needed);
        }
    }

    @Test
    void theRevenueRowShowsRevenueInWholeTokensSettlementSuccessAndTheFacilitator() {
        JsonNode revenue = panel("Revenue per minute");
        assertEquals("sum(rate(gateway_settled_amount_total[$__rate_interval])) * 60\n/ scalar(10 ^ max(gateway_payment_asset_decimals))",
                revenue.get("targets").get(0).get("expr").asText());
        JsonNode success = panel("Settlement success");
        assertTrue(success.get("targets").get(0).get("expr").asText().contains("gateway_settlements_total{outcome=\"settled\"}"));
        JsonNode p99 = panel("Facilitator p99");
        assertTrue(p99.get("targets").get(0).get("expr").asText()
                .startsWith("histogram_quantile(0.99, sum by (le) (rate(gateway_facilitator_request_duration_seconds_bucket"));
        assertEquals("max by (instance) (gateway_facilitator_up)", panel("Facilitator reachable").get("targets").get(0).get("expr").asText());
        assertEquals("sum(gateway_settlement_mode{mode=\"none\"})", panel("Gateways settling nothing").get("targets").get(0).get("expr").asText());
    }

    @Test
    void thePaymentRowShowsPaymentsAndTheirVerifiedShareByProtocol() {
        JsonNode byProtocol = panel("Payments by protocol");
        assertEquals("reqps", byProtocol.at("/fieldConfig/defaults/unit").asText());
        assertEquals(1, byProtocol.get("targets").size());
        assertEquals("sum by (protocol, outcome) (rate(gateway_payments_total[$__rate_interval]))",
                byProtocol.get("targets").get(0).get("expr").asText());
        assertEquals("{{protocol}} {{outcome}}", byProtocol.get("targets").get(0).get("legendFormat").asText());
        JsonNode share = panel("Verified share by protocol");
        assertEquals("percentunit", share.at("/fieldConfig/defaults/unit").asText());
        assertEquals("(sum by (protocol) (rate(gateway_payments_total{outcome=\"verified\"}[$__rate_interval]))"
                        + " or sum by (protocol) (rate(gateway_payments_total[$__rate_interval])) * 0)"
                        + " / sum by (protocol) (rate(gateway_payments_total[$__rate_interval]))",
                share.get("targets").get(0).get("expr").asText().replaceAll("\\s+", " "));
        assertEquals("{{protocol}}", share.get("targets").get(0).get("legendFormat").asText());
        int row = -1;
        List<JsonNode> all = panels();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).get("type").asText().equals("row") && all.get(i).get("title").asText().equals("Payment verification")) {
                row = i;
            }
        }
        int next = row + 1;
        while (next < all.size() && !all.get(next).get("type").asText().equals("row")) {
            next++;
        }
        List<String> inRow = all.subList(row + 1, next).stream().map(p -> p.get("title").asText()).toList();
        assertEquals(List.of("Verification success ratio", "Gateway verification failures by reason", "Payments by protocol",
                "Verified share by protocol"), inRow);
    }

    @Test
    void theStreamingRowShowsTimeToFirstChunkDurationOutcomesInFlightChunksAndBytes() {
        assertEquals(List.of("Stream time to first chunk p99", "Streams/s", "Streams in flight", "Streams ended badly",
                "Time to first chunk (p50, p99)", "Stream duration (p50, p99)", "Streams by outcome", "In-flight streams",
                "Stream chunks/s", "Stream bytes/s"), titlesInRow("Streaming"));
        assertEquals("histogram_quantile(0.99, sum by (le) (rate(gateway_stream_first_chunk_seconds_bucket[$__rate_interval])))",
                panel("Stream time to first chunk p99").get("targets").get(0).get("expr").asText());
        JsonNode first = panel("Time to first chunk (p50, p99)");
        assertEquals("histogram_quantile(0.5, sum by (path, le) (rate(gateway_stream_first_chunk_seconds_bucket[$__rate_interval])))",
                first.get("targets").get(0).get("expr").asText());
        assertEquals("histogram_quantile(0.99, sum by (path, le) (rate(gateway_stream_first_chunk_seconds_bucket[$__rate_interval])))",
                first.get("targets").get(1).get("expr").asText());
        assertEquals("histogram_quantile(0.99, sum by (path, le) (rate(gateway_stream_duration_seconds_bucket[$__rate_interval])))",
                panel("Stream duration (p50, p99)").get("targets").get(1).get("expr").asText());
        assertEquals("sum by (outcome) (rate(gateway_streams_total[$__rate_interval]))",
                panel("Streams by outcome").get("targets").get(0).get("expr").asText());
        assertEquals("(sum(rate(gateway_streams_total{outcome!=\"completed\"}[$__rate_interval]))"
                        + " or sum(rate(gateway_streams_total[$__rate_interval])) * 0)"
                        + " / sum(rate(gateway_streams_total[$__rate_interval]))",
                panel("Streams ended badly").get("targets").get(0).get("expr").asText().replaceAll("\\s+", " "),
                "before the first bad ending the share reads 0, not absent");
        assertEquals("sum by (instance) (gateway_streams_in_flight)", panel("In-flight streams").get("targets").get(0).get("expr").asText());
        assertEquals("Bps", panel("Stream bytes/s").at("/fieldConfig/defaults/unit").asText());
        assertEquals("sum by (path) (rate(gateway_stream_bytes_total[$__rate_interval]))",
                panel("Stream bytes/s").get("targets").get(0).get("expr").asText());
        assertEquals("sum by (path) (rate(gateway_stream_chunks_total[$__rate_interval]))",
                panel("Stream chunks/s").get("targets").get(0).get("expr").asText());
    }

    private static List<String> titlesInRow(String rowTitle) {
        List<JsonNode> all = panels();
        int row = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).get("type").asText().equals("row") && all.get(i).get("title").asText().equals(rowTitle)) {
                row = i;
            }
        }
        assertTrue(row >= 0, "no row " + rowTitle);
        int next = row + 1;
        while (next < all.size() && !all.get(next).get("type").asText().equals("row")) {
            next++;
        }
        return all.subList(row + 1, next).stream().map(p -> p.get("title").asText()).toList();
    }

    @Test
    void panelsHaveUniqueIdsAndFitTheGridWithoutOverlapping() {
        Set<Integer> ids = new HashSet<>();
        Set<String> cells = new HashSet<>();
        for (JsonNode panel : panels()) {
            assertTrue(ids.add(panel.get("id").asInt()), "duplicate id " + panel.get("id"));
            JsonNode pos = panel.get("gridPos");
            int x = pos.get("x").asInt();
            int w = pos.get("w").asInt();
            assertTrue(x >= 0 && w >= 1 && x + w <= 24, panel.get("title") + " leaves the 24-column grid");
            for (int col = x; col < x + w; col++) {
                for (int row = pos.get("y").asInt(); row < pos.get("y").asInt() + pos.get("h").asInt(); row++) {
                    assertTrue(cells.add(col + "," + row), panel.get("title") + " overlaps another panel");
                }
            }
        }
    }

    private static JsonNode panel(String title) {
        return panels().stream().filter(p -> p.get("title").asText().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no panel " + title));
    }

    private static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.get("panels").forEach(panels::add);
        return panels;
    }

    private static List<JsonNode> targets() {
        List<JsonNode> targets = new ArrayList<>();
        for (JsonNode panel : panels()) {
            if (panel.has("targets")) {
                panel.get("targets").forEach(targets::add);
            }
        }
        return targets;
    }
}
