package io.microai.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.http.Json;
import io.microai.shared.receipt.ContentHash;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official x402 client ({@code @x402/fetch} 2.27.0, run by {@code scripts/x402-client/pay.mjs}) pays a real
 * gateway and verifier on loopback, over version 2 and over version 1, and pays and reads the stream route. Node and the client's installed packages
 * are required: without them this test fails, it never skips.
 */
class OfficialX402ClientTest {
    /** The well-known first development account; its key signs nothing of value anywhere. */
    private static final String PAYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final String PAYER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    /** The gateway's default terms: USDC on Base. */
    private static final String USDC_ON_BASE = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913";
    private static final String TEXT = "The official client reads the challenge. It signs an EIP-3009 authorization. The gateway serves the summary.";
    /** Node start-up and two loopback exchanges take seconds; a hung client must not hold the build. */
    private static final long CLIENT_TIMEOUT_SECONDS = 90;

    private static Path harness;

    @BeforeAll
    static void requireTheOfficialClient() throws Exception {
        Path root = repositoryRoot();
        harness = root.resolve("scripts/x402-client/pay.mjs");
        assertTrue(Files.isRegularFile(harness), "missing " + harness);
        Path installed = root.resolve("scripts/x402-client/node_modules/@x402/fetch/package.json");
        assertTrue(Files.isRegularFile(installed), "the official x402 client is not installed: run scripts/x402-client/install"
                + " (scripts/test does) — " + installed + " is missing");
        assertEquals("2.27.0", Json.MAPPER.readTree(installed.toFile()).path("version").asText(),
                "node_modules holds another @x402/fetch than the lockfile's: run scripts/x402-client/install");
        Process node;
        try {
            node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("node is required to run the official x402 client (scripts/install-test-tools installs it)", e);
        }
        assertTrue(node.waitFor(30, TimeUnit.SECONDS), "node --version did not finish");
        assertEquals(0, node.exitValue(), "node --version failed");
    }

    @Test
    void theOfficialClientPaysOverV2ThroughTheRealVerifierAndItsReceiptVerifies() throws Exception {
        try (LiveGateway gateway = LiveGateway.start(Map.of())) {
            JsonNode report = pay(gateway, "v2", "eip155:8453");
            assertPaid(report, gateway, "x402", "eip155:8453", "PAYMENT-SIGNATURE", 2);
            assertNotSettled(report.get("settlement"), "PAYMENT-RESPONSE", "eip155:8453");
        }
    }

    @Test
    void theOfficialClientPaysOverV1WhenTheGatewayOffersV1WithoutV2() throws Exception {
        // A 2.27 client answers the PAYMENT-REQUIRED header whenever it is there, so v1 is proven with v2 turned off.
        try (LiveGateway gateway = LiveGateway.start(Map.of("PAYMENT_PROTOCOLS", "x402-v1,legacy"))) {
            JsonNode report = pay(gateway, "v1", "base");
            assertPaid(report, gateway, "x402-v1", "base", "X-PAYMENT", 1);
            assertNotSettled(report.get("settlement"), "X-PAYMENT-RESPONSE", "base");
        }
    }

    private static void assertPaid(JsonNode report, LiveGateway gateway, String protocol, String network, String paymentHeader,
                                   int version) {
        assertEquals(200, report.path("status").asInt(), report.toString());
        assertTrue(report.path("error").isNull(), report.toString());
        assertFalse(report.at("/body/result").asText("").isBlank(), "the summary: " + report);
        assertEquals(PAYER, report.path("payer").asText());

        JsonNode fetched = report.get("fetched");
        assertEquals(2, fetched.size(), "the challenge and one paid retry: " + fetched);
        URI gatewayUri = URI.create(gateway.base);
        for (JsonNode request : fetched) {
            URI url = URI.create(request.path("url").asText());
            assertEquals("127.0.0.1", url.getHost(), "every request stayed on loopback: " + request);
            assertEquals(gatewayUri.getPort(), url.getPort(), "every request went to the gateway under test: " + request);
        }
        assertEquals(402, fetched.get(0).path("status").asInt());
        assertTrue(fetched.get(0).path("paymentHeader").isMissingNode(), "the first request is unpaid");
        assertEquals(200, fetched.get(1).path("status").asInt());
        assertEquals(paymentHeader, fetched.get(1).at("/paymentHeader/name").asText(), fetched.toString());
        assertEquals(version, fetched.get(1).at("/paymentHeader/decoded/x402Version").asInt(), fetched.toString());

        SignedReceipt receipt = ReceiptVerifier.fromBase64Header(report.path("receipt").asText());
        assertTrue(ReceiptVerifier.verify(receipt, gateway.receiptSignerAddress()), "the receipt is signed by the gateway");
        assertFalse(ReceiptVerifier.verify(receipt, "0x" + "1".repeat(40)), "and by no one else");
        assertEquals(PAYER, receipt.receipt().payment().payer());
        assertEquals(protocol, receipt.receipt().payment().protocol());
        assertEquals("1000", receipt.receipt().payment().amount());
        assertEquals(USDC_ON_BASE, receipt.receipt().payment().asset());
        assertEquals(network, receipt.receipt().payment().network());
        assertEquals("none", receipt.receipt().payment().settlement(), "verified, not settled");
    }

