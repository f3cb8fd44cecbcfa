package io.microai.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.api.VerifierApi;
import io.microai.shared.config.Env;
import io.microai.shared.http.HttpService;
import io.microai.shared.metrics.Metrics;
import io.microai.shared.testing.Http;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real verifier on a free loopback port, plus the committed ethers.js and viem vectors to feed it. */
final class VerifierFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final Metrics metrics = Metrics.withJvmMetrics();
    final HttpService http;
    final String base;

    VerifierFixture(Map<String, String> env) {
        VerifierConfig config = VerifierConfig.fromEnv(new Env(env)).withPort(0);
        config = new VerifierConfig("127.0.0.1", 0, config.maxBodyBytes(), config.metrics());
        http = HttpService.start("127.0.0.1", 0, VerifierServer.handler(config, metrics));
        base = "http://127.0.0.1:" + http.port();
    }

    VerifierFixture() {
        this(Map.of());
    }

    HttpResponse<String> verify(String body) throws IOException, InterruptedException {
        return Http.post(base + "/verify", body, "Content-Type", "application/json");
    }

    HttpResponse<String> verifyAuthorization(String body) throws IOException, InterruptedException {
        return Http.post(base + VerifierApi.VERIFY_AUTHORIZATION_PATH, body, "Content-Type", "application/json");
    }

    String scrape() throws IOException, InterruptedException {
        return Http.get(base + "/metrics").body();
    }

    @Override
    public void close() {
        http.close();
    }

    /** The ethers.js vectors as ready-to-send /verify bodies with their expected signer. */
    static List<Vector> vectors() throws IOException {
        try (InputStream in = VerifierFixture.class.getResourceAsStream("/eip712/ethers-vectors.json")) {
            JsonNode root = JSON.readTree(in);
            List<Vector> out = new ArrayList<>();
            for (JsonNode v : root.get("vectors")) {
                ObjectNode context = (ObjectNode) v.get("context").deepCopy();
                // The wire format carries chainId as a JSON number, as the gateway sends it.
                context.set("chainId", JSON.getNodeFactory().numberNode(new java.math.BigInteger(context.get("chainId").asText())));
                ObjectNode body = JSON.createObjectNode();
                body.set("context", context);
                body.put("signature", v.get("signature").asText());
                out.add(new Vector(v.get("name").asText(), body, v.get("signerAddress").asText()));
            }
            return out;
        }
    }

    /** The viem EIP-3009 vectors as ready-to-send /verify/authorization bodies with their signer. */
    static List<Vector> authorizationVectors() throws IOException {
        try (InputStream in = VerifierFixture.class.getResourceAsStream("/eip712/viem-eip3009-vectors.json")) {
            JsonNode root = JSON.readTree(in);
            List<Vector> out = new ArrayList<>();
            for (JsonNode v : root.get("vectors")) {
                ObjectNode domain = (ObjectNode) v.get("domain").deepCopy();
                // The wire format carries chainId as a JSON number, as the gateway sends it.
                domain.set("chainId", JSON.getNodeFactory().numberNode(new java.math.BigInteger(domain.get("chainId").asText())));
                ObjectNode body = JSON.createObjectNode();
                body.set("domain", domain);
                body.set("message", v.get("message").deepCopy());
                body.put("signature", v.get("signature").asText());
                out.add(new Vector(v.get("name").asText(), body, v.get("address").asText()));
            }
            return out;
        }
    }

    record Vector(String name, ObjectNode body, String signer) {
        String json() {
            return body.toString();
        }

        Vector withSignature(String signature) {
            ObjectNode copy = body.deepCopy();
            copy.put("signature", signature);
            return new Vector(name, copy, signer);
        }

        Vector withContext(String field, JsonNode value) {
            ObjectNode copy = body.deepCopy();
            ((ObjectNode) copy.get("context")).set(field, value);
            return new Vector(name, copy, signer);
        }

        /** A copy with {@code field} of the nested object {@code part} set to {@code value}, or removed when null. */
        Vector with(String part, String field, JsonNode value) {
            ObjectNode copy = body.deepCopy();
            ObjectNode target = (ObjectNode) copy.get(part);
            if (value == null) {
                target.remove(field);
            } else {
                target.set(field, value);
            }
            return new Vector(name, copy, signer);
        }

        /** A copy with the top-level {@code field} replaced by {@code value}. */
        Vector withTop(String field, JsonNode value) {
            ObjectNode copy = body.deepCopy();
            copy.set(field, value);
            return new Vector(name, copy, signer);
        }

        /** A copy without the top-level {@code field}. */
        Vector withoutTop(String field) {
            ObjectNode copy = body.deepCopy();
            copy.remove(field);
            return new Vector(name, copy, signer);
        }

        Vector without(String field) {
            ObjectNode copy = body.deepCopy();
            ((ObjectNode) copy.get("context")).remove(field);
            copy.remove(field);
            return new Vector(name, copy, signer);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
