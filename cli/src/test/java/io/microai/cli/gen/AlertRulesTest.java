package io.microai.cli.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class AlertRulesTest {
    private static final List<String> ALERTS = List.of("MicroAITargetDown", "MicroAIGatewayErrorBudgetBurn",
            "MicroAIGatewayLatencyP99High", "MicroAIVerificationSuccessDrop", "MicroAIPaymentProtocolFailing",
            "MicroAISettlementFailing", "MicroAIFacilitatorDown", "MicroAIStreamFirstChunkSlow", "MicroAIStreamsEndingBadly",
            "MicroAICacheHitCollapse", "MicroAIRateLimitSurge");

    private static List<Map<String, Object>> rules;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void generate() {
        Cli.Result result = Cli.run("gen", "alert-rules");
        assertEquals(0, result.exitCode(), result.err());
        Map<String, Object> doc = new Yaml().load(result.out());
        rules = new ArrayList<>();
        for (Object group : (List<Object>) doc.get("groups")) {
            rules.addAll((List<Map<String, Object>>) ((Map<String, Object>) group).get("rules"));
        }
    }

    @Test
    void hasEveryAlertTheIssueAsksFor() {
        assertEquals(ALERTS, rules.stream().filter(r -> r.containsKey("alert")).map(r -> r.get("alert")).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasASeverityASummaryAndADescription() {
        for (Map<String, Object> rule : rules) {
            if (rule.containsKey("alert")) {
                Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
                Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
                assertTrue(Set.of("critical", "warning").contains(labels.get("severity")), rule.get("alert").toString());
                assertTrue(annotations.get("summary").toString().length() > 10, rule.get("alert").toString());
                assertTrue(annotations.get("description").toString().length() > 20, rule.get("alert").toString());
            }
        }
    }

    /** The end-to-end test stops the verifier and waits for this alert, so it must not hold back long. */
    @Test
    void targetDownWatchesEveryMicroaiJobAndWaitsAtMost30Seconds() {
        Map<String, Object> rule = rules.stream().filter(r -> "MicroAITargetDown".equals(r.get("alert"))).findFirst().orElseThrow();
        assertEquals("up{job=~\"microai-.*\"} == 0", rule.get("expr"));
        String hold = rule.get("for").toString();
        assertTrue(hold.matches("[0-9]+s") && Integer.parseInt(hold.replace("s", "")) <= 30, hold);
    }

    @Test
    void burnRateAlertPairsLongAndShortWindowsAt14point4And6TimesTheBudget() {
        String expr = rules.stream().filter(r -> "MicroAIGatewayErrorBudgetBurn".equals(r.get("alert")))
                .findFirst().orElseThrow().get("expr").toString().replaceAll("\\s+", " ");
        assertEquals("( job:gateway_api_requests_errors:ratio_rate1h > (14.4 * 0.001)"
                + " and job:gateway_api_requests_errors:ratio_rate5m > (14.4 * 0.001) )"
                + " or ( job:gateway_api_requests_errors:ratio_rate6h > (6 * 0.001)"
                + " and job:gateway_api_requests_errors:ratio_rate30m > (6 * 0.001) )", expr);
    }

    @Test
    void paymentProtocolAlertReadsThePerProtocolRecordingsAndNeedsTrafficAndTenMinutes() {
        Map<String, Object> rule = rules.stream().filter(r -> "MicroAIPaymentProtocolFailing".equals(r.get("alert")))
                .findFirst().orElseThrow();
        assertEquals("protocol:gateway_payments_verified:ratio_rate5m < 0.5 and protocol:gateway_payments:rate5m > 0.05",
                rule.get("expr").toString().replaceAll("\\s+", " "));
        assertEquals("10m", rule.get("for"));
        Map<String, String> recorded = new java.util.HashMap<>();
        rules.stream().filter(r -> r.containsKey("record")).forEach(r -> recorded.put(r.get("record").toString(), r.get("expr").toString()));
        assertEquals("sum by (protocol) (rate(gateway_payments_total[5m]))", recorded.get("protocol:gateway_payments:rate5m"));
        assertEquals("(sum by (protocol) (rate(gateway_payments_total{outcome=\"verified\"}[5m]))"
                        + " or sum by (protocol) (rate(gateway_payments_total[5m])) * 0)"
                        + " / sum by (protocol) (rate(gateway_payments_total[5m]))",
                recorded.get("protocol:gateway_payments_verified:ratio_rate5m").replaceAll("\\s+", " "),
                "a protocol with refusals only reads 0, not absent");
    }

    @Test
    void streamFirstChunkAlertReadsTheP99OfTheFirstChunkHistogramAtABucketBoundaryForFiveMinutes() {
        Map<String, Object> rule = alert("MicroAIStreamFirstChunkSlow");
        assertEquals("path:gateway_stream_first_chunk_seconds:p99_rate5m > 2.5", rule.get("expr"));
        assertEquals("5m", rule.get("for"));
        assertEquals("histogram_quantile(0.99, sum by (path, le) (rate(gateway_stream_first_chunk_seconds_bucket[5m])))",
                recorded().get("path:gateway_stream_first_chunk_seconds:p99_rate5m"));
        assertTrue(java.util.Arrays.stream(io.microai.shared.metrics.Buckets.DEFAULT).anyMatch(b -> b == 2.5),
                "the limit is a bucket boundary of the stream histograms' layout, so p99 is not interpolated across it");
    }

    @Test
    void streamsEndingBadlyAlertIsPerOutcomeOtherThanCompletedNeedsTrafficAndTenMinutes() {
        Map<String, Object> rule = alert("MicroAIStreamsEndingBadly");
        assertEquals("job_outcome:gateway_streams:ratio_rate5m{outcome!=\"completed\"} > 0.1"
                + " and ignoring (outcome) job:gateway_streams:rate5m > 0.05", rule.get("expr").toString().replaceAll("\\s+", " "));
        assertEquals("10m", rule.get("for"));
        assertEquals("sum by (job, outcome) (rate(gateway_streams_total[5m])) / ignoring (outcome) group_left"
                        + " sum by (job) (rate(gateway_streams_total[5m]))",
                recorded().get("job_outcome:gateway_streams:ratio_rate5m").replaceAll("\\s+", " "));
        for (String outcome : io.microai.shared.api.StreamLabels.OUTCOMES) {
            assertTrue(rule.get("annotations").toString().contains(outcome), "the description explains " + outcome);
        }
    }

    private static Map<String, Object> alert(String name) {
        return rules.stream().filter(r -> name.equals(r.get("alert"))).findFirst().orElseThrow();
    }

    private static Map<String, String> recorded() {
        Map<String, String> recorded = new java.util.HashMap<>();
        rules.stream().filter(r -> r.containsKey("record")).forEach(r -> recorded.put(r.get("record").toString(), r.get("expr").toString()));
        return recorded;
    }

    @Test
    void recordingRulesAreNamedLevelMetricOperations() {
        for (Map<String, Object> rule : rules) {
            if (rule.containsKey("record")) {
                assertTrue(rule.get("record").toString().matches("[a-z_]+:[a-z_]+:[a-z0-9_]+"), rule.get("record").toString());
            }
        }
    }

    @Test
    void rulesReadOnlyExportedFamiliesEarlierRecordingRulesAndUp() {
        Set<String> known = new HashSet<>(Set.of("up"));
        Set<String> unknown = new TreeSet<>();
        for (Map<String, Object> rule : rules) {
            for (String name : PromqlNames.of(rule.get("expr").toString())) {
                if (!known.contains(name) && !ExportedFamilies.exports(name)) {
                    unknown.add(name + " in " + rule.getOrDefault("record", rule.get("alert")));
                }
            }
            if (rule.containsKey("record")) {
                known.add(rule.get("record").toString());
            }
        }
        assertEquals(Set.of(), unknown);
    }
}