    @Test
    void theOfficialClientPaysTheStreamOverV2AndTheReceiptOfItsDoneEventVerifies() throws Exception {
        try (LiveGateway gateway = LiveGateway.start(Map.of())) {
            String body = Json.MAPPER.writeValueAsString(Map.of("text", TEXT));
            JsonNode report = pay(gateway, GatewayApi.SUMMARIZE_STREAM_PATH, body, "v2", "eip155:8453", "--stream");
            assertEquals(200, report.path("status").asInt(), report.toString());
            assertTrue(report.path("error").isNull(), report.toString());
            JsonNode fetched = report.get("fetched");
            assertEquals(2, fetched.size(), "the challenge and one paid retry: " + fetched);
            assertEquals(402, fetched.get(0).path("status").asInt());
            assertEquals("PAYMENT-SIGNATURE", fetched.get(1).at("/paymentHeader/name").asText(), fetched.toString());

            JsonNode stream = report.get("stream");
            assertTrue(stream.path("chunks").asInt() >= 1, stream.toString());
            assertTrue(stream.path("error").isNull(), stream.toString());
            String text = stream.path("text").asText();
            assertFalse(text.isBlank(), stream.toString());
            assertEquals(text, stream.at("/done/result").asText(), "done's result is the concatenated chunks");

            SignedReceipt receipt = ReceiptVerifier.parse(stream.at("/done/receipt").toString());
            assertTrue(ReceiptVerifier.verify(receipt, gateway.receiptSignerAddress()), "the receipt is signed by the gateway");
            assertFalse(ReceiptVerifier.verify(receipt, "0x" + "1".repeat(40)), "and by no one else");
            assertEquals(ContentHash.sha256(body.getBytes(StandardCharsets.UTF_8)), receipt.receipt().service().requestHash());
            assertEquals(ContentHash.sha256(text.getBytes(StandardCharsets.UTF_8)), receipt.receipt().service().responseHash(),
                    "the receipt signs the streamed text");
            assertEquals(GatewayApi.SUMMARIZE_STREAM_PATH, receipt.receipt().service().endpoint());
            assertEquals(PAYER, receipt.receipt().payment().payer());
            assertEquals("x402", receipt.receipt().payment().protocol());
            assertEquals("1000", receipt.receipt().payment().amount());
        }
    }

    /** Verified here, not settled on chain: the header says so and invents no transaction. */
    private static void assertNotSettled(JsonNode settlement, String header, String network) {
        assertEquals(header, settlement.path("header").asText(), String.valueOf(settlement));
        assertTrue(settlement.path("decodeError").isMissingNode(), "the settlement header decodes: " + settlement);
        assertEquals(false, settlement.path("success").asBoolean(true), settlement.toString());
        assertEquals("not_settled", settlement.path("errorReason").asText(), settlement.toString());
        assertEquals("", settlement.path("transaction").asText("absent"), settlement.toString());
        assertEquals(network, settlement.path("network").asText(), settlement.toString());
        assertEquals(PAYER, settlement.path("payer").asText(), settlement.toString());
    }

    private static JsonNode pay(LiveGateway gateway, String protocol, String network) throws Exception {
        return pay(gateway, GatewayApi.SUMMARIZE_PATH, Json.MAPPER.writeValueAsString(Map.of("text", TEXT)), protocol, network);
    }

    /** Runs the harness once; its one JSON line is the report, whatever the exit code, which must be 0. */
    private static JsonNode pay(LiveGateway gateway, String path, String body, String protocol, String network, String... extra)
            throws Exception {
        Path out = Files.createTempFile("x402-client", ".json");
        Path err = Files.createTempFile("x402-client", ".err");
        Process process = null;
        try {
            List<String> command = new ArrayList<>(List.of("node", harness.toString(),
                    "--url", gateway.base + path, "--protocol", protocol, "--network", network,
                    "--asset", USDC_ON_BASE, "--max-amount", "1000", "--body", body));
            command.addAll(List.of(extra));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("X402_PRIVATE_KEY", PAYER_KEY);
            process = builder.start();
            if (!process.waitFor(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("the official client did not finish in " + CLIENT_TIMEOUT_SECONDS + " s; stderr: " + Files.readString(err));
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), "pay.mjs exit status; stdout: " + stdout + " stderr: " + stderr);
            return Json.MAPPER.readTree(stdout);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("scripts/x402-client")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new AssertionError("no repository root above " + here);
    }
}
