package io.microai.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import io.microai.shared.testing.Http;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerifyEndpointTest {
    private static VerifierFixture verifier;
    private static List<VerifierFixture.Vector> vectors;

    @BeforeAll
    static void start() throws Exception {
        verifier = new VerifierFixture(Map.of("MAX_REQUEST_BODY_BYTES", "4096"));
        vectors = VerifierFixture.vectors();
    }

    @AfterAll
    static void stop() {
        verifier.close();
    }

    static Stream<VerifierFixture.Vector> smallVectors() throws Exception {
        // Vectors with 2,000-character fields exceed this fixture's 4 KiB body cap; they are covered
        // by everyEthersVectorRecoversToItsSigner on a verifier with the default cap.
        return VerifierFixture.vectors().stream().filter(v -> v.json().length() < 4096);
    }

    @Test
    void everyEthersVectorRecoversToItsChecksummedSigner() throws Exception {
        assertTrue(vectors.size() >= 50, "fixture has at least 50 vectors");
        try (VerifierFixture defaults = new VerifierFixture()) {
            for (VerifierFixture.Vector v : vectors) {
                HttpResponse<String> response = defaults.verify(v.json());
                assertEquals(200, response.statusCode(), v.name() + ": " + response.body());
                JsonNode body = VerifierFixture.JSON.readTree(response.body());
                assertTrue(body.get("is_valid").asBoolean(), v.name());
                assertEquals(v.signer(), body.get("recovered_address").asText(), v.name());
                assertTrue(body.has("error") && body.get("error").isNull(), "error is present and null");
                assertFalse(body.has("error_code"), "no error_code on success");
            }
        }
    }

    @Test
    void aBodyTooLargeToAnswerOnTheIoThreadIsAnsweredFromAWorkerAlike() throws Exception {
        VerifierFixture.Vector v = vectors.get(0);
        String padded = v.json().replace("{\"context\"", "{" + " ".repeat(VerifyHandler.INLINE_BODY_BYTES) + "\"context\"");
        assertTrue(padded.length() > VerifyHandler.INLINE_BODY_BYTES);
        try (VerifierFixture defaults = new VerifierFixture()) {
            HttpResponse<String> valid = defaults.verify(padded);
            assertEquals(200, valid.statusCode(), valid.body());
            assertEquals(v.signer(), VerifierFixture.JSON.readTree(valid.body()).get("recovered_address").asText());
            HttpResponse<String> refused = defaults.verify(padded.replace("\"signature\"", "\"sig\""));
            assertEquals(400, refused.statusCode());
            assertEquals("missing_field", VerifierFixture.JSON.readTree(refused.body()).get("error_code").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallVectors")
    void aChangedNonceRecoversToADifferentAddress(VerifierFixture.Vector v) throws Exception {
        HttpResponse<String> response = verifier.verify(
                v.withContext("nonce", VerifierFixture.JSON.getNodeFactory().textNode("tampered")).json());
        assertEquals(200, response.statusCode());
        assertNotEquals(v.signer(), VerifierFixture.JSON.readTree(response.body()).get("recovered_address").asText());
    }

    static Stream<Arguments> badInputs() throws Exception {
        VerifierFixture.Vector v = VerifierFixture.vectors().get(0);
        Signature good = Signature.parse(v.body().get("signature").asText());
        var nodes = VerifierFixture.JSON.getNodeFactory();
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("malformed JSON", "{\"context\":", 400, "invalid_json"));
        cases.add(Arguments.of("empty body", "", 400, "invalid_json"));
        cases.add(Arguments.of("JSON array", "[1,2]", 400, "invalid_json"));
        cases.add(Arguments.of("trailing garbage", v.json() + "x", 400, "invalid_json"));
        cases.add(Arguments.of("missing context", v.without("context").json(), 400, "missing_field"));
        cases.add(Arguments.of("missing signature", v.without("signature").json(), 400, "missing_field"));
        cases.add(Arguments.of("missing nonce", v.without("nonce").json(), 400, "missing_field"));
        cases.add(Arguments.of("token not a string", v.withContext("token", nodes.numberNode(5)).json(), 400, "missing_field"));
        cases.add(Arguments.of("lone surrogate in nonce", v.json().replace("\"nonce\":\"", "\"nonce\":\"\\ud800"), 400, "invalid_json"));
        cases.add(Arguments.of("non-hex signature", v.withSignature("0x" + "zz".repeat(65)).json(), 400, "malformed_signature"));
        cases.add(Arguments.of("64-byte signature", v.withSignature("0x" + "11".repeat(64)).json(), 400, "malformed_signature"));
        cases.add(Arguments.of("66-byte signature", v.withSignature("0x" + "11".repeat(66)).json(), 400, "malformed_signature"));
        cases.add(Arguments.of("short signature", v.withSignature("0x1234567890").json(), 400, "malformed_signature"));
        for (int badV : new int[] {2, 26, 29, 35}) {
            cases.add(Arguments.of("v=" + badV, v.withSignature(new Signature(good.r(), good.s(), badV).toHex()).json(), 400, "invalid_v"));
        }
        cases.add(Arguments.of("r=0", v.withSignature(new Signature(BigInteger.ZERO, good.s(), good.v()).toHex()).json(), 400, "invalid_r_s"));
        cases.add(Arguments.of("s=0", v.withSignature(new Signature(good.r(), BigInteger.ZERO, good.v()).toHex()).json(), 400, "invalid_r_s"));
        cases.add(Arguments.of("r=n", v.withSignature(new Signature(Secp256k1.N, good.s(), good.v()).toHex()).json(), 400, "invalid_r_s"));
        cases.add(Arguments.of("s=n", v.withSignature(new Signature(good.r(), Secp256k1.N, good.v()).toHex()).json(), 400, "invalid_r_s"));
        Signature highS = new Signature(good.r(), Secp256k1.N.subtract(good.s()), good.v() == 27 ? 28 : 27);
        cases.add(Arguments.of("high-s twin of a valid signature", v.withSignature(highS.toHex()).json(), 400, "high_s"));
        cases.add(Arguments.of("recipient not an address", v.withContext("recipient", nodes.textNode("0x1234")).json(), 400, "invalid_recipient"));
        cases.add(Arguments.of("recipient not hex", v.withContext("recipient", nodes.textNode("0x" + "g".repeat(40))).json(), 400, "invalid_recipient"));
        cases.add(Arguments.of("chainId zero", v.withContext("chainId", nodes.numberNode(0)).json(), 400, "invalid_chain_id"));
        cases.add(Arguments.of("chainId negative", v.withContext("chainId", nodes.numberNode(-1)).json(), 400, "invalid_chain_id"));
        cases.add(Arguments.of("chainId fractional", v.withContext("chainId", nodes.numberNode(1.5)).json(), 400, "invalid_chain_id"));
        cases.add(Arguments.of("chainId text", v.withContext("chainId", nodes.textNode("base")).json(), 400, "invalid_chain_id"));
        cases.add(Arguments.of("missing chainId", v.without("chainId").json(), 400, "missing_field"));
        cases.add(Arguments.of("body over the cap", "{\"pad\":\"" + "a".repeat(5000) + "\"}", 413, "payload_too_large"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputGetsA4xxWithAReasonCode(String description, String body, int status, String reason) throws Exception {
        HttpResponse<String> response = verifier.verify(body);
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode json = VerifierFixture.JSON.readTree(response.body());
        assertFalse(json.get("is_valid").asBoolean());
        assertTrue(json.get("recovered_address").isNull());
        assertEquals(reason, json.get("error_code").asText());
        assertFalse(json.get("error").asText().isBlank());
    }

    @Test
    void aChunkedBodyOverTheCapGets413WithoutBeingBuffered() throws Exception {
        byte[] big = ("{\"pad\":\"" + "b".repeat(100_000) + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create(verifier.base + "/verify"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .header("Content-Type", "application/json").build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals("payload_too_large", VerifierFixture.JSON.readTree(response.body()).get("error_code").asText());
    }

    @Test
    void healthAnswersJson() throws Exception {
        HttpResponse<String> response = Http.get(verifier.base + "/health");
        assertEquals(200, response.statusCode());
        JsonNode json = VerifierFixture.JSON.readTree(response.body());
        assertEquals("healthy", json.get("status").asText());
        assertEquals("verifier", json.get("service").asText());
    }

    @Test
    void unknownPathAndWrongMethodGetJsonErrors() throws Exception {
        HttpResponse<String> missing = Http.get(verifier.base + "/nope");
        assertEquals(404, missing.statusCode());
        assertEquals("not_found", VerifierFixture.JSON.readTree(missing.body()).get("error").asText());
        HttpResponse<String> wrongMethod = Http.get(verifier.base + "/verify");
        assertEquals(405, wrongMethod.statusCode());
        JsonNode json = VerifierFixture.JSON.readTree(wrongMethod.body());
        assertEquals("method_not_allowed", json.get("error").asText());
        assertFalse(json.get("correlation_id").asText().isBlank());
    }

    @Test
    void aSaneCorrelationIdIsEchoedAndAnInsaneOneReplaced() throws Exception {
        HttpResponse<String> kept = Http.post(verifier.base + "/verify", "{}", "X-Correlation-ID", "trace-123");
        assertEquals("trace-123", kept.headers().firstValue("X-Correlation-ID").orElseThrow());
        HttpResponse<String> replaced = Http.post(verifier.base + "/verify", "{}", "X-Correlation-ID", "x".repeat(65));
        String id = replaced.headers().firstValue("X-Correlation-ID").orElseThrow();
        assertNotEquals("x".repeat(65), id);
        assertEquals(36, id.length(), "a fresh UUID");
    }
}
