package io.microai.gateway;

import static io.microai.gateway.support.Errors.assertError;
import static io.microai.gateway.support.Errors.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.support.Load;
import io.microai.shared.testing.Http;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way a client can get a request wrong gets a precise 4xx with a JSON error code and the
 * correlation id — never a 500 — and a refusal that happens before the payment is verified never
 * burns the nonce: the same signed payment still works afterwards.
 */
class BadInputTest {
    private static final String TEXT = "{\"text\":\"Bad input must never burn a nonce. The same payment works afterwards.\"}";
    private static final BigInteger OTHER_KEY = new BigInteger("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", 16);
    private static final HttpClient CLIENT = Load.client();

    private static GatewayFixture stack;

    /** A challenge's nonce and the fixture payer's signature over its context. */
    private record Payment(JsonNode context, String nonce, String signature) {
        String[] headers() {
            return new String[] {"X-402-Signature", signature, "X-402-Nonce", nonce};
        }
    }

    @BeforeAll
    static void start() {
        stack = new GatewayFixture();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Payment payment(GatewayFixture gateway) throws IOException, InterruptedException {
        JsonNode context = gateway.challenge(TEXT);
        return new Payment(context, context.get("nonce").asText(), GatewayFixture.sign(context, GatewayFixture.PAYER_KEY));
    }

    /** The nonce was not burned: the correctly signed payment with it is still accepted. */
    private static void assertNotBurned(GatewayFixture gateway, Payment payment) throws IOException, InterruptedException {
        HttpResponse<String> retry = gateway.summarize(TEXT, payment.headers());
        assertEquals(200, retry.statusCode(), "the nonce was burned by the refused request: " + retry.body());
        assertFalse(json(retry).path("result").asText().isBlank());
    }

    private static HttpResponse<String> post(GatewayFixture gateway, HttpRequest.BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.base + GatewayConfig.SUMMARIZE_PATH))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(body);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertChallenge(HttpResponse<String> response) {
        JsonNode body = assertError(response, 402, "Payment Required");
        JsonNode context = body.get("paymentContext");
        assertTrue(context != null && context.isObject(), response.body());
        assertTrue(context.path("recipient").asText().matches("0x[0-9a-fA-F]{40}"), response.body());
        assertEquals("USDC", context.path("token").asText());
        assertEquals("0.001", context.path("amount").asText());
        assertFalse(context.path("nonce").asText().isBlank());
        assertEquals(8453, context.path("chainId").asLong());
    }

    @Test
    void missingSignatureGets402ChallengeWithAFullPaymentContext() throws Exception {
        Payment p = payment(stack);
        assertChallenge(stack.summarize(TEXT, "X-402-Nonce", p.nonce()));
        assertChallenge(stack.summarize(TEXT, "X-402-Signature", "", "X-402-Nonce", p.nonce()));
    }

    @Test
    void missingNonceGets402ChallengeWithAFullPaymentContext() throws Exception {
        Payment p = payment(stack);
        assertChallenge(stack.summarize(TEXT, "X-402-Signature", p.signature()));
        assertChallenge(stack.summarize(TEXT));
    }

    @Test
    void garbledNonHexSignatureIs400MalformedSignatureAndDoesNotBurnTheNonce() throws Exception {
        Payment p = payment(stack);
        String garbled = "0x" + "zz".repeat(65);
        assertError(stack.summarize(TEXT, "X-402-Signature", garbled, "X-402-Nonce", p.nonce()), 400, "malformed_signature");
        assertError(stack.summarize(TEXT, "X-402-Signature", "not a signature", "X-402-Nonce", p.nonce()), 400, "malformed_signature");
        assertNotBurned(stack, p);
    }

    @Test
    void sixtyFourByteSignatureIs400MalformedSignatureAndDoesNotBurnTheNonce() throws Exception {
        Payment p = payment(stack);
        String short64 = p.signature().substring(0, 2 + 128);
        assertError(stack.summarize(TEXT, "X-402-Signature", short64, "X-402-Nonce", p.nonce()), 400, "malformed_signature");
        assertNotBurned(stack, p);
    }

