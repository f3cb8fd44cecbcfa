package io.microai.gateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.GatewayFixture;
import io.microai.shared.testing.Http;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI documents against what the services really answer: every (method, route, status) the
 * whole gateway test suite produced on a documented route must be documented there. Runs last (see
 * junit-platform.properties), and makes a few requests of its own so it also proves something alone.
 */
@Order(Integer.MAX_VALUE)
class OpenApiCoverageTest {
    private static final String BODY = "{\"text\":\"An API contract lists every answer. A test keeps it honest.\"}";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> paths(Class<?> owner) throws Exception {
        try (InputStream in = owner.getResourceAsStream("openapi.yaml")) {
            Map<String, Object> doc = new Yaml().load(in);
            assertEquals("3.1.0", doc.get("openapi"));
            return (Map<String, Object>) doc.get("paths");
        }
    }

    @Test
    void everyStatusTheTestsProducedOnADocumentedRouteIsInTheDocument() throws Exception {
        ObservedResponses.install();
        try (GatewayFixture g = new GatewayFixture()) {
            assertEquals(200, g.pay(BODY).statusCode());
            assertEquals(402, g.summarize(BODY).statusCode());
            assertEquals(404, Http.get(g.base + "/api/receipts/rcpt_000000000000").statusCode());
            HttpResponse<String> doc = Http.get(g.base + "/openapi.yaml");
            assertEquals(200, doc.statusCode());
            assertTrue(doc.body().startsWith("openapi: 3.1.0"), doc.body());
            assertEquals(200, Http.get("http://127.0.0.1:" + g.verifier.port() + "/openapi.yaml").statusCode());
        }
        Map<String, Map<String, Object>> documents = Map.of(
                "gateway", paths(io.microai.gateway.GatewayServer.class),
                "verifier", paths(io.microai.verifier.VerifierServer.class));
        Set<ObservedResponses.Response> seen = ObservedResponses.seen();
        List<String> undocumented = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        for (ObservedResponses.Response r : seen) {
            Map<String, Object> paths = documents.get(r.service());
            if (paths == null || !paths.containsKey(r.route())) {
                continue; // "unmatched": no documented route
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> operations = (Map<String, Object>) paths.get(r.route());
            @SuppressWarnings("unchecked")
            Map<String, Object> operation = (Map<String, Object>) operations.get(r.method().toLowerCase(Locale.ROOT));
            String what = r.service() + " " + r.method() + " " + r.route() + " " + r.status();
            checked.add(what);
            if (operation == null) {
                undocumented.add(what + " (method not documented)");
                continue;
            }
            Map<?, ?> responses = (Map<?, ?>) operation.get("responses");
            if (!responses.containsKey(Integer.toString(r.status())) && !responses.containsKey(r.status())) {
                undocumented.add(what);
            }
        }
        assertTrue(checked.contains("gateway POST /api/ai/summarize 200"), checked.toString());
        assertTrue(checked.contains("gateway POST /api/ai/summarize 402"), checked.toString());
        assertTrue(checked.contains("verifier POST /verify 200"), checked.toString());
        assertEquals(List.of(), undocumented, "answers missing from the OpenAPI documents; checked: " + checked);
    }
}
