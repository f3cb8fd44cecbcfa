package io.microai.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.microai.shared.api.VerifierApi;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import io.microai.shared.testing.Http;
import io.microai.shared.verify.RefusalCode;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /verify/authorization} over real HTTP: EIP-3009 signer recovery and every way to refuse it. */
class AuthorizationEndpointTest {
    private static final JsonNodeFactory NODES = VerifierFixture.JSON.getNodeFactory();
    private static final String UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE).toString();

    private static VerifierFixture verifier;

    @BeforeAll
    static void start() {
        verifier = new VerifierFixture(Map.of("MAX_REQUEST_BODY_BYTES", "4096"));
    }

    @AfterAll
    static void stop() {
        verifier.close();
    }

    /** The x402 reference authorization: USDC on Base Sepolia, signed with the well-known first anvil key. */
    static VerifierFixture.Vector reference() throws Exception {
        VerifierFixture.Vector v = VerifierFixture.authorizationVectors().get(0);
        assertEquals("x402-reference-usdc-base-sepolia", v.name(), "the reference vector comes first");
        return v;
    }

    private static Signature goodSignature() throws Exception {
        return Signature.parse(reference().body().get("signature").asText());
    }

    @Test
    void theX402ReferenceAuthorizationRecoversToItsPayer() throws Exception {
        String body = "{\"domain\":{\"name\":\"USDC\",\"version\":\"2\",\"chainId\":84532,"
                + "\"verifyingContract\":\"0x036CbD53842c5426634e7929541eC2318f3dCF7e\"},"
                + "\"message\":{\"from\":\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\","
                + "\"to\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\",\"value\":\"1000\",\"validAfter\":\"0\","
                + "\"validBefore\":\"1800000000\",\"nonce\":\"0x" + "11".repeat(32) + "\"},"
                + "\"signature\":\"0xbd900f449e7c47e79e33167f49161cc504d64184615fcb076365559af0684c78"
                + "79afa43760ab8437386aa9e49eae8e2033b36297c1a695282a311548e160844e1c\"}";
        HttpResponse<String> response = verifier.verifyAuthorization(body);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"is_valid\":true,\"recovered_address\":\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\",\"error\":null}",
                response.body());
    }

    @Test
    void everyViemVectorRecoversToItsChecksummedSigner() throws Exception {
        List<VerifierFixture.Vector> vectors = VerifierFixture.authorizationVectors();
        assertTrue(vectors.size() >= 10, "fixture has the edge cases and random vectors");
        for (VerifierFixture.Vector v : vectors) {
            HttpResponse<String> response = verifier.verifyAuthorization(v.json());
            assertEquals(200, response.statusCode(), v.name() + ": " + response.body());
            JsonNode json = VerifierFixture.JSON.readTree(response.body());
            assertTrue(json.get("is_valid").asBoolean(), v.name());
            assertEquals(v.signer(), json.get("recovered_address").asText(), v.name());
            assertFalse(json.has("error_code"), v.name());
        }
    }

    @Test
    void aChainIdWrittenAsDigitsRecoversLikeTheNumber() throws Exception {
        VerifierFixture.Vector v = reference().with("domain", "chainId", NODES.textNode("84532"));
        assertEquals(reference().signer(), VerifierFixture.JSON.readTree(verifier.verifyAuthorization(v.json()).body())
                .get("recovered_address").asText());
    }

    /** The verifier only recovers: a signer other than {@code from} is an answer, and the gateway judges it. */
    @Test
    void aTamperedMessageRecoversSomeoneElseInsteadOfBeingRefused() throws Exception {
        for (String[] change : new String[][] {{"message", "value", "1001"}, {"message", "to", "0x" + "22".repeat(20)},
                {"domain", "name", "USD Coin"}, {"domain", "version", "1"}}) {
            VerifierFixture.Vector v = reference().with(change[0], change[1], NODES.textNode(change[2]));
            HttpResponse<String> response = verifier.verifyAuthorization(v.json());
            assertEquals(200, response.statusCode(), change[1] + ": " + response.body());
            String recovered = VerifierFixture.JSON.readTree(response.body()).get("recovered_address").asText();
            assertNotEquals(v.signer(), recovered, change[1]);
            assertTrue(recovered.matches("0x[0-9a-fA-F]{40}"), recovered);
        }
    }

    static Stream<Arguments> refusals() throws Exception {
        VerifierFixture.Vector v = reference();
        Signature good = goodSignature();
        List<Arguments> cases = new ArrayList<>();
        // payload_too_large
        cases.add(Arguments.of("body over the cap", v.with("domain", "name", NODES.textNode("U".repeat(5000))).json(),
                RefusalCode.PAYLOAD_TOO_LARGE));
        // invalid_json
        cases.add(Arguments.of("not JSON", "domain=USDC", RefusalCode.INVALID_JSON));
        cases.add(Arguments.of("empty body", "", RefusalCode.INVALID_JSON));
        cases.add(Arguments.of("truncated JSON", "{\"domain\":", RefusalCode.INVALID_JSON));
        cases.add(Arguments.of("JSON array", "[" + v.json() + "]", RefusalCode.INVALID_JSON));
        cases.add(Arguments.of("JSON string", "\"0x\"", RefusalCode.INVALID_JSON));
        cases.add(Arguments.of("JSON null", "null", RefusalCode.INVALID_JSON));
        cases.add(Arguments.of("trailing garbage", v.json() + "{}", RefusalCode.INVALID_JSON));
        cases.add(Arguments.of("nested past the depth limit", "[".repeat(200) + "]".repeat(200), RefusalCode.INVALID_JSON));
        cases.add(Arguments.of("number of 2,000 digits", v.json().replace("\"chainId\":84532", "\"chainId\":" + "9".repeat(2000)),
                RefusalCode.INVALID_JSON));
        cases.add(Arguments.of("lone surrogate in the token name", v.json().replace("\"name\":\"USDC", "\"name\":\"USDC\\ud800"),
                RefusalCode.INVALID_JSON));
        cases.add(Arguments.of("lone surrogate in the nonce", v.json().replace("\"nonce\":\"0x", "\"nonce\":\"\\udc00x"),
                RefusalCode.INVALID_JSON));
        // missing_field: absent, null or the wrong JSON type
        cases.add(Arguments.of("empty object", "{}", RefusalCode.MISSING_FIELD));
        cases.add(Arguments.of("missing domain", v.withoutTop("domain").json(), RefusalCode.MISSING_FIELD));
        cases.add(Arguments.of("missing message", v.withoutTop("message").json(), RefusalCode.MISSING_FIELD));
        cases.add(Arguments.of("missing signature", v.withoutTop("signature").json(), RefusalCode.MISSING_FIELD));
        cases.add(Arguments.of("domain a string", v.withTop("domain", NODES.textNode("USDC")).json(), RefusalCode.MISSING_FIELD));
        cases.add(Arguments.of("message an array", v.withTop("message", NODES.arrayNode()).json(), RefusalCode.MISSING_FIELD));
        cases.add(Arguments.of("signature a number", v.withTop("signature", NODES.numberNode(27)).json(), RefusalCode.MISSING_FIELD));
        cases.add(Arguments.of("signature null", v.withTop("signature", NODES.nullNode()).json(), RefusalCode.MISSING_FIELD));
        for (String field : new String[] {"name", "version", "chainId", "verifyingContract"}) {
            cases.add(Arguments.of("missing domain." + field, v.with("domain", field, null).json(), RefusalCode.MISSING_FIELD));
        }
        for (String field : new String[] {"from", "to", "value", "validAfter", "validBefore", "nonce"}) {
            cases.add(Arguments.of("missing message." + field, v.with("message", field, null).json(), RefusalCode.MISSING_FIELD));
        }
        cases.add(Arguments.of("name a number", v.with("domain", "name", NODES.numberNode(1)).json(), RefusalCode.MISSING_FIELD));
        cases.add(Arguments.of("value a JSON number", v.with("message", "value", NODES.numberNode(1000)).json(), RefusalCode.MISSING_FIELD));
        cases.add(Arguments.of("value a huge JSON number", v.with("message", "value", NODES.numberNode(BigInteger.TEN.pow(90))).json(),
                RefusalCode.MISSING_FIELD));
        cases.add(Arguments.of("validBefore a boolean", v.with("message", "validBefore", NODES.booleanNode(true)).json(),
                RefusalCode.MISSING_FIELD));
        cases.add(Arguments.of("from an object", v.with("message", "from", NODES.objectNode()).json(), RefusalCode.MISSING_FIELD));
        // signature defects
        cases.add(Arguments.of("short signature", v.withTop("signature", NODES.textNode("0x1234")).json(), RefusalCode.MALFORMED_SIGNATURE));
        cases.add(Arguments.of("non-hex signature", v.withTop("signature", NODES.textNode("0x" + "zz".repeat(65))).json(),
                RefusalCode.MALFORMED_SIGNATURE));
        for (int badV : new int[] {0, 1, 26, 29}) {
            cases.add(Arguments.of("v=" + badV, signed(v, new Signature(good.r(), good.s(), badV)), RefusalCode.INVALID_V));
        }
        cases.add(Arguments.of("r=0", signed(v, new Signature(BigInteger.ZERO, good.s(), good.v())), RefusalCode.INVALID_R_S));
        cases.add(Arguments.of("s=n", signed(v, new Signature(good.r(), Secp256k1.N, good.v())), RefusalCode.INVALID_R_S));
        cases.add(Arguments.of("high-s twin of the valid signature",
                signed(v, new Signature(good.r(), Secp256k1.N.subtract(good.s()), good.v() == 27 ? 28 : 27)), RefusalCode.HIGH_S));
        cases.add(Arguments.of("r on no point of the curve", signed(v, new Signature(xOnNoPoint(), good.s(), good.v())),
                RefusalCode.RECOVERY_FAILED));
        // the payee
        cases.add(Arguments.of("to not an address", v.with("message", "to", NODES.textNode("0x1234")).json(), RefusalCode.INVALID_RECIPIENT));
        cases.add(Arguments.of("to not hex", v.with("message", "to", NODES.textNode("0x" + "g".repeat(40))).json(),
                RefusalCode.INVALID_RECIPIENT));
        // the chain
        cases.add(Arguments.of("chainId zero", v.with("domain", "chainId", NODES.numberNode(0)).json(), RefusalCode.INVALID_CHAIN_ID));
        cases.add(Arguments.of("chainId negative", v.with("domain", "chainId", NODES.numberNode(-84532)).json(), RefusalCode.INVALID_CHAIN_ID));
        cases.add(Arguments.of("chainId fractional", v.with("domain", "chainId", NODES.numberNode(1.5)).json(), RefusalCode.INVALID_CHAIN_ID));
        cases.add(Arguments.of("chainId in exponent form", v.json().replace("\"chainId\":84532", "\"chainId\":1e400"),
                RefusalCode.INVALID_CHAIN_ID));
        cases.add(Arguments.of("chainId 2^256", v.with("domain", "chainId", NODES.numberNode(BigInteger.TWO.pow(256))).json(),
                RefusalCode.INVALID_CHAIN_ID));
        cases.add(Arguments.of("chainId a CAIP-2 network", v.with("domain", "chainId", NODES.textNode("eip155:84532")).json(),
                RefusalCode.INVALID_CHAIN_ID));
        // malformed_authorization: a field of the message or the domain that does not parse
        cases.add(Arguments.of("verifyingContract not an address", v.with("domain", "verifyingContract", NODES.textNode("USDC")).json(),
                RefusalCode.MALFORMED_AUTHORIZATION));
        cases.add(Arguments.of("from not an address", v.with("message", "from", NODES.textNode("0x" + "11".repeat(19))).json(),
                RefusalCode.MALFORMED_AUTHORIZATION));
        for (String bad : new String[] {"", "01000", "-1", "+1", "1e3", "1000.0", "0x3e8", " 1000", "\uff11\uff10", UINT256_MAX + "0",
                BigInteger.TWO.pow(256).toString()}) {
            cases.add(Arguments.of("value '" + bad + "'", v.with("message", "value", NODES.textNode(bad)).json(),
                    RefusalCode.MALFORMED_AUTHORIZATION));
        }
        cases.add(Arguments.of("validAfter with leading zero", v.with("message", "validAfter", NODES.textNode("00")).json(),
                RefusalCode.MALFORMED_AUTHORIZATION));
        cases.add(Arguments.of("validBefore of 79 digits", v.with("message", "validBefore", NODES.textNode("1".repeat(79))).json(),
                RefusalCode.MALFORMED_AUTHORIZATION));
        cases.add(Arguments.of("nonce of 31 bytes", v.with("message", "nonce", NODES.textNode("0x" + "11".repeat(31))).json(),
                RefusalCode.MALFORMED_AUTHORIZATION));
        cases.add(Arguments.of("nonce without 0x", v.with("message", "nonce", NODES.textNode("11".repeat(33))).json(),
                RefusalCode.MALFORMED_AUTHORIZATION));
        cases.add(Arguments.of("nonce not hex", v.with("message", "nonce", NODES.textNode("0x" + "zz".repeat(32))).json(),
                RefusalCode.MALFORMED_AUTHORIZATION));
        cases.add(Arguments.of("a bad field and a bad signature: the field is reported",
                v.with("message", "value", NODES.textNode("-1")).withTop("signature", NODES.textNode("0x12")).json(),
                RefusalCode.MALFORMED_AUTHORIZATION));
        return cases.stream();
    }

    private static String signed(VerifierFixture.Vector v, Signature signature) {
        return v.withTop("signature", NODES.textNode(signature.toHex())).json();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedAuthorizationGetsItsCodeAndStatusAsJson(String description, String body, RefusalCode code) throws Exception {
        HttpResponse<String> response = verifier.verifyAuthorization(body);
        assertEquals(code.status(), response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode json = VerifierFixture.JSON.readTree(response.body());
        assertFalse(json.get("is_valid").asBoolean());
        assertTrue(json.get("recovered_address").isNull());
        assertEquals(code.code(), json.get("error_code").asText());
        assertFalse(json.get("error").asText().isBlank());
    }

    @Test
    void everyRefusalCodeIsProvokedOnThisRoute() throws Exception {
        Set<RefusalCode> provoked = refusals().map(a -> (RefusalCode) a.get()[2])
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RefusalCode.class)));
        assertEquals(EnumSet.allOf(RefusalCode.class), provoked);
    }

    @Test
    void anotherMethodOnTheRouteGetsAJson405() throws Exception {
        HttpResponse<String> response = Http.get(verifier.base + VerifierApi.VERIFY_AUTHORIZATION_PATH);
        assertEquals(405, response.statusCode());
        assertEquals("method_not_allowed", VerifierFixture.JSON.readTree(response.body()).get("error").asText());
    }

    @Test
    void theCallersCorrelationIdIsEchoed() throws Exception {
        HttpResponse<String> response = Http.post(verifier.base + VerifierApi.VERIFY_AUTHORIZATION_PATH, reference().json(),
                "Content-Type", "application/json", "X-Correlation-ID", "x402-trace-9");
        assertEquals(200, response.statusCode());
        assertEquals("x402-trace-9", response.headers().firstValue("X-Correlation-ID").orElseThrow());
    }

    private static BigInteger xOnNoPoint() {
        ECCurve curve = CustomNamedCurves.getByName("secp256k1").getCurve();
        for (BigInteger x = BigInteger.ONE; ; x = x.add(BigInteger.ONE)) {
            ECFieldElement fx = curve.fromBigInteger(x);
            if (fx.square().multiply(fx).add(curve.getB()).sqrt() == null) {
                return x;
            }
        }
    }
}
