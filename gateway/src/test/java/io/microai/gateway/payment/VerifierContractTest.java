package io.microai.gateway.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.microai.gateway.GatewayFixture;
import io.microai.gateway.metrics.VerificationFailure;
import io.microai.gateway.support.Ports;
import io.microai.gateway.support.StandIn;
import io.microai.shared.api.VerifierApi;
import io.microai.shared.config.Env;
import io.microai.shared.eip712.Eip3009Signatures;
import io.microai.shared.eip712.PaymentTypedData;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import io.microai.shared.eip712.TokenDomain;
import io.microai.shared.eip712.TransferWithAuthorization;
import io.microai.shared.http.Json;
import io.microai.shared.verify.RefusalCode;
import io.microai.shared.verify.VerifyRequest;
import io.microai.shared.verify.VerifyResponse;
import io.microai.verifier.VerifierConfig;
import io.microai.verifier.VerifierServer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway and the verifier cannot disagree about {@code POST /verify} or
 * {@code POST /verify/authorization}: every refusal code is provoked from the real verifier over HTTP
 * and the client classifies the answer exactly as the shared contract says, and the client's
 * requests are the wire format byte for byte.
 */
class VerifierContractTest {
    private static final String RECIPIENT = "0x2cAF48b4BA1C58721a85dFADa5aC01C2DFa62219";
    private static final BigInteger CHAIN = BigInteger.valueOf(8453);
    private static final String NONCE = "contract-1";
    private static final VerifyRequest.Context CONTEXT = context(RECIPIENT, NONCE, CHAIN);
    private static final TokenDomain TOKEN_DOMAIN =
            new TokenDomain("USDC", "2", BigInteger.valueOf(84532), "0x036CbD53842c5426634e7929541eC2318f3dCF7e");
    /** secp256k1's field prime: an x whose x³ + 7 is not a square mod p is on no point of the curve. */
    private static final BigInteger P = BigInteger.TWO.pow(256).subtract(BigInteger.TWO.pow(32)).subtract(BigInteger.valueOf(977));

