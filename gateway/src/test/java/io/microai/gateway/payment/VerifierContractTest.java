package io.microai.gateway.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.microai.gateway.GatewayFixture;
import io.microai.gateway.metrics.VerificationFailure;
import io.microai.gateway.support.StandIn;
import io.microai.shared.config.Env;
import io.microai.shared.eip712.PaymentTypedData;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gateway and the verifier cannot disagree about {@code POST /verify}: every refusal code is
 * provoked from the real verifier over HTTP and the client's interpreter classifies the answer exactly
 * as the shared contract says, and the client's request is the wire format byte for byte.
 */
class VerifierContractTest {
    private static final String RECIPIENT = "0x2cAF48b4BA1C58721a85dFADa5aC01C2DFa62219";
    private static final BigInteger CHAIN = BigInteger.valueOf(8453);
    private static final String NONCE = "contract-1";
    private static final VerifyRequest.Context CONTEXT = context(RECIPIENT, NONCE, CHAIN);
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

    /** For each refusal code, a body the real verifier refuses with exactly that code. */
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

    private static HttpResponse<byte[]> post(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(verifierUrl() + "/verify"))
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
        assertEquals(EnumSet.allOf(RefusalCode.class), provocations().keySet(),
                "a new refusal code needs a request here that provokes it");
    }

    @ParameterizedTest
    @EnumSource(RefusalCode.class)
    void eachRefusalOfTheRealVerifierIsClassifiedByTheClientAsTheContractSays(RefusalCode code) throws Exception {
        byte[] body = provocations().get(code);
        assertNotNull(body, code.code());
        HttpResponse<byte[]> response = post(body);
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
