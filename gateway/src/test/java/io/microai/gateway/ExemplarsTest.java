package io.microai.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
            String body = "{\"text\":\"Exemplars tie a bucket to a request. This one is easy to find.\"}";
            // The unpaid challenge runs first on the same route and can land in the paid request's bucket, where
            // the slower of the two keeps the slot; a paid request is not always the slower one, so the challenge
            // carries the same id. The AI provider's and the verifier's histograms see only the paid request.
            HttpResponse<String> challenge = g.summarize(body, "X-Correlation-ID", cid);
            assertEquals(402, challenge.statusCode(), challenge.body());
            JsonNode context = GatewayFixture.JSON.readTree(challenge.body()).get("paymentContext");
            HttpResponse<String> paid = g.summarize(body, "X-402-Signature", GatewayFixture.sign(context, GatewayFixture.PAYER_KEY),
                    "X-402-Nonce", context.get("nonce").asText(), "X-Correlation-ID", cid);
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
