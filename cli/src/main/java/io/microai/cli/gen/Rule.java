package io.microai.cli.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for the entries of a Prometheus rule group, keys in the order promtool documents them. */
final class Rule {
    private Rule() {
    }

    static Map<String, Object> record(String name, String expr) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("record", name);
        rule.put("expr", expr);
        return rule;
    }

    static Map<String, Object> alert(String name, String expr, String forDuration, String severity,
                                     String summary, String description) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("alert", name);
        rule.put("expr", expr);
        rule.put("for", forDuration);
        rule.put("labels", Map.of("severity", severity));
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        annotations.put("description", description);
        rule.put("annotations", annotations);
        return rule;
    }

    static Map<String, Object> group(String name, Iterable<Map<String, Object>> rules) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", name);
        List<Object> list = new ArrayList<>();
        rules.forEach(list::add);
        group.put("rules", list);
        return group;
    }
}
