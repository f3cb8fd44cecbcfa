package io.microai.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.testing.Http;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A paid request's correlation id becomes the exemplar of the gateway's request and AI-provider
 * histograms and of the verifier's, in the OpenMetrics scrape only.
 */
class ExemplarsTest {
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";

    @Test
    void thePaidRequestsCorrelationIdIsTheExemplarOfAllThreeDurationHistograms() throws Exception {
        try (GatewayFixture g = new GatewayFixture()) {
            String cid = "exemplar-test-7f3a";
            HttpResponse<String> paid = g.pay("{\"text\":\"Exemplars tie a bucket to a request. This one is easy to find.\"}",
                    "X-Correlation-ID", cid);
            assertEquals(200, paid.statusCode(), paid.body());

            String gateway = Http.get(g.base + "/metrics", "Accept", OPENMETRICS).body();
            assertTrue(Pattern.compile("(?m)^gateway_request_duration_seconds_bucket\\{method=\"POST\",path=\"/api/ai/summarize\",le=\"[^\"]+\"} \\d+ # \\{trace_id=\""
                    + cid + "\"} \\S+ \\S+$").matcher(gateway).find(), gateway);
            assertTrue(Pattern.compile("(?m)^gateway_ai_request_duration_seconds_bucket\\{outcome=\"ok\",provider=\"embedded\",le=\"[^\"]+\"} \\d+ # \\{trace_id=\""
                    + cid + "\"}").matcher(gateway).find(), gateway);
            assertFalse(Http.get(g.base + "/metrics").body().contains(cid), "the 0.0.4 text carries no exemplar");

            String verifier = Http.get("http://127.0.0.1:" + g.verifier.port() + "/metrics", "Accept", OPENMETRICS).body();
            assertTrue(Pattern.compile("(?m)^verifier_request_duration_seconds_bucket\\{le=\"[^\"]+\"} \\d+ # \\{trace_id=\""
                    + cid + "\"}").matcher(verifier).find(), verifier);
        }
    }
}