    @Test
    void signatureByAnotherKeyWhilePayerNamesTheFixturePayerIs403SignerMismatchAndDoesNotBurnTheNonce() throws Exception {
        Payment p = payment(stack);
        String foreign = GatewayFixture.sign(p.context(), OTHER_KEY);
        assertError(stack.summarize(TEXT, "X-402-Signature", foreign, "X-402-Nonce", p.nonce(), "X-402-Payer", GatewayFixture.PAYER),
                403, "signer_mismatch");
        assertNotBurned(stack, p);
    }

    @Test
    void payerHeaderThatIsNotAnAddressIs400InvalidPayerAndDoesNotBurnTheNonce() throws Exception {
        Payment p = payment(stack);
        assertError(stack.summarize(TEXT, "X-402-Signature", p.signature(), "X-402-Nonce", p.nonce(), "X-402-Payer", "0x1234"),
                400, "invalid_payer");
        assertError(stack.summarize(TEXT, "X-402-Signature", p.signature(), "X-402-Nonce", p.nonce(), "X-402-Payer", "alice"),
                400, "invalid_payer");
        assertNotBurned(stack, p);
    }

    @Test
    void replayedNonceIs409NonceAlreadyUsed() throws Exception {
        Payment p = payment(stack);
        assertEquals(200, stack.summarize(TEXT, p.headers()).statusCode());
        assertError(stack.summarize(TEXT, p.headers()), 409, "nonce_already_used");
    }

    @Test
    void neverIssuedNonceIs400NonceUnknown() throws Exception {
        JsonNode real = stack.challenge();
        Map<String, Object> forged = Map.of("recipient", real.get("recipient").asText(), "token", "USDC", "amount", "0.001",
                "nonce", UUID.randomUUID().toString(), "chainId", 8453);
        JsonNode context = GatewayFixture.JSON.valueToTree(forged);
        String signature = GatewayFixture.sign(context, GatewayFixture.PAYER_KEY);
        assertError(stack.summarize(TEXT, "X-402-Signature", signature, "X-402-Nonce", context.get("nonce").asText()),
                400, "nonce_unknown");
        // A nonce that could never have been issued (control characters / over-long) is unknown too, not a 500.
        assertError(stack.summarize(TEXT, "X-402-Signature", signature, "X-402-Nonce", "n".repeat(300)), 400, "nonce_unknown");
    }

    @Test
    void nonceUsedAfterItsTtlIs400NonceExpired() throws Exception {
        // The gateway remembers an expired nonce for an hour, so any wait past the TTL reads as expired.
        try (GatewayFixture short1s = new GatewayFixture(Map.of("NONCE_TTL_SECONDS", "1"))) {
            Payment p = payment(short1s);
            Thread.sleep(2_200);
            assertError(short1s.summarize(TEXT, p.headers()), 400, "nonce_expired");
        }
    }

    @Test
    void oversizedBodyWithContentLengthIs413PayloadTooLargeAndDoesNotBurnTheNonce() throws Exception {
        try (GatewayFixture small = new GatewayFixture(Map.of("MAX_REQUEST_BODY_BYTES", "2048"))) {
            Payment p = payment(small);
            byte[] big = ("{\"text\":\"" + "a".repeat(4096) + "\"}").getBytes(StandardCharsets.UTF_8);
            assertError(post(small, HttpRequest.BodyPublishers.ofByteArray(big), p.headers()), 413, "payload_too_large");
            assertNotBurned(small, p);
        }
    }

