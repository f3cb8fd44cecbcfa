package io.microai.cli.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules.yml document: one group, recording rules first, then the alerts that read them. Prometheus
 * evaluates the rules of a group in order and concurrently with other groups, so one group is what
 * lets each alert see the recordings of the same evaluation rather than those of the previous one.
 */
final class AlertRules {
    private AlertRules() {
    }

    static Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Map<String, Object>> rules = new ArrayList<>(RecordingRules.gateway());
        rules.addAll(RecordingRules.verifier());
        rules.addAll(AlertingRules.all());
        doc.put("groups", List.of(Rule.group("microai", rules)));
        return doc;
    }
}
