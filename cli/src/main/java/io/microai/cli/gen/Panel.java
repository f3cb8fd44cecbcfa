package io.microai.cli.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One Grafana panel (timeseries or stat) querying the Prometheus data source chosen on import. */
final class Panel {
    static final String DATASOURCE_UID = "${DS_PROMETHEUS}";

    private final String type;
    private final String title;
    private final String unit;
    private final String description;
    private final List<Map<String, Object>> targets = new ArrayList<>();
    private boolean exemplars;
    private List<Object> thresholdSteps = List.of(step("green", null));

    private Panel(String type, String title, String unit, String description) {
        this.type = type;
        this.title = title;
        this.unit = unit;
        this.description = description;
    }

    static Panel timeseries(String title, String unit, String description) {
        return new Panel("timeseries", title, unit, description);
    }

    static Panel stat(String title, String unit, String description) {
        return new Panel("stat", title, unit, description);
    }

    static Map<String, Object> datasource() {
        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("type", "prometheus");
        ds.put("uid", DATASOURCE_UID);
        return ds;
    }

    /**
     * Makes the queries added after this ask Grafana for exemplars: on a latency panel over the
     * duration histograms, each dot is one request whose {@code trace_id} is its correlation id.
     */
    Panel withExemplars() {
        exemplars = true;
        return this;
    }

    Panel query(String expr, String legend) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("datasource", datasource());
        if (exemplars) {
            target.put("exemplar", true);
        }
        target.put("expr", expr);
        target.put("legendFormat", legend);
        target.put("refId", String.valueOf((char) ('A' + targets.size())));
        targets.add(target);
        return this;
    }

    /** Colours the value: green below {@code warn}, orange from it, red from {@code bad}. */
    Panel thresholds(double warn, double bad) {
        thresholdSteps = List.of(step("green", null), step("orange", warn), step("red", bad));
        return this;
    }

    /** Colours the value for ratios where lower is worse: red below {@code bad}, orange below {@code warn}. */
    Panel thresholdsLowIsBad(double bad, double warn) {
        thresholdSteps = List.of(step("red", null), step("orange", bad), step("green", warn));
        return this;
    }

    Map<String, Object> toJson(int id, Map<String, Object> gridPos) {
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("datasource", datasource());
        panel.put("description", description);
        panel.put("fieldConfig", fieldConfig());
        panel.put("gridPos", gridPos);
        panel.put("id", id);
        panel.put("options", type.equals("stat") ? statOptions() : timeseriesOptions());
        panel.put("targets", targets);
        panel.put("title", title);
        panel.put("type", type);
        return panel;
    }

    private Map<String, Object> fieldConfig() {
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("mode", "absolute");
        thresholds.put("steps", thresholdSteps);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("color", Map.of("mode", type.equals("stat") ? "thresholds" : "palette-classic"));
        if (unit.equals("percentunit")) {
            defaults.put("min", 0);
            defaults.put("max", 1);
        }
        defaults.put("thresholds", thresholds);
        defaults.put("unit", unit);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("defaults", defaults);
        config.put("overrides", List.of());
        return config;
    }

    private static Map<String, Object> timeseriesOptions() {
        Map<String, Object> legend = new LinkedHashMap<>();
        legend.put("calcs", List.of());
        legend.put("displayMode", "list");
        legend.put("placement", "bottom");
        legend.put("showLegend", true);
        Map<String, Object> tooltip = new LinkedHashMap<>();
        tooltip.put("mode", "multi");
        tooltip.put("sort", "desc");
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("legend", legend);
        options.put("tooltip", tooltip);
        return options;
    }

    private static Map<String, Object> statOptions() {
        Map<String, Object> reduce = new LinkedHashMap<>();
        reduce.put("calcs", List.of("lastNotNull"));
        reduce.put("fields", "");
        reduce.put("values", false);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("colorMode", "value");
        options.put("graphMode", "area");
        options.put("justifyMode", "auto");
        options.put("orientation", "auto");
        options.put("reduceOptions", reduce);
        options.put("textMode", "auto");
        return options;
    }

    private static Map<String, Object> step(String color, Double value) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("color", color);
        step.put("value", value);
        return step;
    }
}