    private static VerifierServer verifier;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        verifier = VerifierServer.start(VerifierConfig.fromEnv(new Env(Map.of("MAX_REQUEST_BODY_BYTES", "4096")))
                .withPort(0).withHost("127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        verifier.close();
    }

    private static String verifierUrl() {
        return "http://127.0.0.1:" + verifier.port();
    }

    private static VerifyRequest.Context context(String recipient, String nonce, BigInteger chainId) {
        return new VerifyRequest.Context(recipient, "USDC", "0.001", nonce, chainId);
    }

    private static Signature signed(VerifyRequest.Context context) {
        return Secp256k1.sign(PaymentTypedData.digest(context.payment()), GatewayFixture.PAYER_KEY);
    }

    private static byte[] body(VerifyRequest.Context context, String signature) throws Exception {
        return Json.MAPPER.writeValueAsBytes(new VerifyRequest(context, signature));
    }

    private static BigInteger xOnNoPoint() {
        BigInteger halfOrder = P.subtract(BigInteger.ONE).shiftRight(1);
        for (BigInteger x = BigInteger.ONE; ; x = x.add(BigInteger.ONE)) {
            BigInteger y2 = x.pow(3).add(BigInteger.valueOf(7)).mod(P);
            if (y2.modPow(halfOrder, P).equals(P.subtract(BigInteger.ONE))) {
                return x;
            }
        }
    }

    /** The one code no {@code /verify} body can earn: that route carries no EIP-3009 fields. */
    private static final Set<RefusalCode> AUTHORIZATION_ONLY = EnumSet.of(RefusalCode.MALFORMED_AUTHORIZATION);

    /** For each refusal code {@code /verify} can give, a body the real verifier refuses with exactly that code. */
    private static Map<RefusalCode, byte[]> provocations() throws Exception {
        Signature good = signed(CONTEXT);
        Map<RefusalCode, byte[]> bodies = new EnumMap<>(RefusalCode.class);
        bodies.put(RefusalCode.PAYLOAD_TOO_LARGE, body(context(RECIPIENT, "n".repeat(5000), CHAIN), good.toHex()));
        bodies.put(RefusalCode.INVALID_JSON, "{\"context\":".getBytes(StandardCharsets.UTF_8));
        bodies.put(RefusalCode.MISSING_FIELD, body(CONTEXT, null));
        bodies.put(RefusalCode.MALFORMED_SIGNATURE, body(CONTEXT, "0x1234"));
        bodies.put(RefusalCode.INVALID_V, body(CONTEXT, new Signature(good.r(), good.s(), 29).toHex()));
        bodies.put(RefusalCode.INVALID_R_S, body(CONTEXT, new Signature(BigInteger.ZERO, good.s(), good.v()).toHex()));
        bodies.put(RefusalCode.HIGH_S, body(CONTEXT, highS(good).toHex()));
        bodies.put(RefusalCode.RECOVERY_FAILED, body(CONTEXT, new Signature(xOnNoPoint(), good.s(), good.v()).toHex()));
        bodies.put(RefusalCode.INVALID_RECIPIENT, body(context("0x1234", NONCE, CHAIN), good.toHex()));
        bodies.put(RefusalCode.INVALID_CHAIN_ID, body(context(RECIPIENT, NONCE, BigInteger.ZERO), good.toHex()));
        return bodies;
    }

    /** The malleable twin of a valid signature: (r, n − s) with the parity flipped. */
    private static Signature highS(Signature good) {
        return new Signature(good.r(), Secp256k1.N.subtract(good.s()), good.v() == 27 ? 28 : 27);
    }

    /** An EIP-3009 authorization as the client's typed arguments, and the same as a raw body. */
    private record Authorization(TokenDomain domain, TransferWithAuthorization message, String signature) {
        byte[] body() throws Exception {
            return Json.MAPPER.writeValueAsBytes(VerifierClient.authorizationRequest(domain, message, signature));
        }

        Authorization withDomain(TokenDomain d) {
            return new Authorization(d, message, signature);
        }

        Authorization withMessage(TransferWithAuthorization m) {
            return new Authorization(domain, m, signature);
        }

        Authorization withSignature(String s) {
            return new Authorization(domain, message, s);
        }
    }

    private static TransferWithAuthorization transfer(String to, String value) {
        return new TransferWithAuthorization(GatewayFixture.PAYER, to, value, "0", "1800000000", "0x" + "11".repeat(32));
    }

    private static Authorization signedAuthorization() {
        TransferWithAuthorization message = transfer(RECIPIENT, "1000");
        return new Authorization(TOKEN_DOMAIN, message,
                Eip3009Signatures.sign(TOKEN_DOMAIN, message, GatewayFixture.PAYER_KEY).toHex());
    }

    /**
     * For every refusal code, an authorization the real verifier refuses with exactly that code, each
     * expressible through {@link VerifierClient#verifyAuthorization}: a JSON-level defect comes from a
     * value the serializer writes faithfully but the verifier cannot accept.
     */
    private static Map<RefusalCode, Authorization> authorizationProvocations() {
        Authorization good = signedAuthorization();
        Signature sig = Signature.parse(good.signature());
        Map<RefusalCode, Authorization> provocations = new EnumMap<>(RefusalCode.class);
        provocations.put(RefusalCode.PAYLOAD_TOO_LARGE, good.withDomain(
                new TokenDomain("U".repeat(5000), "2", TOKEN_DOMAIN.chainId(), TOKEN_DOMAIN.verifyingContract())));
        provocations.put(RefusalCode.INVALID_JSON, good.withDomain(
                new TokenDomain("USDC\ud800", "2", TOKEN_DOMAIN.chainId(), TOKEN_DOMAIN.verifyingContract())));
        provocations.put(RefusalCode.MISSING_FIELD, good.withSignature(null));
        provocations.put(RefusalCode.MALFORMED_SIGNATURE, good.withSignature("0x1234"));
        provocations.put(RefusalCode.INVALID_V, good.withSignature(new Signature(sig.r(), sig.s(), sig.v() - 27).toHex()));
        provocations.put(RefusalCode.INVALID_R_S, good.withSignature(new Signature(sig.r(), BigInteger.ZERO, sig.v()).toHex()));
        provocations.put(RefusalCode.HIGH_S, good.withSignature(highS(sig).toHex()));
        provocations.put(RefusalCode.RECOVERY_FAILED, good.withSignature(new Signature(xOnNoPoint(), sig.s(), sig.v()).toHex()));
        provocations.put(RefusalCode.INVALID_RECIPIENT, good.withMessage(transfer("0x1234", "1000")));
        provocations.put(RefusalCode.INVALID_CHAIN_ID, good.withDomain(
                new TokenDomain("USDC", "2", BigInteger.ZERO, TOKEN_DOMAIN.verifyingContract())));
        provocations.put(RefusalCode.MALFORMED_AUTHORIZATION, good.withMessage(transfer(RECIPIENT, "01000")));
        return provocations;
    }

    private static HttpResponse<byte[]> post(String path, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(verifierUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static IssuedPayment issued() {
        long now = System.currentTimeMillis();
        return new IssuedPayment(RECIPIENT, "USDC", "0.001", NONCE, 8453L, now, now + 60_000);
    }

    @Test
    void everyRefusalCodeHasABodyThatProvokesIt() throws Exception {
        assertEquals(EnumSet.complementOf(EnumSet.copyOf(AUTHORIZATION_ONLY)), provocations().keySet(),
                "a new refusal code needs a /verify request here that provokes it, or a reason it cannot");
        assertEquals(EnumSet.allOf(RefusalCode.class), authorizationProvocations().keySet(),
                "a new refusal code needs a /verify/authorization request here that provokes it");
    }

    static Stream<RefusalCode> verifyCodes() throws Exception {
        return provocations().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("verifyCodes")
    void eachRefusalOfTheRealVerifierIsClassifiedByTheClientAsTheContractSays(RefusalCode code) throws Exception {
        byte[] body = provocations().get(code);
        assertNotNull(body, code.code());
        assertClassifiedAsTheContractSays(code, post(VerifierApi.VERIFY_PATH, body));
    }

    @ParameterizedTest
    @EnumSource(RefusalCode.class)
    void eachRefusalOfTheRealVerifiersAuthorizationRouteIsClassifiedByTheClientAsTheContractSays(RefusalCode code) throws Exception {
        Authorization a = authorizationProvocations().get(code);
        assertNotNull(a, code.code());
        assertClassifiedAsTheContractSays(code, post(VerifierApi.VERIFY_AUTHORIZATION_PATH, a.body()));
    }

    @ParameterizedTest
    @EnumSource(RefusalCode.class)
    void verifyAuthorizationTurnsEachRefusalOfTheRealVerifierIntoTheContractsFailure(RefusalCode code) throws Exception {
        Authorization a = authorizationProvocations().get(code);
        VerifierClient client = new VerifierClient(HTTP, verifierUrl(), Duration.ofSeconds(5));
        VerifierClient.Outcome outcome = client.verifyAuthorization(a.domain(), a.message(), a.signature(), "contract-cid");
        assertNull(outcome.address(), outcome.toString());
        assertEquals(code.signatureFault() ? VerificationFailure.INVALID_SIGNATURE : VerificationFailure.VERIFIER_BAD_RESPONSE,
                outcome.failure(), outcome.detail());
        assertEquals(code.signatureFault() ? "the signature was refused: " + code.code()
                : "the verifier answered " + code.status() + " (" + code.code() + ")", outcome.detail());
    }

    private static void assertClassifiedAsTheContractSays(RefusalCode code, HttpResponse<byte[]> response) throws Exception {
        VerifyResponse answer = Json.MAPPER.readValue(response.body(), VerifyResponse.class);
        assertEquals(code.status(), response.statusCode(), answer.toString());
        assertEquals(code.code(), answer.errorCode());
        assertFalse(answer.valid());
        assertNull(answer.recoveredAddress());

        VerifierClient.Outcome outcome = VerifierClient.interpret(response.statusCode(), response.body());
        assertNull(outcome.address());
        assertEquals(code.signatureFault() ? VerificationFailure.INVALID_SIGNATURE : VerificationFailure.VERIFIER_BAD_RESPONSE,
                outcome.failure(), outcome.detail());
    }

    @ParameterizedTest
    @EnumSource(RefusalCode.class)
    void aRefusalUnderAnotherStatusThanItsOwnIsAnUnusableAnswer(RefusalCode code) throws Exception {
        byte[] answer = Json.MAPPER.writeValueAsBytes(VerifyResponse.refused(code, "refused"));
        for (int status : new int[] {200, 403, 500, code.status() == 400 ? 413 : 400}) {
            assertEquals(VerificationFailure.VERIFIER_BAD_RESPONSE, VerifierClient.interpret(status, answer).failure(),
                    code.code() + " under " + status);
        }
    }

    @Test
    void aCodeOutsideTheContractIsAnUnusableAnswer() throws Exception {
        byte[] answer = "{\"is_valid\":false,\"recovered_address\":null,\"error\":\"x\",\"error_code\":\"bad_karma\"}"
                .getBytes(StandardCharsets.UTF_8);
        VerifierClient.Outcome outcome = VerifierClient.interpret(400, answer);
        assertEquals(VerificationFailure.VERIFIER_BAD_RESPONSE, outcome.failure());
        assertEquals("the verifier answered 400 (bad_karma)", outcome.detail());
    }

    @Test
    void theClientGetsTheSignerOrASignatureRefusalFromTheRealVerifier() throws Exception {
        VerifierClient client = new VerifierClient(HTTP, verifierUrl(), Duration.ofSeconds(5));
        VerifierClient.Outcome recovered = client.verify(issued(), signed(CONTEXT).toHex(), "contract-cid");
        assertEquals(GatewayFixture.PAYER, recovered.address());
        assertNull(recovered.failure());
        VerifierClient.Outcome refused = client.verify(issued(), highS(signed(CONTEXT)).toHex(), "contract-cid");
        assertEquals(VerificationFailure.INVALID_SIGNATURE, refused.failure());
        assertEquals("the signature was refused: high_s", refused.detail());
    }

    @Test
    void verifyAuthorizationGetsTheSignerFromTheRealVerifier() throws Exception {
        VerifierClient client = new VerifierClient(HTTP, verifierUrl(), Duration.ofSeconds(5));
        Authorization a = signedAuthorization();
        VerifierClient.Outcome recovered = client.verifyAuthorization(a.domain(), a.message(), a.signature(), "contract-cid");
        assertEquals(GatewayFixture.PAYER, recovered.address());
        assertNull(recovered.failure());
    }

    @Test
    void theX402ReferenceAuthorizationRecoversThroughTheClient() throws Exception {
        VerifierClient client = new VerifierClient(HTTP, verifierUrl(), Duration.ofSeconds(5));
        TokenDomain domain = new TokenDomain("USDC", "2", BigInteger.valueOf(84532), "0x036CbD53842c5426634e7929541eC2318f3dCF7e");
        TransferWithAuthorization message = new TransferWithAuthorization("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                "0x209693Bc6afc0C5328bA36FaF03C514EF312287C", "1000", "0", "1800000000", "0x" + "11".repeat(32));
        String signature = "0xbd900f449e7c47e79e33167f49161cc504d64184615fcb076365559af0684c78"
                + "79afa43760ab8437386aa9e49eae8e2033b36297c1a695282a311548e160844e1c";
        assertEquals("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                client.verifyAuthorization(domain, message, signature, "x402-ref").address());
    }

    /** The verifier recovers and the gateway judges: an authorization signed by another key is an address, not a refusal. */
    @Test
    void anAuthorizationSignedByAnotherKeyRecoversThatKeysAddress() throws Exception {
        VerifierClient client = new VerifierClient(HTTP, verifierUrl(), Duration.ofSeconds(5));
        TransferWithAuthorization message = transfer(RECIPIENT, "1000");
        BigInteger otherKey = BigInteger.valueOf(0xbadcafe);
        String signature = Eip3009Signatures.sign(TOKEN_DOMAIN, message, otherKey).toHex();
        VerifierClient.Outcome outcome = client.verifyAuthorization(TOKEN_DOMAIN, message, signature, "other");
        assertNull(outcome.failure(), outcome.detail());
        assertEquals(Secp256k1.addressOf(otherKey), outcome.address());
    }

    @Test
    void verifyAuthorizationReportsASilentVerifierAsATimeout() throws Exception {
        Authorization a = signedAuthorization();
        try (StandIn silent = StandIn.start(Map.of(VerifierApi.VERIFY_AUTHORIZATION_PATH,
                StandIn.slow(60_000, StandIn.json(200, "{}"))))) {
            VerifierClient client = new VerifierClient(HTTP, silent.url(), Duration.ofMillis(200));
            VerifierClient.Outcome outcome = client.verifyAuthorization(a.domain(), a.message(), a.signature(), "slow");
            assertEquals(VerificationFailure.VERIFIER_TIMEOUT, outcome.failure());
            assertNull(outcome.address());
        }
    }

    @Test
    void verifyAuthorizationReportsAClosedPortAsUnavailable() throws Exception {
        Authorization a = signedAuthorization();
        VerifierClient client = new VerifierClient(HTTP, "http://127.0.0.1:" + Ports.closedPort(), Duration.ofSeconds(5));
        VerifierClient.Outcome outcome = client.verifyAuthorization(a.domain(), a.message(), a.signature(), "down");
        assertEquals(VerificationFailure.VERIFIER_UNAVAILABLE, outcome.failure());
        assertNull(outcome.address());
    }

    @Test
    void verifyAuthorizationReportsAnAnswerOutsideTheContractAsBad() throws Exception {
        Authorization a = signedAuthorization();
        try (StandIn wrong = StandIn.start(Map.of(VerifierApi.VERIFY_AUTHORIZATION_PATH,
                StandIn.json(200, "{\"is_valid\":true,\"recovered_address\":\"someone\"}")))) {
            VerifierClient client = new VerifierClient(HTTP, wrong.url(), Duration.ofSeconds(5));
            VerifierClient.Outcome outcome = client.verifyAuthorization(a.domain(), a.message(), a.signature(), "bad");
            assertEquals(VerificationFailure.VERIFIER_BAD_RESPONSE, outcome.failure());
            assertEquals("the verifier reported success without an address", outcome.detail());
        }
    }

    @Test
    void theClientsAuthorizationRequestIsTheWireFormatByteForByte() throws Exception {
        AtomicReference<byte[]> received = new AtomicReference<>();
        AtomicReference<List<String>> headers = new AtomicReference<>();
        String answer = Json.MAPPER.writeValueAsString(VerifyResponse.recovered(GatewayFixture.PAYER));
        try (StandIn standIn = StandIn.start(Map.of(VerifierApi.VERIFY_AUTHORIZATION_PATH, exchange -> {
            received.set(exchange.getRequestBody().readAllBytes());
            headers.set(List.of(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Correlation-ID")));
            StandIn.respond(exchange, 200, "application/json", answer);
        }))) {
            VerifierClient client = new VerifierClient(HTTP, standIn.url(), Duration.ofSeconds(5));
            String signature = "0x" + "ab".repeat(65);
            assertEquals(GatewayFixture.PAYER,
                    client.verifyAuthorization(TOKEN_DOMAIN, transfer(RECIPIENT, "1000"), signature, "cid-8").address());
            assertEquals("{\"domain\":{\"name\":\"USDC\",\"version\":\"2\",\"chainId\":84532,"
                            + "\"verifyingContract\":\"0x036CbD53842c5426634e7929541eC2318f3dCF7e\"},"
                            + "\"message\":{\"from\":\"" + GatewayFixture.PAYER + "\",\"to\":\"" + RECIPIENT + "\",\"value\":\"1000\","
                            + "\"validAfter\":\"0\",\"validBefore\":\"1800000000\",\"nonce\":\"0x" + "11".repeat(32) + "\"},"
                            + "\"signature\":\"" + signature + "\"}",
                    new String(received.get(), StandardCharsets.UTF_8));
            assertEquals(List.of(VerifierApi.VERIFY_AUTHORIZATION_PATH, "application/json", "cid-8"), headers.get());
        }
    }

    @Test
    void theClientsRequestIsTheWireFormatByteForByte() throws Exception {
        AtomicReference<byte[]> received = new AtomicReference<>();
        AtomicReference<List<String>> headers = new AtomicReference<>();
        String answer = Json.MAPPER.writeValueAsString(VerifyResponse.recovered(GatewayFixture.PAYER));
        try (StandIn standIn = StandIn.start(Map.of("/verify", exchange -> {
            received.set(exchange.getRequestBody().readAllBytes());
            headers.set(List.of(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Correlation-ID")));
            StandIn.respond(exchange, 200, "application/json", answer);
        }))) {
            VerifierClient client = new VerifierClient(HTTP, standIn.url(), Duration.ofSeconds(5));
            String signature = "0x" + "ab".repeat(65);
            assertEquals(GatewayFixture.PAYER, client.verify(issued(), signature, "cid-7").address());
            assertEquals("{\"context\":{\"recipient\":\"" + RECIPIENT + "\",\"token\":\"USDC\",\"amount\":\"0.001\","
                            + "\"nonce\":\"" + NONCE + "\",\"chainId\":8453},\"signature\":\"" + signature + "\"}",
                    new String(received.get(), StandardCharsets.UTF_8));
            assertEquals(List.of("application/json", "cid-7"), headers.get());
        }
    }
}