    @Test
    void oversizedChunkedBodyIs413PayloadTooLargeAndDoesNotBurnTheNonce() throws Exception {
        try (GatewayFixture small = new GatewayFixture(Map.of("MAX_REQUEST_BODY_BYTES", "2048"))) {
            Payment p = payment(small);
            byte[] big = ("{\"text\":\"" + "a".repeat(4096) + "\"}").getBytes(StandardCharsets.UTF_8);
            // An input-stream publisher has no known length, so the client sends Transfer-Encoding: chunked.
            assertError(post(small, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)), p.headers()),
                    413, "payload_too_large");
            assertNotBurned(small, p);
        }
    }

    @Test
    void bodyDeclaredOverTheLimitClosesTheConnectionSoItsBytesAreNeverParsedAsAnotherRequest() throws Exception {
        // Request-smuggling guard: after refusing a body it did not read, the gateway must not go on
        // parsing that body's bytes as the next request on the same connection.
        try (GatewayFixture small = new GatewayFixture(Map.of("MAX_REQUEST_BODY_BYTES", "2048"))) {
            Payment p = payment(small);
            String smuggled = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            String request = "POST " + GatewayConfig.SUMMARIZE_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000000\r\n"
                    + "X-402-Signature: " + p.signature() + "\r\nX-402-Nonce: " + p.nonce() + "\r\n\r\n" + smuggled;
            // Whether Undertow parses the leftover bytes races with the response, so try several times.
            for (int attempt = 1; attempt <= 25; attempt++) {
                String answer = rawExchange(small.gateway.port(), request);
                assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
                assertEquals(1, answer.split("HTTP/1\\.1 \\d{3} ", -1).length - 1,
                        "attempt " + attempt + ": the unread body was parsed as a second request:\n" + answer);
            }
            assertNotBurned(small, p);
        }
    }

    /** Writes {@code request} on a fresh socket and returns everything read until the server closes or 2 s of silence. */
    private static String rawExchange(int port, String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = socket.getInputStream().read(buffer); n != -1; n = socket.getInputStream().read(buffer)) {
                    all.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                // silence (connection kept open to drain the body) or a reset: either way, no more responses
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void nonJsonBodyIs400InvalidRequestBodyAndDoesNotBurnTheNonce() throws Exception {
        Payment p = payment(stack);
        assertError(stack.summarize("this is not json", p.headers()), 400, "invalid_request_body");
        assertError(stack.summarize("{\"text\":", p.headers()), 400, "invalid_request_body");
        assertError(stack.summarize("", p.headers()), 400, "invalid_request_body");
        assertNotBurned(stack, p);
    }

    @Test
    void jsonWithoutAStringTextFieldIs400InvalidRequestBodyAndDoesNotBurnTheNonce() throws Exception {
        Payment p = payment(stack);
        assertError(stack.summarize("{\"content\":\"hello\"}", p.headers()), 400, "invalid_request_body");
        assertError(stack.summarize("{\"text\":42}", p.headers()), 400, "invalid_request_body");
        assertError(stack.summarize("{\"text\":null}", p.headers()), 400, "invalid_request_body");
        assertError(stack.summarize("{\"text\":[\"a\"]}", p.headers()), 400, "invalid_request_body");
        assertError(stack.summarize("[\"text\"]", p.headers()), 400, "invalid_request_body");
        assertNotBurned(stack, p);
    }

    @Test
    void emptyOrWhitespaceTextIs400EmptyTextAndDoesNotBurnTheNonce() throws Exception {
        Payment p = payment(stack);
        assertError(stack.summarize("{\"text\":\"\"}", p.headers()), 400, "empty_text");
        assertError(stack.summarize("{\"text\":\" \\t\\n  \"}", p.headers()), 400, "empty_text");
        assertNotBurned(stack, p);
    }

    @Test
    void unknownPathIs404JsonNotFound() throws Exception {
        assertError(Http.get(stack.base + "/no/such/path-" + UUID.randomUUID()), 404, "not_found");
        assertError(Http.post(stack.base + "/api/ai/summarise", "{}"), 404, "not_found");
    }

    @Test
    void wrongMethodOnSummarizeIs405Json() throws Exception {
        assertError(Http.get(stack.base + GatewayConfig.SUMMARIZE_PATH), 405, "method_not_allowed");
        HttpRequest delete = HttpRequest.newBuilder(URI.create(stack.base + GatewayConfig.SUMMARIZE_PATH)).DELETE().build();
        assertError(CLIENT.send(delete, HttpResponse.BodyHandlers.ofString()), 405, "method_not_allowed");
    }

    @Test
    void saneCorrelationIdIsEchoedInTheHeaderAndTheErrorBody() throws Exception {
        String cid = "client-req-0042:abc.DEF_9";
        JsonNode body = assertError(Http.get(stack.base + "/nowhere", "X-Correlation-ID", cid), 404, "not_found");
        assertEquals(cid, body.get("correlation_id").asText());
        JsonNode challenge = assertError(stack.summarize(TEXT, "X-Correlation-ID", cid), 402, "Payment Required");
        assertEquals(cid, challenge.get("correlation_id").asText());
    }

    @Test
    void overLongCorrelationIdIsReplacedByAFreshUuid() throws Exception {
        String tooLong = "x".repeat(65);
        JsonNode body = assertError(Http.get(stack.base + "/nowhere", "X-Correlation-ID", tooLong), 404, "not_found");
        assertFreshUuid(body.get("correlation_id").asText(), tooLong);
    }

    @Test
    void correlationIdWithATabIsReplacedByAFreshUuid() throws Exception {
        String bad = "abc\tdef";
        JsonNode body = assertError(Http.get(stack.base + "/nowhere", "X-Correlation-ID", bad), 404, "not_found");
        assertFreshUuid(body.get("correlation_id").asText(), bad);
    }

    @Test
    void correlationIdWithNonAsciiBytesIsReplacedByAFreshUuid() throws Exception {
        // java.net.http rewrites such bytes to '?', so the header goes over a raw socket as ISO-8859-1.
        String bad = "caf\u00e9";
        RawResponse response = RawResponse.get(stack.gateway.port(), "/nowhere", "X-Correlation-ID: " + bad);
        assertEquals(404, response.status(), response.toString());
        String cid = response.header("X-Correlation-ID");
        assertFreshUuid(cid, bad);
        assertTrue(response.body().contains("\"correlation_id\":\"" + cid + "\""), response.toString());
    }

    @Test
    void correlationIdWithControlBytesIsRefusedByTheHttpParserWithoutA500() throws Exception {
        // Undertow's header parser refuses control bytes (other than tab) with an empty 400 before any
        // handler runs, so no correlation id can be echoed; what matters is that it is not a 500.
        for (String bad : new String[] {"a\u0001b", "a\u007fb"}) {
            RawResponse response = RawResponse.get(stack.gateway.port(), "/nowhere", "X-Correlation-ID: " + bad);
            assertEquals(400, response.status(), response.toString());
        }
        // The connection-level refusal does not disturb the server.
        assertEquals(200, Http.get(stack.base + "/healthz").statusCode());
    }

    /** One HTTP/1.1 exchange over a plain socket, header bytes sent as ISO-8859-1 exactly as given. */
    private record RawResponse(int status, String head, String body) {
        static RawResponse get(int port, String path, String extraHeader) throws IOException {
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(10_000);
                String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeader + "\r\nConnection: close\r\n\r\n";
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                int split = all.indexOf("\r\n\r\n");
                String head = split < 0 ? all : all.substring(0, split);
                String body = split < 0 ? "" : all.substring(split + 4);
                int status = Integer.parseInt(head.split(" ", 3)[1]);
                return new RawResponse(status, head, body);
            }
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private static void assertFreshUuid(String cid, String sent) {
        assertNotEquals(sent, cid);
        assertEquals(cid, UUID.fromString(cid).toString(), "not a UUID: " + cid);
    }
}
