package io.microai.cli.gen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard document in Grafana's "export for sharing externally" shape: {@code __inputs} names the
 * data source so import asks for one, and every query refers to it as {@code ${DS_PROMETHEUS}}.
 */
final class GrafanaDashboard {
    static final String UID = "microai-paygate";
    /** Fixed: Grafana migrates older schemas on load, and a moving value would break the golden file. */
    static final int SCHEMA_VERSION = 39;

    private GrafanaDashboard() {
    }

    static Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("__inputs", List.of(input()));
        doc.put("__elements", Map.of());
        doc.put("__requires", List.of(
                requirement("grafana", "grafana", "Grafana", "10.0.0"),
                requirement("datasource", "prometheus", "Prometheus", "1.0.0"),
                requirement("panel", "stat", "Stat", ""),
                requirement("panel", "timeseries", "Time series", "")));
        doc.put("annotations", Map.of("list", List.of()));
        doc.put("description", "MicroAI Paygate: gateway and verifier RED, cache, rate limits, payments by protocol and their verification, JVM.");
        doc.put("editable", true);
        doc.put("fiscalYearStartMonth", 0);
        doc.put("graphTooltip", 1);
        doc.put("id", null);
        doc.put("links", List.of());
        doc.put("panels", DashboardPanels.all());
        doc.put("refresh", "30s");
        doc.put("schemaVersion", SCHEMA_VERSION);
        doc.put("tags", List.of("microai", "prometheus"));
        doc.put("templating", Map.of("list", List.of()));
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("from", "now-1h");
        time.put("to", "now");
        doc.put("time", time);
        doc.put("timepicker", Map.of());
        doc.put("timezone", "browser");
        doc.put("title", "MicroAI Paygate");
        doc.put("uid", UID);
        doc.put("version", 1);
        return doc;
    }

    private static Map<String, Object> input() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "DS_PROMETHEUS");
        input.put("label", "Prometheus");
        input.put("description", "");
        input.put("type", "datasource");
        input.put("pluginId", "prometheus");
        input.put("pluginName", "Prometheus");
        return input;
    }

    private static Map<String, Object> requirement(String type, String id, String name, String version) {
        Map<String, Object> requirement = new LinkedHashMap<>();
        requirement.put("type", type);
        requirement.put("id", id);
        requirement.put("name", name);
        requirement.put("version", version);
        return requirement;
    }
}
