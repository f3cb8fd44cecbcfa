package io.microai.verifier;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import io.microai.shared.testing.Http;
import io.microai.shared.testing.Promtool;
import io.microai.shared.verify.RefusalCode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VerifierMetricsTest {

    @Test
    void scrapeDeltasMatchTheRequestsSentExactly() throws Exception {
        try (VerifierFixture verifier = new VerifierFixture()) {
            List<VerifierFixture.Vector> vectors = VerifierFixture.vectors();
            String before = verifier.scrape();
            for (int i = 0; i < 5; i++) {
                assertEquals(200, verifier.verify(vectors.get(i).json()).statusCode());
            }
            assertEquals(400, verifier.verify(vectors.get(0).withSignature("0x1234").json()).statusCode());
            assertEquals(400, verifier.verify(vectors.get(1).withSignature("0xzz").json()).statusCode());
            assertEquals(400, verifier.verify("not json").statusCode());
            assertEquals(413, verifier.verify("{\"p\":\"" + "x".repeat(1024 * 1024) + "\"}").statusCode());
            Http.get(verifier.base + "/health");
            String after = verifier.scrape();

            assertEquals(5, delta(before, after, "verifier_requests_total{status=\"200\"}"));
            assertEquals(3, delta(before, after, "verifier_requests_total{status=\"400\"}"));
            assertEquals(1, delta(before, after, "verifier_requests_total{status=\"413\"}"));
            assertEquals(5, delta(before, after, "verifier_signature_valid_total"));
            assertEquals(2, delta(before, after, "verifier_signature_invalid_total{reason=\"malformed_signature\"}"));
            assertEquals(1, delta(before, after, "verifier_signature_invalid_total{reason=\"invalid_json\"}"));
            assertEquals(1, delta(before, after, "verifier_signature_invalid_total{reason=\"payload_too_large\"}"));
            assertEquals(9, delta(before, after, "verifier_request_duration_seconds_count"));
            assertEquals(value(after, "verifier_request_duration_seconds_count"),
                    value(after, "verifier_request_duration_seconds_bucket{le=\"+Inf\"}"));
            assertTrue(value(after, "verifier_request_duration_seconds_sum") > 0);
            assertTrue(after.contains("verifier_request_duration_seconds_bucket{le=\"5.0E-5\"}"), "50 µs bucket");
            assertTrue(after.contains("verifier_request_duration_seconds_bucket{le=\"0.05\"}"), "50 ms bucket");
            assertEquals("", Promtool.checkMetrics(after));
        }
    }

    @Test
    void authorizationRequestsCountInTheSameFourFamiliesWithTheClosedReasons() throws Exception {
        try (VerifierFixture verifier = new VerifierFixture()) {
            List<VerifierFixture.Vector> vectors = VerifierFixture.authorizationVectors();
            var nodes = VerifierFixture.JSON.getNodeFactory();
            String before = verifier.scrape();
            for (int i = 0; i < 3; i++) {
                assertEquals(200, verifier.verifyAuthorization(vectors.get(i).json()).statusCode());
            }
            assertEquals(200, verifier.verify(VerifierFixture.vectors().get(0).json()).statusCode());
            assertEquals(400, verifier.verifyAuthorization(vectors.get(0).with("message", "value", nodes.textNode("-1")).json()).statusCode());
            assertEquals(400, verifier.verifyAuthorization(vectors.get(0).with("message", "nonce", nodes.textNode("0x")).json()).statusCode());
            assertEquals(400, verifier.verifyAuthorization(vectors.get(1).withTop("signature", nodes.textNode("0x12")).json()).statusCode());
            assertEquals(400, verifier.verifyAuthorization("[]").statusCode());
            assertEquals(413, verifier.verifyAuthorization("{\"p\":\"" + "x".repeat(1024 * 1024) + "\"}").statusCode());
            String after = verifier.scrape();

            assertEquals(4, delta(before, after, "verifier_requests_total{status=\"200\"}"));
            assertEquals(4, delta(before, after, "verifier_requests_total{status=\"400\"}"));
            assertEquals(1, delta(before, after, "verifier_requests_total{status=\"413\"}"));
            assertEquals(4, delta(before, after, "verifier_signature_valid_total"));
            assertEquals(2, delta(before, after, "verifier_signature_invalid_total{reason=\"malformed_authorization\"}"));
            assertEquals(1, delta(before, after, "verifier_signature_invalid_total{reason=\"malformed_signature\"}"));
            assertEquals(1, delta(before, after, "verifier_signature_invalid_total{reason=\"invalid_json\"}"));
            assertEquals(1, delta(before, after, "verifier_signature_invalid_total{reason=\"payload_too_large\"}"));
            assertEquals(9, delta(before, after, "verifier_request_duration_seconds_count"));
            assertEquals(value(after, "verifier_requests_total{status=\"200\"}") + value(after, "verifier_requests_total{status=\"400\"}")
                            + value(after, "verifier_requests_total{status=\"413\"}"),
                    value(after, "verifier_signature_valid_total") + invalidSum(after), "each request counted exactly once");
            assertEquals("", Promtool.checkMetrics(after));
        }
    }

    @Test
    void theRequestAndReasonSeriesAreTheClosedSetsFromStart() throws Exception {
        try (VerifierFixture verifier = new VerifierFixture()) {
            String scrape = verifier.scrape();
            Set<String> reasons = new TreeSet<>();
            Set<String> requestSeries = new TreeSet<>();
            for (String line : scrape.split("\n")) {
                Matcher reason = Pattern.compile("^verifier_signature_invalid_total\\{reason=\"([^\"]*)\"} .*").matcher(line);
                if (reason.matches()) {
                    reasons.add(reason.group(1));
                    assertEquals(0, value(scrape, "verifier_signature_invalid_total{reason=\"" + reason.group(1) + "\"}"));
                }
                if (line.startsWith("verifier_requests_total{")) {
                    requestSeries.add(line.substring(0, line.indexOf('}') + 1));
                }
            }
            assertEquals(Arrays.stream(RefusalCode.values()).map(RefusalCode::code).collect(Collectors.toCollection(TreeSet::new)), reasons);
            assertEquals(new TreeSet<>(List.of("verifier_requests_total{status=\"200\"}", "verifier_requests_total{status=\"400\"}",
                    "verifier_requests_total{status=\"413\"}")), requestSeries, "labelled by status only, no route label");
        }
    }

    @Test
    void theDurationBucketsAreCumulative() throws Exception {
        try (VerifierFixture verifier = new VerifierFixture()) {
            for (VerifierFixture.Vector v : VerifierFixture.vectors().subList(0, 20)) {
                verifier.verify(v.json());
            }
            String scrape = verifier.scrape();
            double previous = 0;
            for (double le : VerifierMetrics.DURATION_BUCKETS) {
                double count = value(scrape, "verifier_request_duration_seconds_bucket{le=\"" + Double.toString(le) + "\"}");
                assertTrue(count >= previous, "monotonic at le=" + le);
                previous = count;
            }
            assertEquals(20, value(scrape, "verifier_request_duration_seconds_bucket{le=\"+Inf\"}"));
        }
    }

    @Test
    void metricsCanBeDisabledOrMoved() throws Exception {
        try (VerifierFixture off = new VerifierFixture(Map.of("METRICS_ENABLED", "false"))) {
            assertEquals(404, Http.get(off.base + "/metrics").statusCode());
        }
        try (VerifierFixture moved = new VerifierFixture(Map.of("METRICS_PATH", "/internal/metrics"))) {
            assertEquals(404, Http.get(moved.base + "/metrics").statusCode());
            assertTrue(Http.get(moved.base + "/internal/metrics").body().contains("verifier_requests_total"));
        }
    }

    @Test
    void aMetricsPathOnAnApiRouteIsRefusedNamingTheVariable() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> VerifierConfig.fromEnv(new Env(Map.of("METRICS_PATH", "/verify"))));
        assertTrue(e.getMessage().contains("METRICS_PATH"));
        ConfigException authorization = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> VerifierConfig.fromEnv(new Env(Map.of("METRICS_PATH", "/verify/authorization"))));
        assertTrue(authorization.getMessage().contains("/verify/authorization"), authorization.getMessage());
    }

    private static double invalidSum(String scrape) {
        double sum = 0;
        for (RefusalCode code : RefusalCode.values()) {
            sum += value(scrape, "verifier_signature_invalid_total{reason=\"" + code.code() + "\"}");
        }
        return sum;
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }
}
