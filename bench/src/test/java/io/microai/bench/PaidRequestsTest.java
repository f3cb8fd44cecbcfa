package io.microai.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.GatewayConfig;
import io.microai.gateway.GatewayServer;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.VerifierApi;
import io.microai.shared.config.Env;
import io.microai.shared.http.Json;
import io.microai.shared.metrics.Metrics;
import io.microai.verifier.VerifierConfig;
import io.microai.verifier.VerifierServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The presigner's lines, read back as paid.lua reads them and sent to a real gateway and verifier. */
class PaidRequestsTest {
    private static final int N = 6;
    private static VerifierServer verifier;
    private static GatewayServer gateway;
    private static String gatewayUrl;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        verifier = VerifierServer.start(VerifierConfig.fromEnv(new Env(Map.of())).withPort(0).withHost("127.0.0.1"));
        gateway = GatewayServer.start(GatewayConfig.fromEnv(new Env(Map.of(
                "VERIFIER_URL", "http://127.0.0.1:" + verifier.port(),
                "RATE_LIMIT_ANONYMOUS_BURST", "100000", "RATE_LIMIT_ANONYMOUS_RPM", "1000000",
                "RATE_LIMIT_STANDARD_BURST", "100000", "RATE_LIMIT_STANDARD_RPM", "1000000")))
                .withListener("127.0.0.1", 0), new Metrics());
        gatewayUrl = "http://127.0.0.1:" + gateway.port();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (verifier != null) {
            verifier.close();
        }
    }

    @Test
    void everyX402LineIsADistinctAuthorizationThatPaysOnceAndOnlyOnce(@TempDir Path dir) throws Exception {
        List<RequestLine> lines = writtenAndReadBack(dir, "x402");
        Set<String> nonces = new HashSet<>();
        for (RequestLine line : lines) {
            assertEquals(GatewayApi.SUMMARIZE_PATH, line.path());
            JsonNode payment = Json.MAPPER.readTree(Base64.getDecoder().decode(line.header("PAYMENT-SIGNATURE")));
            nonces.add(payment.path("payload").path("authorization").path("nonce").asText());
        }
        assertEquals(N, nonces.size(), "every authorization carries its own nonce");
        assertEveryLinePaysOnce(lines);
    }

    @Test
    void everyLegacyLineAnswersItsOwnChallengeAndPaysOnceAndOnlyOnce(@TempDir Path dir) throws Exception {
        List<RequestLine> lines = writtenAndReadBack(dir, "legacy");
        Set<String> nonces = new HashSet<>();
        for (RequestLine line : lines) {
            assertNotNull(line.header("X-402-Signature"));
            nonces.add(line.header("X-402-Nonce"));
        }
        assertEquals(N, nonces.size(), "every payment answers a challenge of its own");
        assertEveryLinePaysOnce(lines);
    }

    @Test
    void verifierBodiesRecoverTheSameSignerOnBothRoutes(@TempDir Path dir) throws Exception {
        for (String mode : List.of("verify", "verify-authorization")) {
            List<RequestLine> lines = writtenAndReadBack(dir, mode);
            Set<String> bodies = new HashSet<>();
            Set<String> signers = new HashSet<>();
            for (RequestLine line : lines) {
                assertEquals(mode.equals("verify") ? VerifierApi.VERIFY_PATH : VerifierApi.VERIFY_AUTHORIZATION_PATH, line.path());
                bodies.add(line.body());
                HttpResponse<String> answer = send("http://127.0.0.1:" + verifier.port(), line);
                assertEquals(200, answer.statusCode(), answer.body());
                JsonNode json = Json.MAPPER.readTree(answer.body());
                assertTrue(json.path("is_valid").asBoolean(), answer.body());
                signers.add(json.path("recovered_address").asText());
            }
            assertEquals(N, bodies.size(), mode + ": every body is distinct");
            assertEquals(1, signers.size(), mode + ": one wallet signs them all");
        }
    }

    @Test
    void aFieldHoldingATabIsRefusedRatherThanWrittenAsTwoFields() {
        assertThrows(IllegalArgumentException.class,
                () -> new RequestLine("/verify", "{\"a\":\"x\ty\"}", List.of("Content-Type: application/json")));
        assertThrows(IllegalArgumentException.class, () -> new RequestLine("/verify", "{}", List.of("no colon")));
    }

    @Test
    void anUnknownModeIsRefusedWithTheModesThatExist() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PaidRequests(gatewayUrl).build("bogus", 1));
        assertTrue(e.getMessage().contains("verify-authorization"), e.getMessage());
    }

    private static List<RequestLine> writtenAndReadBack(Path dir, String mode) throws Exception {
        Path file = dir.resolve(mode + ".txt");
        PaidRequests.write(file, new PaidRequests(gatewayUrl).build(mode, N));
        List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(N, text.size(), "one request per line");
        return text.stream().map(RequestLine::parse).toList();
    }

    private static void assertEveryLinePaysOnce(List<RequestLine> lines) throws Exception {
        for (RequestLine line : lines) {
            HttpResponse<String> paid = send(gatewayUrl, line);
            assertEquals(200, paid.statusCode(), paid.body());
        }
        HttpResponse<String> replayed = send(gatewayUrl, lines.get(0));
        assertTrue(replayed.statusCode() >= 400 && replayed.statusCode() < 500,
                "a replayed payment is refused: " + replayed.statusCode() + " " + replayed.body());
    }

    private static HttpResponse<String> send(String base, RequestLine line) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + line.path()))
                .POST(HttpRequest.BodyPublishers.ofString(line.body()));
        for (String header : line.headers()) {
            int colon = header.indexOf(": ");
            request.header(header.substring(0, colon), header.substring(colon + 2));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
